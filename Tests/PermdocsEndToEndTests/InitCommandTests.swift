import Foundation
import Testing
import PermdocsTestSupport

/// Every file under `root`, relative to it, sorted.
private func tree(_ root: String) -> [String] {
    (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []).filter {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: root + "/" + $0, isDirectory: &isDirectory) && !isDirectory.boolValue
    }.sorted()
}

@Suite("permdocs init (real binary)")
struct InitCommandTests {
    @Test func aNewHelpCenterBuildsAndChecksCleanAtOnce() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let dir = folder.path + "/help"
        let r = try Binary.run(["init", dir])
        #expect(r.status == 0)
        #expect(r.stderr == "")
        // Seven content and schema files, and every file of the repository's templates.
        let expected =
            [
                "content/articles/getting-started.md", "content/changes.yaml", "content/permissions.yaml",
                "content/procedures/grant-admin-consent.yaml", "schemas/catalog.schema.json", "schemas/changes.schema.json",
                "schemas/procedure.schema.json",
            ] + tree(Repo.path("templates")).map { "templates/\($0)" }
        #expect(r.stdout.hasPrefix("Wrote a new help center to \(dir) (\(expected.count) files). Build it:\n"))
        #expect(tree(dir) == expected)

        let build = try Binary.run(["build", "--content", dir + "/content", "--templates", dir + "/templates", "--output", dir + "/output"])
        #expect(build.status == 0)
        #expect(build.stderr == "permdocs: 0 errors, 0 warnings\npermdocs: wrote 13 files to \(dir)/output\n")
        let check = try Binary.run(["check", "--content", dir + "/content"])
        #expect(check.status == 0)
        #expect(check.stderr == "permdocs: 0 errors, 0 warnings\n")
        let page = try String(contentsOfFile: dir + "/output/getting-started.html", encoding: .utf8)
        #expect(page.contains("Grant admin consent for your organization"))
        #expect(page.contains("User.Read"))
    }

    @Test func theTemplatesAreTheRepositorysByteForByte() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        #expect(try Binary.run(["init"], in: folder.path).status == 0)
        for file in tree(Repo.path("templates")) {
            let written = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/templates/" + file))
            let original = try Data(contentsOf: URL(fileURLWithPath: Repo.path("templates/" + file)))
            #expect(written == original, "templates/\(file)")
        }
        for kind in ["catalog", "procedure", "changes"] {
            let written = try String(contentsOfFile: folder.path + "/schemas/\(kind).schema.json", encoding: .utf8)
            let committed = try String(contentsOfFile: Repo.path("schemas/\(kind).schema.json"), encoding: .utf8)
            #expect(written == committed)
        }
    }

    @Test func aNonEmptyFolderIsRefusedAndLeftAsItWas() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write(".keep", "")
        let r = try Binary.run(["init", folder.path])
        #expect(r.status == 2)
        #expect(r.stdout == "")
        #expect(r.stderr == "permdocs: error: '\(folder.path)' is not empty; init writes a new help center into a new or empty folder\n")
        #expect(tree(folder.path) == [".keep"])
    }

    @Test func aFileIsRefused() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write("notes.txt", "mine")
        let r = try Binary.run(["init", folder.path + "/notes.txt"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("is a file"))
        #expect(try String(contentsOfFile: folder.path + "/notes.txt", encoding: .utf8) == "mine")
    }
}
