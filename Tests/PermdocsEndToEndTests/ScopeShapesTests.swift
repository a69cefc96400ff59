import Testing
import Foundation
import PermdocsTestSupport

/// Real shapes of scope requests (issue 16): a catalog documents exactly what each client requests,
/// `check` is clean on it, and one injected drift per shape is caught at its line through the binary.
private let shapes = Repo.path("Tests/PermdocsEndToEndTests/Fixtures/shapes")

/// (file under client/, text to replace, replacement, the one finding expected).
private let injections: [(file: String, old: String, new: String, finding: String)] = [
    // TypeScript: provider table with repeated `scope:` keys (after: "microsoft:"), `MS_SCOPES.join(' ')`.
    (
        "scheduler/src/auth.ts", "'User.Read', 'Calendars.ReadWrite']", "'User.Read', 'Calendars.ReadWrite', 'Mail.Read']",
        "client/scheduler/src/auth.ts:3:96: error: the client requests 'Mail.Read' for feature 'scheduler', but the catalog does not list it [undocumented-scope]"
    ),
    // TypeScript: the refresh request is a subset; it may not add a scope.
    (
        "scheduler/src/auth.ts", "scope: 'offline_access Calendars.ReadWrite'", "scope: 'offline_access Calendars.ReadWrite Mail.Send'",
        "client/scheduler/src/auth.ts:17:106: error: the client requests 'Mail.Send' for feature 'scheduler', but the catalog does not list it [undocumented-scope]"
    ),
    // Ruby (CRLF checkout): OmniAuth providers, Google's `scope:` first.
    (
        "helpdesk/config/omniauth.rb", "Mail.ReadWrite Mail.Send\"", "Mail.ReadWrite Mail.Send Mail.Read\"",
        "client/helpdesk/config/omniauth.rb:5:67: error: the client requests 'Mail.Read' for feature 'helpdesk', but the catalog does not list it [undocumented-scope]"
    ),
    // PHP: the second `'scope' =>` (occurrence: 2), Outlook-resource scopes.
    (
        "webmail/config/oauth.php", "            'https://outlook.office.com/SMTP.Send',\n",
        "            'https://outlook.office.com/SMTP.Send',\n            'https://outlook.office.com/POP.AccessAsUser.All',\n",
        "client/webmail/config/oauth.php:12:14: error: the client requests 'https://outlook.office.com/POP.AccessAsUser.All' for feature 'webmail', but the catalog does not list it [undocumented-scope]"
    ),
    // Python: `.default` through two constants.
    (
        "archiver/graph.py", "SCOPES = [GRAPH_DEFAULT]", "SCOPES = [GRAPH_DEFAULT, \"Files.Read.All\"]",
        "client/archiver/graph.py:2:27: error: the client requests 'Files.Read.All' for feature 'archiver', but the catalog does not list it [undocumented-scope]"
    ),
    // JavaScript: `OUTLOOK + 'SMTP.Send'` with the outlook.office365.com spelling.
    (
        "mailapi/oauth.js", "  OUTLOOK + 'SMTP.Send',\n", "  OUTLOOK + 'SMTP.Send',\n  OUTLOOK + 'EWS.AccessAsUser.All',\n",
        "client/mailapi/oauth.js:6:14: error: the client requests 'https://outlook.office.com/EWS.AccessAsUser.All' for feature 'mailapi', but the catalog does not list it [undocumented-scope]"
    ),
    // C#: a declared custom API; a scope it does not declare is unknown.
    (
        "uploader/Auth.cs", "        Api + \"Upload.Write\",\n", "        Api + \"Upload.Write\",\n        Api + \"Upload.Delete\",\n",
        "client/uploader/Auth.cs:6:16: error: unknown scope 'api://3f1b2c4d-1111-4222-8333-444455556666/Upload.Delete' on resource 'api://3f1b2c4d-1111-4222-8333-444455556666', which the catalog does not declare [unknown-scope]"
    ),
    // Go: a gofmt-aligned var block read through `Scopes: scopeAccess,` and through its own anchor (reported once).
    (
        "cloudsync/onedrive/onedrive.go", "\"Files.ReadWrite.All\", \"offline_access\"}",
        "\"Files.ReadWrite.All\", \"offline_access\", \"Sites.Read.All\"}",
        "client/cloudsync/onedrive/onedrive.go:5:123: error: the client requests 'Sites.Read.All' for feature 'cloudsync', but the catalog does not list it [undocumented-scope]"
    ),
    // Kotlin: `scopes = listOf(` after the Gmail one.
    (
        "mailclient/src/Providers.kt", "            \"email\",\n",
        "            \"email\",\n            \"https://outlook.office.com/POP.AccessAsUser.All\",\n",
        "client/mailclient/src/Providers.kt:11:14: error: the client requests 'https://outlook.office.com/POP.AccessAsUser.All' for feature 'mailclient', but the catalog does not list it [undocumented-scope]"
    ),
    // Kotlin: lower-case scopes, accepted with `scope_case: insensitive`; an added one is still caught.
    (
        "mailclient/src/Providers.kt", "listOf(\"mail.readwrite\", \"offline_access\")",
        "listOf(\"mail.readwrite\", \"offline_access\", \"mail.send\")",
        "client/mailclient/src/Providers.kt:13:86: error: the client requests 'Mail.Send' for feature 'mailclient-graph', but the catalog does not list it [undocumented-scope]"
    ),
    // Java: `String.join(" ", SCOPES)`.
    (
        "java/GraphAuth.java", "List.of(\"User.Read\", \"Mail.Send\")", "List.of(\"User.Read\", \"Mail.Send\", \"Mail.Read\")",
        "client/java/GraphAuth.java:2:83: error: the client requests 'Mail.Read' for feature 'java', but the catalog does not list it [undocumented-scope]"
    ),
    // Swift: the refresh subset.
    (
        "ios/GraphAuth.swift", "refreshScopes = [\"offline_access\", \"Files.ReadWrite\"]",
        "refreshScopes = [\"offline_access\", \"Files.ReadWrite\", \"Files.Read.All\"]",
        "client/ios/GraphAuth.swift:4:71: error: the client requests 'Files.Read.All' for feature 'ios', but the catalog does not list it [undocumented-scope]"
    ),
    // Elixir: `Enum.join(@scopes, " ")`.
    (
        "elixir/microsoft.ex", "~w(openid offline_access Calendars.Read)", "~w(openid offline_access Calendars.Read Calendars.ReadWrite)",
        "client/elixir/microsoft.ex:2:51: error: the client requests 'Calendars.ReadWrite' for feature 'elixir', but the catalog does not list it [undocumented-scope]"
    ),
]

@Suite("Scope drift on real shapes (real binary)")
struct ScopeShapesTests {
    @Test func theCatalogDocumentsEveryShapeAndCheckIsCleanEvenStrict() throws {
        let r = try Binary.run(["check", "--client", "client", "--strict"], in: shapes)
        #expect(r.stderr == "permdocs: 0 errors, 0 warnings\n")
        #expect(r.status == 0)
    }

    @Test func withoutScopeCaseInsensitiveTheLowerCaseScopeWarns() throws {
        let r = try Binary.run(["check", "--client", "client", "--scope-case", "warn", "--strict"], in: shapes)
        #expect(
            r.stderr
                == "client/mailclient/src/Providers.kt:13:50: warning: 'mail.readwrite' is written 'Mail.ReadWrite' in the catalog [scope-case]\npermdocs: 0 errors, 1 warning\n"
        )
        #expect(r.status == 1)
    }

    @Test(arguments: injections.indices)
    func oneInjectedDriftPerShapeIsCaughtAtItsLine(index: Int) throws {
        let i = injections[index]
        let temp = try TempFolder()
        defer { temp.remove() }
        try FileManager.default.copyItem(atPath: shapes + "/content", toPath: temp.path + "/content")
        try FileManager.default.copyItem(atPath: shapes + "/client", toPath: temp.path + "/client")
        let file = temp.path + "/client/" + i.file
        let text = try String(contentsOfFile: file, encoding: .utf8)
        // The Ruby file is a CRLF checkout: the injection keeps its line endings.
        #expect(text.contains(i.old))
        try text.replacingOccurrences(of: i.old, with: i.new).write(toFile: file, atomically: true, encoding: .utf8)
        let r = try Binary.run(["check", "--client", "client"], in: temp.path)
        #expect(r.stderr == i.finding + "\npermdocs: 1 error, 0 warnings\n")
        #expect(r.status == 1)
    }

    @Test func theRubyFixtureReallyHasCRLFLineEndings() throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: shapes + "/client/helpdesk/config/omniauth.rb"))
        #expect(bytes.split(separator: UInt8(ascii: "\n")).allSatisfy { $0.last == UInt8(ascii: "\r") })
    }

    @Test func consentLinksUseEachScopesResource() throws {
        let r = try Binary.run(
            ["urls", "--feature", "webmail", "--feature", "uploader", "--tenant", "contoso.onmicrosoft.com"], in: shapes)
        #expect(r.status == 0)
        #expect(
            r.stdout == """
                # Webmail (PHP) (webmail): admin consent, tenant contoso.onmicrosoft.com, global cloud
                https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0/adminconsent?client_id=3f1b2c4d-1111-4222-8333-444455556666&scope=offline_access%20https%3A%2F%2Foutlook.office.com%2FIMAP.AccessAsUser.All%20https%3A%2F%2Foutlook.office.com%2FSMTP.Send&redirect_uri=https%3A%2F%2Fshapes.contoso.com%2Fcallback

                # Screenshot uploader (C#) (uploader): admin consent, tenant contoso.onmicrosoft.com, global cloud
                https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0/adminconsent?client_id=3f1b2c4d-1111-4222-8333-444455556666&scope=https%3A%2F%2Fgraph.microsoft.com%2FFiles.ReadWrite%20api%3A%2F%2F3f1b2c4d-1111-4222-8333-444455556666%2FUpload.Write%20https%3A%2F%2Fmanagement.azure.com%2Fuser_impersonation&redirect_uri=https%3A%2F%2Fshapes.contoso.com%2Fcallback

                """)
    }

    @Test func theArticleAndPermissionsJSONShowTheResourceAndItsConsentFacts() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let r = try Binary.run(
            ["build", "--content", shapes + "/content", "--templates", Repo.path("templates"), "--output", temp.path + "/out"],
            in: temp.path)
        #expect(r.status == 0)
        let html = try String(contentsOfFile: temp.path + "/out/shapes-permissions.html", encoding: .utf8)
        #expect(
            html.contains(
                "<th scope=\"row\"><code>https://outlook.office.com/IMAP.AccessAsUser.All</code> <span class=\"resource\">(Office 365 Exchange Online)</span></th>"
            ))
        #expect(html.contains("<th scope=\"row\"><code>Files.ReadWrite</code></th>"))
        // IMAP is on Microsoft's managed-policy list (for Exchange Online); SMTP.Send is not.
        #expect(
            html.contains(
                "users cannot consent to the permissions on Microsoft's list, which includes <code>https://outlook.office.com/IMAP.AccessAsUser.All</code>."
            ))
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: temp.path + "/out/permissions.json")))
                as? [String: Any])
        let features = try #require(json["features"] as? [[String: Any]])
        func scope(_ feature: String, _ value: String) throws -> [String: Any] {
            let f = try #require(features.first { $0["id"] as? String == feature })
            return try #require((f["scopes"] as? [[String: Any]])?.first { $0["value"] as? String == value })
        }
        let imap = try scope("webmail", "https://outlook.office.com/IMAP.AccessAsUser.All")
        #expect(imap["resource"] as? String == "https://outlook.office.com")
        #expect(imap["resource_name"] as? String == "Office 365 Exchange Online")
        #expect(imap["blocked_by_managed_consent_policy"] as? Bool == true)
        #expect((imap["who_can_consent"] as? [String: String])?["microsoft-managed"] == "admin")
        let smtp = try scope("webmail", "https://outlook.office.com/SMTP.Send")
        #expect(smtp["blocked_by_managed_consent_policy"] as? Bool == false)
        #expect((smtp["who_can_consent"] as? [String: String])?["microsoft-managed"] == "user")
        // A declared resource: its own admin_consent flag decides.
        let arm = try scope("uploader", "https://management.azure.com/user_impersonation")
        #expect(arm["resource"] as? String == "https://management.azure.com")
        #expect(arm["admin_consent_required"] as? Bool == true)
        #expect((arm["who_can_consent"] as? [String: String])?["allow-all-apps"] == "admin")
        // Graph scopes carry no resource key.
        #expect(try scope("uploader", "Files.ReadWrite")["resource"] == nil)
        #expect(try scope("archiver", "https://graph.microsoft.com/.default")["resource"] as? String == "https://graph.microsoft.com")
    }
}
