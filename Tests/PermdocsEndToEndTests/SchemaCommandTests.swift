import Foundation
import Testing
import PermdocsTestSupport

/// Runs `scripts/schema-check SCHEMA FILE...` (Python jsonschema, installed by scripts/install-deps).
private func schemaCheck(_ schema: String, _ files: [String]) throws -> (status: Int32, stdout: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", Repo.path("scripts/schema-check"), Repo.path("schemas/\(schema).schema.json")] + files
    let out = Pipe()
    process.standardOutput = out
    process.standardError = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

@Suite("permdocs schema (real binary)")
struct SchemaCommandTests {
    @Test(arguments: ["catalog", "procedure", "changes"])
    func theCommittedSchemaIsWhatTheCommandPrints(kind: String) throws {
        let r = try Binary.run(["schema", kind])
        #expect(r.status == 0)
        #expect(r.stderr == "")
        let committed = try String(contentsOfFile: Repo.path("schemas/\(kind).schema.json"), encoding: .utf8)
        #expect(r.stdout == committed, "schemas/\(kind).schema.json is stale: permdocs schema \(kind) > schemas/\(kind).schema.json")
    }

    @Test func anUnknownKindIsAUsageError() throws {
        let r = try Binary.run(["schema", "catalogue"])
        #expect(r.status == 2)
        #expect(r.stdout == "")
        #expect(r.stderr.contains("Please provide one of 'catalog', 'procedure' or 'changes'"))
    }

    @Test func theExampleFilesNameTheirSchemaOnTheFirstLine() throws {
        let procedures = try FileManager.default.contentsOfDirectory(atPath: Repo.path("content/procedures")).filter {
            $0.hasSuffix(".yaml")
        }
        let files =
            [("content/permissions.yaml", "../schemas/catalog.schema.json"), ("content/changes.yaml", "../schemas/changes.schema.json")]
            + procedures.map { ("content/procedures/\($0)", "../../schemas/procedure.schema.json") }
        for (file, schema) in files {
            let text = try String(contentsOfFile: Repo.path(file), encoding: .utf8)
            #expect(text.hasPrefix("# yaml-language-server: $schema=\(schema)\n"), "\(file)")
        }
    }

    @Test func theSchemasValidateTheExampleFiles() throws {
        let procedures = try FileManager.default.contentsOfDirectory(atPath: Repo.path("content/procedures"))
            .filter { $0.hasSuffix(".yaml") }.sorted().map { Repo.path("content/procedures/\($0)") }
        #expect(!procedures.isEmpty)
        for (schema, files) in [
            ("catalog", [Repo.path("content/permissions.yaml")]), ("changes", [Repo.path("content/changes.yaml")]),
            ("procedure", procedures),
        ] {
            let r = try schemaCheck(schema, files)
            #expect(r.status == 0, "\(schema): \(r.stdout)")
            #expect(r.stdout == "")
        }
    }

    @Test func aTypoedKeyIsRejectedByTheSchemaAsByPermdocs() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try FileManager.default.copyItem(atPath: Repo.path("content"), toPath: folder.path + "/content")
        let catalog = folder.path + "/content/permissions.yaml"
        let text = try String(contentsOfFile: catalog, encoding: .utf8)
        try text.replacingOccurrences(of: "\n  redirect_uri:", with: "\n  redirect_url:").write(
            toFile: catalog, atomically: true, encoding: .utf8)

        let r = try schemaCheck("catalog", [catalog])
        #expect(r.status == 1)
        #expect(r.stdout.contains("app: Additional properties are not allowed ('redirect_url' was unexpected)"))
        #expect(r.stdout.contains("app: 'redirect_uri' is a required property"))

        let check = try Binary.run(["check", "--content", folder.path + "/content"])
        #expect(check.status == 1)
        #expect(check.stderr.contains("unknown key 'redirect_url' in 'app'; did you mean 'redirect_uri'?"))
    }

    @Test func aTypoedStepKeyIsRejected() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write(
            "p.yaml",
            """
            title: T
            scenarios: [everyone]
            steps:
              - text: Open the portal.
                warnng: Careful.
            """)
        let r = try schemaCheck("procedure", [folder.path + "/p.yaml"])
        #expect(r.status == 1)
        #expect(
            r.stdout.contains("'warnng' was unexpected") || r.stdout.contains("is not valid under any of the given schemas"), "\(r.stdout)")
    }
}
