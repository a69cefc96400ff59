import Testing
import Foundation
import PermdocsTestSupport

/// A copy of the example content and templates.
private func workspace() throws -> TempFolder {
    let temp = try TempFolder(prefix: "permdocs-reports")
    for folder in ["content", "templates"] {
        try FileManager.default.copyItem(atPath: Repo.path(folder), toPath: temp.path + "/" + folder)
    }
    return temp
}

@Suite("Reports are well-formed in every format (real binary)")
struct ReportShapeTests {
    /// A file name from content that holds a newline and a GitHub Actions command stays on its
    /// finding's line, escaped: no stderr line starts with `::`.
    @Test func theTextFormatPrintsOneLinePerFindingWhateverThePathHolds() throws {
        let w = try workspace()
        defer { w.remove() }
        try "no front matter\n".write(
            toFile: w.path + "/content/articles/x\n::add-mask::secret\r::error::owned.md", atomically: false, encoding: .utf8)
        let r = try Binary.run(["build"], in: w.path)
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(!lines.contains { $0.hasPrefix("::") || $0.contains("\r") }, "\(r.stderr)")
        #expect(r.stderr.contains("content/articles/x\\n::add-mask::secret\\r::error::owned.md:1:1: error: "), "\(r.stderr)")
    }

    /// A catalog finding about a feature's scope names both in JSON (and SARIF's properties).
    @Test func catalogFindingsInJSONCarryTheirFeatureAndScope() throws {
        let w = try workspace()
        defer { w.remove() }
        let catalog = w.path + "/content/permissions.yaml"
        let text = try String(contentsOfFile: catalog, encoding: .utf8)
        try text.replacingOccurrences(
            of: "scopes: [offline_access, User.Read, Mail.Send, Mail.ReadWrite, email, openid]",
            with: "scopes: [offline_access, User.Read, Mail.Send, Mail.ReadWrite, email, openid, Mail.Raed, mail.send]"
        ).write(toFile: catalog, atomically: false, encoding: .utf8)
        let r = try Binary.run(["check", "--format", "json"], in: w.path)
        #expect(r.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        let unknown = try #require(findings.first { $0["kind"] as? String == "unknown-scope" })
        #expect(unknown["feature"] as? String == "mailbox")
        #expect(unknown["scope"] as? String == "Mail.Raed")
        let duplicate = try #require(findings.first { $0["kind"] as? String == "duplicate-scope" })
        #expect(duplicate["feature"] as? String == "mailbox")
        #expect(duplicate["scope"] as? String == "mail.send")
        let sarif = try Binary.run(["check", "--format", "sarif"], in: w.path)
        #expect(sarif.stdout.contains("\"feature\": \"mailbox\""))
        #expect(sarif.stdout.contains("\"scope\": \"Mail.Raed\""))
        // The change log's findings name the feature and scope too.
        try text.replacingOccurrences(
            of: "scopes: [offline_access, User.Read, Mail.Send, Mail.ReadWrite, email, openid]",
            with: "scopes: [offline_access, User.Read, Mail.Send, Mail.ReadWrite, email, openid, User.ReadBasic.All]"
        ).write(toFile: catalog, atomically: false, encoding: .utf8)
        let log = try Binary.run(["check", "--format", "json"], in: w.path)
        let logJSON = try #require(try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [String: Any])
        let unlogged = try #require((logJSON["findings"] as? [[String: Any]])?.first { $0["kind"] as? String == "unlogged-scope-change" })
        #expect(unlogged["feature"] as? String == "mailbox")
        #expect(unlogged["scope"] as? String == "User.ReadBasic.All")
    }
}

@Suite("The step summary is a path permdocs writes (real binary)")
struct StepSummaryPathTests {
    /// `$GITHUB_STEP_SUMMARY` naming a source file or a path inside a source folder is refused:
    /// permdocs never appends its report to the catalog, an article or client code.
    @Test(arguments: ["content/permissions.yaml", "content/articles/new.md", "content"])
    func aStepSummaryInsideASourceIsRefused(summary: String) throws {
        let temp = try TempFolder(prefix: "permdocs-summary")
        defer { temp.remove() }
        for folder in ["content", "templates"] {
            try FileManager.default.copyItem(atPath: Repo.path(folder), toPath: temp.path + "/" + folder)
        }
        let before = try String(contentsOfFile: temp.path + "/content/permissions.yaml", encoding: .utf8)
        let r = try Binary.run(["check", "--format", "github"], in: temp.path, environment: ["GITHUB_STEP_SUMMARY": summary])
        #expect(r.status == 2)
        #expect(r.stderr == "permdocs: error: $GITHUB_STEP_SUMMARY \(summary): is content or inside it; refusing to write into a source\n")
        #expect(try String(contentsOfFile: temp.path + "/content/permissions.yaml", encoding: .utf8) == before)
        #expect(!FileManager.default.fileExists(atPath: temp.path + "/content/articles/new.md"))
    }
}
