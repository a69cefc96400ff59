import Testing
import Foundation
import PermdocsTestSupport

private let drifted = Repo.path("Tests/PermdocsDriftTests/Fixtures/drifted")

@Suite("permdocs check --client, every format (real binary)")
struct CheckFormatsTests {
    static let arguments = ["check", "--content", "content", "--client", "client", "--manifest", "client/manifest.json"]

    @Test func textGoesToStderrPinnedByItsGoldenFile() throws {
        let r = try Binary.run(Self.arguments, in: drifted)
        #expect(r.status == 1)
        #expect(r.stdout == "")
        #expect(Golden.mismatch(r.stderr, golden: drifted + "/expected/text.txt") == nil)
    }

    @Test(arguments: ["json", "github", "sarif"])
    func machineFormatsGoToStdoutPinnedByGoldenFiles(format: String) throws {
        let r = try Binary.run(Self.arguments + ["--format", format], in: drifted)
        #expect(r.status == 1)
        #expect(r.stderr == "")
        #expect(Golden.mismatch(r.stdout, golden: drifted + "/expected/\(format).\(format == "github" ? "txt" : "json")") == nil)
    }

    @Test func jsonFilesAreRelativeToTheirRoots() throws {
        let r = try Binary.run(Self.arguments + ["--format", "json"], in: drifted)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let findings = try #require(root["findings"] as? [[String: Any]])
        let files = Set(findings.compactMap { $0["file"] as? String })
        #expect(files == ["config/oauth.yml", "manifest.json", "permissions.yaml", "src/mail.ts"])
        let summary = try #require(root["summary"] as? [String: Int])
        #expect(summary == ["errors": findings.filter { $0["severity"] as? String == "error" }.count, "warnings": 2])
    }

    @Test func sarifListsEveryRuleAndPointsResultsAtThem() throws {
        let r = try Binary.run(Self.arguments + ["--format", "sarif"], in: drifted)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(root["version"] as? String == "2.1.0")
        let run = try #require((root["runs"] as? [[String: Any]])?.first)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let ids = rules.compactMap { $0["id"] as? String }
        for result in try #require(run["results"] as? [[String: Any]]) {
            let ruleId = try #require(result["ruleId"] as? String)
            #expect(ids[try #require(result["ruleIndex"] as? Int)] == ruleId)
        }
    }

    @Test func warningsPassUnlessStrict() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        try FileManager.default.copyItem(atPath: drifted + "/content", toPath: temp.path + "/content")
        try temp.write("client/src/mail.ts", "export const MAIL_SCOPES = ['offline_access', 'user.read', 'Mail.Send'];\n")
        try temp.write("client/config/oauth.yml", "microsoft: {calendar: {scopes: [offline_access, Calendars.ReadWrite]}}\n")
        try temp.write("client/src/gone.kt", "val scopes = listOf(\"offline_access\", \"Calendars.ReadWrite\")\n")
        let lenient = try Binary.run(["check", "--client", "client"], in: temp.path)
        #expect(lenient.status == 0)
        #expect(lenient.stderr == "client/src/mail.ts:1:48: warning: 'user.read' is written 'User.Read' in the catalog [scope-case]\npermdocs: 0 errors, 1 warning\n")
        #expect(try Binary.run(["check", "--client", "client", "--strict"], in: temp.path).status == 1)
    }

    @Test func aMissingClientFolderExitsTwo() throws {
        let r = try Binary.run(["check", "--client", "nowhere"], in: drifted)
        #expect(r.status == 2)
        #expect(r.stderr == "permdocs: error: nowhere: client folder not found\n")
    }

    @Test func theExampleClientIsCleanThroughTheBinary() throws {
        let r = try Binary.run(["check", "--client", "examples/client", "--manifest", "examples/client/entra-app-manifest.json"], in: Repo.root)
        #expect(r.status == 0)
        #expect(r.stderr == "permdocs: 0 errors, 0 warnings\n")
    }
}

@Suite("Hostile scope strings in client code")
struct HostileClientTests {
    /// A scope string can hold anything; no output format may let it out of its field: no second
    /// GitHub workflow command, valid JSON and SARIF, one text line per finding.
    @Test func payloadsInScopeStringsStayInsideTheirField() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        try FileManager.default.copyItem(atPath: Repo.path("Tests/PermdocsDriftTests/Fixtures/drifted/content"), toPath: temp.path + "/content")
        try temp.write("client/src/mail.ts", #"export const MAIL_SCOPES = ["offline_access", "User.Read", "Mail.Send", "x\n::error file=evil::pwned%0A<script>alert(1)</script>,title"];"# + "\n")
        try temp.write("client/config/oauth.yml", "microsoft: {calendar: {scopes: [offline_access, Calendars.ReadWrite]}}\n")
        try temp.write("client/src/gone.kt", "val scopes = listOf(\"offline_access\", \"Calendars.ReadWrite\")\n")
        let github = try Binary.run(["check", "--client", "client", "--format", "github"], in: temp.path)
        #expect(github.status == 1)
        // The escaped newline splits the literal into three words, so three findings, each a
        // command of permdocs' own; the payload's own %0A is escaped so it cannot become a newline.
        let lines = github.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.hasPrefix("::error file=client/src/mail.ts,line=1,col=73,title=unknown-scope::unknown scope '") })
        #expect(!lines.contains { $0.hasPrefix("::error file=evil") })
        #expect(github.stdout.contains("file=evil::pwned%250A<script>alert(1)</script>,title'"))
        for format in ["json", "sarif"] {
            let r = try Binary.run(["check", "--client", "client", "--format", format], in: temp.path)
            let parsed = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
            #expect(parsed != nil, "\(format) output is not valid JSON")
            #expect(r.stdout.contains("file=evil::pwned%0A<script>alert(1)</script>,title"))
        }
        let text = try Binary.run(["check", "--client", "client"], in: temp.path)
        #expect(text.stderr.split(separator: "\n").filter { $0.hasPrefix("client/src/mail.ts:1:73: error: unknown scope '") }.count == 3)
        #expect(text.stderr.split(separator: "\n").count == 4)
    }
}
