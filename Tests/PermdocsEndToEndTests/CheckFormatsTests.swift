import Testing
import Foundation
import PermdocsTestSupport

private let drifted = Repo.path("Tests/PermdocsDriftTests/Fixtures/drifted")

/// GitHub's slugs of the README's headings: lowercase, spaces as '-', punctuation dropped.
private let readmeAnchors: Set<String> = {
    let readme = (try? String(contentsOfFile: Repo.path("README.md"), encoding: .utf8)) ?? ""
    return Set(
        readme.split(separator: "\n").filter { $0.hasPrefix("#") }.map { line in
            let title = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces).lowercased()
            return String(
                title.compactMap { c -> Character? in
                    if c == " " { return "-" }
                    return c.isLetter || c.isNumber || c == "-" || c == "_" ? c : nil
                })
        })
}()

@Suite("permdocs check --client, every format (real binary)")
struct CheckFormatsTests {
    static let arguments = ["check", "--content", "content", "--client", "client", "--manifest", "client/manifest.json"]

    @Test func textGoesToStderrPinnedByItsGoldenFile() throws {
        let r = try Binary.run(Self.arguments, in: drifted)
        #expect(r.status == 1)
        #expect(r.stdout == "")
        #expect(Golden.mismatch(r.stderr, golden: drifted + "/expected/text.txt") == nil)
    }

    @Test(arguments: ["json", "github", "sarif", "markdown"])
    func machineFormatsGoToStdoutPinnedByGoldenFiles(format: String) throws {
        // An empty GITHUB_STEP_SUMMARY (as outside Actions): github prints annotations only.
        let r = try Binary.run(Self.arguments + ["--format", format], in: drifted, environment: ["GITHUB_STEP_SUMMARY": ""])
        #expect(r.status == 1)
        #expect(r.stderr == "")
        let ext = ["github": "txt", "markdown": "md"][format] ?? "json"
        #expect(Golden.mismatch(r.stdout, golden: drifted + "/expected/\(format).\(ext)") == nil)
    }

    @Test func githubAppendsTheMarkdownSummaryToTheStepSummary() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        // GitHub's file already holds an earlier step's summary: permdocs appends.
        try temp.write("summary.md", "earlier step\n")
        let r = try Binary.run(
            Self.arguments + ["--format", "github"], in: drifted, environment: ["GITHUB_STEP_SUMMARY": temp.path + "/summary.md"])
        #expect(r.status == 1)
        #expect(r.stderr == "")
        #expect(Golden.mismatch(r.stdout, golden: drifted + "/expected/github.txt") == nil)
        let summary = try String(contentsOfFile: temp.path + "/summary.md", encoding: .utf8)
        #expect(summary.hasPrefix("earlier step\n## permdocs check\n"))
        #expect(Golden.mismatch(summary, golden: drifted + "/expected/github-step-summary.md") == nil)
        // The same summary as --format markdown: under GitHub's cap, no sentence about hidden annotations.
        let markdown = try Binary.run(Self.arguments + ["--format", "markdown"], in: drifted)
        #expect(summary == "earlier step\n" + markdown.stdout)
    }

    @Test func theStepSummarySaysHowManyAnnotationsGitHubHides() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        try FileManager.default.copyItem(atPath: drifted + "/content", toPath: temp.path + "/content")
        // 12 undocumented scopes (errors) and 11 case mismatches (warnings) in one list, plus the
        // catalog's own findings for this client.
        let errors = [
            "Mail.Read", "Mail.ReadWrite", "Mail.ReadBasic", "Mail.ReadBasic.All", "Mail.Read.Shared", "Mail.ReadWrite.Shared",
            "Mail.Send.Shared", "Contacts.Read", "Contacts.ReadWrite", "Tasks.Read", "Tasks.ReadWrite", "Notes.Read",
        ]
        let warnings = (0..<11).map { _ in "'USER.READ'" }
        let list = (["'offline_access'", "'User.Read'", "'Mail.Send'"] + errors.map { "'\($0)'" } + warnings).joined(separator: ", ")
        try temp.write("client/src/mail.ts", "export const MAIL_SCOPES = [\(list)];\n")
        try temp.write("client/config/oauth.yml", "microsoft: {calendar: {scopes: [offline_access, Calendars.ReadWrite]}}\n")
        try temp.write("client/src/gone.kt", "val scopes = listOf(\"offline_access\", \"Calendars.ReadWrite\")\n")
        let text = try Binary.run(["check", "--client", "client"], in: temp.path)
        let counts = try #require(text.stderr.split(separator: "\n").last)
        let summaryPath = temp.path + "/summary.md"
        let r = try Binary.run(
            ["check", "--client", "client", "--format", "github"], in: temp.path, environment: ["GITHUB_STEP_SUMMARY": summaryPath])
        #expect(r.status == 1)
        let annotations = r.stdout.split(separator: "\n")
        let e = annotations.filter { $0.hasPrefix("::error ") }.count
        let w = annotations.filter { $0.hasPrefix("::warning ") }.count
        #expect(counts == "permdocs: \(e) errors, \(w) warnings")
        #expect(e == 12 && w > 10)
        let summary = try String(contentsOfFile: summaryPath, encoding: .utf8)
        #expect(
            summary.contains(
                "\nGitHub shows at most 10 error and 10 warning annotations per step: 2 errors and \(w - 10) warning\(w - 10 == 1 ? "" : "s") are not annotated on the pull request and appear only here.\n"
            ))
        let markdown = try Binary.run(["check", "--client", "client", "--format", "markdown"], in: temp.path)
        #expect(!markdown.stdout.contains("GitHub shows"))
    }

    @Test func anUnwritableStepSummaryExitsTwoAfterTheAnnotations() throws {
        let r = try Binary.run(
            Self.arguments + ["--format", "github"], in: drifted, environment: ["GITHUB_STEP_SUMMARY": "/nonexistent-folder/summary.md"])
        #expect(r.status == 2)
        #expect(Golden.mismatch(r.stdout, golden: drifted + "/expected/github.txt") == nil)
        #expect(r.stderr == "permdocs: error: /nonexistent-folder/summary.md: cannot write the step summary ($GITHUB_STEP_SUMMARY)\n")
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
        // Every rule explains itself and links the README section that documents it.
        for rule in rules {
            let id = try #require(rule["id"] as? String)
            #expect((rule["shortDescription"] as? [String: Any])?["text"] as? String != nil, "\(id)")
            let full = try #require((rule["fullDescription"] as? [String: Any])?["text"] as? String, "\(id)")
            #expect(full.contains("Rule '\(id)'"))
            let uri = try #require(rule["helpUri"] as? String, "\(id)")
            let anchor = try #require(uri.split(separator: "#").last.map(String.init))
            #expect(uri.hasPrefix("https://github.com/permdocs/permdocs/blob/main/README.md#"))
            #expect(readmeAnchors.contains(anchor), "\(id): no README heading for #\(anchor)")
        }
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
        #expect(
            lenient.stderr
                == "client/src/mail.ts:1:48: warning: 'user.read' is written 'User.Read' in the catalog [scope-case]\npermdocs: 0 errors, 1 warning\n"
        )
        #expect(try Binary.run(["check", "--client", "client", "--strict"], in: temp.path).status == 1)
    }

    @Test func aMissingClientFolderExitsTwo() throws {
        let r = try Binary.run(["check", "--client", "nowhere"], in: drifted)
        #expect(r.status == 2)
        #expect(r.stderr == "permdocs: error: nowhere: client folder not found\n")
    }

    @Test func theExampleClientIsCleanThroughTheBinary() throws {
        let r = try Binary.run(
            ["check", "--client", "examples/client", "--manifest", "examples/client/entra-app-manifest.json"], in: Repo.root)
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
        try FileManager.default.copyItem(
            atPath: Repo.path("Tests/PermdocsDriftTests/Fixtures/drifted/content"), toPath: temp.path + "/content")
        try temp.write(
            "client/src/mail.ts",
            #"export const MAIL_SCOPES = ["offline_access", "User.Read", "Mail.Send", "x\n::error file=evil::pwned%0A<script>alert(1)</script>,title"];"#
                + "\n")
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
        // Markdown: the payload stays text inside its table cell, never HTML or a new row.
        let markdown = try Binary.run(["check", "--client", "client", "--format", "markdown"], in: temp.path)
        #expect(markdown.status == 1)
        #expect(!markdown.stdout.contains("<script>"))
        #expect(markdown.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt;,title"))
        let rows = markdown.stdout.split(separator: "\n").filter { $0.hasPrefix("| error ") }
        #expect(rows.count == 3)
        #expect(rows.allSatisfy { $0.components(separatedBy: " | ").count == 5 })
        let text = try Binary.run(["check", "--client", "client"], in: temp.path)
        #expect(text.stderr.split(separator: "\n").filter { $0.hasPrefix("client/src/mail.ts:1:73: error: unknown scope '") }.count == 3)
        #expect(text.stderr.split(separator: "\n").count == 4)
    }
}
