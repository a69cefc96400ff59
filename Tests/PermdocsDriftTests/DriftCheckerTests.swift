import Testing
import Foundation
import PermdocsDiagnostics
import PermdocsModel
import PermdocsValidate
import PermdocsTestSupport
@testable import PermdocsDrift

/// A catalog with one feature `mail` (offline_access, Mail.Send) whose client location is `file`.
private func catalog(path: String, anchor: String? = nil, key: String? = nil, extra: String = "", top: String = "") -> String {
    let location = (anchor.map { "anchor: \"\($0)\"" } ?? "key: \(key!)") + extra
    return top + """
        app:
          name: Acme
          client_id: 11111111-2222-3333-4444-555555555555
          redirect_uri: https://acme.contoso.com/callback
        scopes:
          offline_access: {description: Stay signed in.}
          Mail.Send: {description: Send mail as you.}
        features:
          - id: mail
            title: Mail
            scopes: [offline_access, Mail.Send]
            client:
              - path: \(path)
                \(location)

        """
}

/// Runs the drift check over a client tree; returns "file line:col severity kind feature scope".
private func drift(catalog text: String, files: [String: String]) throws -> [String] {
    let temp = try TempFolder(prefix: "permdocs-drift")
    defer { temp.remove() }
    try temp.write("content/permissions.yaml", text)
    for (path, body) in files { try temp.write("client/\(path)", body) }
    let loaded = try ContentLoader.load(folder: temp.path + "/content")
    #expect(loaded.diagnostics.all.filter { $0.severity == .error }.map(\.description) == [])
    let content = try #require(loaded.content)
    let findings = try DriftChecker(content: content, clientRoot: temp.path + "/client").check()
    return Diagnostics(findings).sorted.map { d in
        let file = d.location.map { String($0.file.dropFirst(temp.path.count + 1)) } ?? "-"
        let place = d.location.map { "\($0.line):\($0.column)" } ?? "-"
        return "\(file) \(place) \(d.severity.rawValue) \(d.kind) \(d.feature ?? "-") \(d.scope ?? "-")"
    }
}

/// A client file per language: its path, its anchor, and its text with `①` where the injected
/// `Mail.Read` starts. Every list requests the documented scopes plus Mail.Read.
private let languages: [(name: String, path: String, anchor: String, text: String)] = [
    (
        "Swift", "Sources/Mail.swift", "static let scopes",
        "enum Mail {\n    static let scopes = [\"offline_access\", \"Mail.Send\", \"①Mail.Read\"]\n}\n"
    ),
    (
        "TypeScript", "web/mail.ts", "MAIL_SCOPES =",
        "export const MAIL_SCOPES = [\n  'offline_access',\n  'Mail.Send',\n  '①Mail.Read',\n] as const;\n"
    ),
    ("JavaScript", "web/mail.js", "scope:", "module.exports = { scope: \"offline_access Mail.Send ①Mail.Read\" };\n"),
    ("Python", "worker/mail.py", "SCOPES =", "SCOPES = [\"offline_access\", \"Mail.Send\",\n          \"①Mail.Read\"]  # all delegated\n"),
    ("Ruby", "app/mail.rb", "SCOPES =", "class Mail\n  SCOPES = %w[offline_access Mail.Send ①Mail.Read].freeze\nend\n"),
    ("Elixir", "lib/mail.ex", "@scopes", "defmodule Mail do\n  @scopes ~w(offline_access Mail.Send\n            ①Mail.Read)\nend\n"),
    (
        "Go", "oauth/mail.go", "mailScopes =",
        "package oauth\n\nvar mailScopes = []string{\"offline_access\", \"Mail.Send\", `①Mail.Read`}\n"
    ),
    (
        "Kotlin", "android/Mail.kt", "val scopes =",
        "object Mail {\n    val scopes = listOf(\"offline_access\", \"Mail.Send\", \"①Mail.Read\")\n}\n"
    ),
    (
        "Java", "android/Mail.java", "SCOPES =",
        "class Mail {\n    static final List<String> SCOPES = List.of(\n        \"offline_access\", \"Mail.Send\", \"①Mail.Read\");\n}\n"
    ),
    (
        "C#", "Desktop/Mail.cs", "Scopes =",
        "static class Mail {\n    public static readonly string[] Scopes = new[] { \"offline_access\", \"Mail.Send\", \"①Mail.Read\" };\n}\n"
    ),
    (
        "PHP", "php/mail.php", "const SCOPES =",
        "<?php\nclass Mail {\n    const SCOPES = ['offline_access', 'Mail.Send', '①Mail.Read'];\n}\n"
    ),
]

@Suite("Scope drift")
struct DriftCheckerTests {
    @Test(arguments: languages.map(\.name))
    func anInjectedScopeIsCaughtInEveryLanguage(language: String) throws {
        let l = try #require(languages.first { $0.name == language })
        let m = Marked(l.text)
        let findings = try drift(catalog: catalog(path: l.path, anchor: l.anchor), files: [l.path: m.text])
        #expect(findings == ["client/\(l.path) \(m["①"]) error undocumented-scope mail Mail.Read"])
    }

    @Test(arguments: [
        ("config/oauth.json", "{\n  \"microsoft\": {\"mail\": {\"scopes\": [\"offline_access\", \"Mail.Send\", \"①Mail.Read\"]}}\n}\n"),
        ("config/oauth.yml", "microsoft:\n  mail:\n    scopes:\n      - offline_access\n      - Mail.Send\n      - ①Mail.Read\n"),
        ("config/oauth.yaml", "microsoft:\n  mail:\n    scopes: 'offline_access Mail.Send ①Mail.Read'\n"),
    ])
    func anInjectedScopeIsCaughtInJSONAndYAML(path: String, text: String) throws {
        let m = Marked(text)
        let findings = try drift(catalog: catalog(path: path, key: "microsoft.mail.scopes"), files: [path: m.text])
        #expect(findings == ["client/\(path) \(m["①"]) error undocumented-scope mail Mail.Read"])
    }

    /// A client's YAML (an app's config, a compose file) may use anchors, aliases and merge keys
    /// anywhere but in the scope list: the list is still read, at its items; aliases and merge keys
    /// on the way to the key are followed to where the list is written.
    @Test(arguments: [
        // Anchors, aliases and a merge key elsewhere.
        "defaults: &defaults\n  tenant: common\nmicrosoft:\n  <<: *defaults\n  mail:\n    scopes: [offline_access, Mail.Send, ①Mail.Read]\ngoogle: *defaults\n",
        // An anchor on the list itself, used elsewhere.
        "microsoft:\n  mail:\n    scopes: &mail\n      - offline_access\n      - Mail.Send\n      - ①Mail.Read\nbackup: {scopes: *mail}\n",
        // The key reached through a merge key.
        "x-base: &base\n  mail:\n    scopes: 'offline_access Mail.Send ①Mail.Read'\nmicrosoft:\n  <<: *base\n  tenant: contoso\n",
        // Through an alias.
        "x-base: &base\n  mail: {scopes: [offline_access, Mail.Send, ①Mail.Read]}\nmicrosoft: *base\n",
        // Through a list of merges, the later one holding the key.
        "a: &a {tenant: common}\nb: &b\n  mail: {scopes: [offline_access, Mail.Send, '①Mail.Read']}\nmicrosoft:\n  <<: [*a, *b]\n",
    ])
    func aClientYAMLWithAnchorsElsewhereIsReadWhereTheListIsPlain(text: String) throws {
        let m = Marked(text)
        let findings = try drift(
            catalog: catalog(path: "config/oauth.yml", key: "microsoft.mail.scopes"), files: ["config/oauth.yml": m.text])
        #expect(findings == ["client/config/oauth.yml \(m["①"]) error undocumented-scope mail Mail.Read"])
    }

    /// The list at the key is read as written: an alias as the list, or as one of its items, is a
    /// `non-literal` at the alias (write the scopes out), never a guess.
    @Test func anAliasInTheScopeListIsANonLiteralAtTheAlias() throws {
        let whole = Marked("x-scopes: &s [offline_access, Mail.Send]\nmicrosoft:\n  mail: {scopes: ①*s}\n")
        #expect(
            try drift(catalog: catalog(path: "a.yml", key: "microsoft.mail.scopes"), files: ["a.yml": whole.text]) == [
                "client/a.yml \(whole["①"]) error non-literal mail -"
            ])
        let item = Marked("x-offline: &offline offline_access\nmicrosoft:\n  mail:\n    scopes: ①[②*offline, Mail.Send]\n")
        #expect(
            try drift(catalog: catalog(path: "a.yml", key: "microsoft.mail.scopes"), files: ["a.yml": item.text]) == [
                "client/a.yml \(item["①"]) error missing-in-client mail offline_access",
                "client/a.yml \(item["②"]) error non-literal mail -",
            ])
    }

    /// Aliases are never expanded and merge keys are followed within a bound, so a "billion laughs"
    /// file and merges of merges that fan out 2^40 ways are read in an instant.
    @Test func anAliasOrMergeBombInAClientYAMLIsNeverExpanded() throws {
        var text = "a0: &a0 [lol]\nm0: &m0 {lol: 1}\n"
        for i in 1...40 {
            text += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n"
            text += "m\(i): &m\(i) {<<: [*m\(i - 1), *m\(i - 1)]}\n"
        }
        text += "microsoft:\n  <<: *m40\n  mail: {scopes: [offline_access, Mail.Send]}\n"
        #expect(try drift(catalog: catalog(path: "a.yml", key: "microsoft.mail.scopes"), files: ["a.yml": text]) == [])
        #expect(
            try drift(catalog: catalog(path: "a.yml", key: "microsoft.calendar.scopes"), files: ["a.yml": text]) == [
                "content/permissions.yaml 14:14 error key-not-found mail -"
            ])
    }

    @Test func aCleanTreeHasNoFindingsAtAll() throws {
        let findings = try drift(
            catalog: catalog(path: "src/*.ts", anchor: "SCOPES ="),
            files: [
                "src/a.ts": "export const SCOPES = ['https://graph.microsoft.com/Mail.Send', 'offline_access'];\n",
                "src/b.ts": "const SCOPES = [\"offline_access\", \"Mail.Send\"] // same feature, second client\n",
            ])
        #expect(findings == [])
    }

    @Test func missingScopesAreReportedAtTheList() throws {
        let m = Marked("SCOPES = ①['offline_access']\n")
        #expect(
            try drift(catalog: catalog(path: "a.py", anchor: "SCOPES ="), files: ["a.py": m.text]) == [
                "client/a.py \(m["①"]) error missing-in-client mail Mail.Send"
            ])
    }

    @Test func caseDuplicatesUnknownScopesAndNonLiterals() throws {
        let m = Marked("SCOPES = ['offline_access', '①mail.send', '②Mail.Send', '③Mail.Sendd', ④EXTRA]\n")
        #expect(
            try drift(catalog: catalog(path: "a.py", anchor: "SCOPES ="), files: ["a.py": m.text]) == [
                "client/a.py \(m["①"]) warning scope-case mail Mail.Send",
                "client/a.py \(m["②"]) warning duplicate-scope mail Mail.Send",
                "client/a.py \(m["③"]) error unknown-scope mail Mail.Sendd",
                "client/a.py \(m["④"]) error non-literal mail -",
            ])
    }

    @Test func locationsThatDoNotResolveAreReportedInTheCatalog() throws {
        let text =
            catalog(path: "missing.ts", anchor: "SCOPES =") + """
                      - path: present.ts
                        anchor: "NOPE ="
                      - path: oauth.yml
                        key: microsoft.mial.scopes

                """
        let findings = try drift(
            catalog: text, files: ["present.ts": "const SCOPES = []\n", "oauth.yml": "microsoft:\n  mail: {scopes: []}\n"])
        #expect(
            findings == [
                "content/permissions.yaml 13:15 error file-not-found mail -",
                "content/permissions.yaml 16:17 error anchor-not-found mail -",
                "content/permissions.yaml 18:14 error key-not-found mail -",
            ])
    }

    @Test func aRepeatedAnchorIsAmbiguousUnlessAfterOrOccurrenceSaysWhich() throws {
        let text =
            "providers = {\n  'google' => {'scope' => ['email']},\n  'microsoft' => {'scope' => ['offline_access', '①Mail.Send', '②Mail.Read']},\n}\n"
        let m = Marked(text)
        // Nothing says which: a warning at the anchor, and the first (Google's) list is read.
        let ambiguous = try drift(catalog: catalog(path: "a.rb", anchor: "'scope' =>"), files: ["a.rb": m.text])
        #expect(
            ambiguous == [
                "client/a.rb 2:27 error missing-in-client mail offline_access",
                "client/a.rb 2:27 error missing-in-client mail Mail.Send",
                "client/a.rb 2:29 error undocumented-scope mail email",
                "content/permissions.yaml 14:17 warning anchor-ambiguous mail -",
            ])
        for extra in ["\n        after: \"'microsoft' =>\"", "\n        occurrence: 2"] {
            #expect(
                try drift(catalog: catalog(path: "a.rb", anchor: "'scope' =>", extra: extra), files: ["a.rb": m.text]) == [
                    "client/a.rb \(m["②"]) error undocumented-scope mail Mail.Read"
                ])
        }
        let third = try drift(
            catalog: catalog(path: "a.rb", anchor: "'scope' =>", extra: "\n        occurrence: 3"), files: ["a.rb": m.text])
        #expect(
            third == [
                "content/permissions.yaml 15:21 error anchor-not-found mail -"
            ])
        let azure = try drift(
            catalog: catalog(path: "a.rb", anchor: "'scope' =>", extra: "\n        after: azure"), files: ["a.rb": m.text])
        #expect(
            azure == [
                "content/permissions.yaml 15:16 error anchor-not-found mail -"
            ])
    }

    @Test func aSubsetLocationMayOmitScopesButNotAddAny() throws {
        let files = [
            "refresh.ts": "const REFRESH = ['offline_access'];\n", "drift.ts": "const REFRESH = ['offline_access', ①'Mail.Read'];\n",
        ]
        let m = Marked(files["drift.ts"]!)
        #expect(try drift(catalog: catalog(path: "refresh.ts", anchor: "REFRESH =", extra: "\n        subset: true"), files: files) == [])
        #expect(
            try drift(catalog: catalog(path: "drift.ts", anchor: "REFRESH =", extra: "\n        subset: true"), files: ["drift.ts": m.text])
                == [
                    "client/drift.ts 1:37 error undocumented-scope mail Mail.Read"
                ])
        // Without `subset`, the refresh list misses Mail.Send.
        #expect(
            try drift(catalog: catalog(path: "refresh.ts", anchor: "REFRESH ="), files: files) == [
                "client/refresh.ts 1:17 error missing-in-client mail Mail.Send"
            ])
    }

    @Test func caseOnlyDifferencesWarnUnlessTheCatalogOrTheCommandSaysInsensitive() throws {
        let files = ["a.py": "SCOPES = ['OFFLINE_ACCESS', 'mail.send']\n"]
        #expect(
            try drift(catalog: catalog(path: "a.py", anchor: "SCOPES ="), files: files) == [
                "client/a.py 1:12 warning scope-case mail offline_access",
                "client/a.py 1:30 warning scope-case mail Mail.Send",
            ])
        #expect(try drift(catalog: catalog(path: "a.py", anchor: "SCOPES =", top: "scope_case: insensitive\n"), files: files) == [])
    }

    @Test func outlookScopesMatchByResourceAndName() throws {
        let text = catalog(path: "a.js", anchor: "scopes =")
            .replacingOccurrences(
                of: "  Mail.Send: {description: Send mail as you.}",
                with: "  https://outlook.office.com/SMTP.Send: {description: Send mail over SMTP.}"
            )
            .replacingOccurrences(of: "[offline_access, Mail.Send]", with: "[offline_access, https://outlook.office.com/SMTP.Send]")
        // outlook.office365.com is the same resource.
        #expect(
            try drift(catalog: text, files: ["a.js": "const scopes = ['offline_access', 'https://outlook.office365.com/SMTP.Send'];\n"])
                == [])
        // The bare name is Microsoft Graph's SMTP.Send: drift.
        let temp = try TempFolder(prefix: "permdocs-drift")
        defer { temp.remove() }
        try temp.write("content/permissions.yaml", text)
        try temp.write("client/a.js", "const scopes = ['offline_access', 'SMTP.Send'];\n")
        let content = try #require(try ContentLoader.load(folder: temp.path + "/content").content)
        let findings = try DriftChecker(content: content, clientRoot: temp.path + "/client").check()
        #expect(
            findings.map { "\($0.location!.line):\($0.location!.column) \($0.kind): \($0.message)" } == [
                "1:36 undocumented-scope: the client requests 'SMTP.Send' for feature 'mail', but the catalog does not list it; it lists 'https://outlook.office.com/SMTP.Send', on Office 365 Exchange Online, and the resource decides which token the client gets",
                "1:16 missing-in-client: feature 'mail' lists 'https://outlook.office.com/SMTP.Send' in the catalog, but this list does not request it",
            ])
    }

    @Test func aListBehindAConstantIsReadAndAMissingScopeNamesTheConstant() throws {
        let m = Marked(
            "const ①MAIL_SCOPES = ['offline_access'];\nexport const config = { scope: ②MAIL_SCOPES.join(' '), hosts: ['Mail.Send'] };\n")
        let temp = try TempFolder(prefix: "permdocs-drift")
        defer { temp.remove() }
        try temp.write("content/permissions.yaml", catalog(path: "a.ts", anchor: "scope:"))
        try temp.write("client/a.ts", m.text)
        let content = try #require(try ContentLoader.load(folder: temp.path + "/content").content)
        let findings = try DriftChecker(content: content, clientRoot: temp.path + "/client").check()
        // The list after the reference is not read: Mail.Send is missing, at the reference.
        #expect(
            findings.map { "\($0.location!.line):\($0.location!.column) \($0.kind) \($0.scope ?? "-")" } == [
                "\(m["②"]) missing-in-client Mail.Send"
            ])
        #expect(
            findings.first?.notes.map { "\($0.location!.line):\($0.location!.column) \($0.message)" } == [
                "\(m["①"]) 'MAIL_SCOPES' is defined here"
            ])
    }

    @Test func aMissingClientFolderIsAnIOError() throws {
        let content = try #require(try ContentLoader.load(folder: Repo.path("content")).content)
        #expect(throws: IOFailure.self) { try DriftChecker(content: content, clientRoot: "/no/such/folder").check() }
    }

    @Test func theExampleClientIsClean() throws {
        let content = try #require(try ContentLoader.load(folder: Repo.path("content")).content)
        #expect(try DriftChecker(content: content, clientRoot: Repo.path("examples/client")).check().map(\.description) == [])
        #expect(
            try ManifestChecker(catalog: content.catalog).check(manifest: Repo.path("examples/client/entra-app-manifest.json")).map(
                \.description) == [])
    }
}

@Suite("App manifest")
struct ManifestCheckerTests {
    @Test func missingExtraAndApplicationPermissionsAreFound() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let m = Marked(
            """
            {"requiredResourceAccess": [
              {"resourceAppId": "00000002-0000-0000-c000-000000000000", "resourceAccess": [{"id": "x", "type": "Scope"}]},
              {"resourceAppId": "00000003-0000-0000-c000-000000000000", "resourceAccess": ①[
                {"id": "7427e0e9-2fba-42fe-b0c0-848c9e6a8182", "type": "Scope"},
                {"id": ②"570282fd-fa5c-430d-a7fd-fc8dc98a9dca", "type": "Scope"},
                {"id": ③"df021288-bdef-4463-88db-98f22de89214", "type": "Role"},
                {"id": ④"00000000-1111-2222-3333-444444444444", "type": "Scope"}
              ]}
            ]}
            """)
        try temp.write("manifest.json", m.text)
        try temp.write("content/permissions.yaml", catalog(path: "a", anchor: "x"))
        let content = try #require(try ContentLoader.load(folder: temp.path + "/content").content)
        let findings = try ManifestChecker(catalog: content.catalog).check(manifest: temp.path + "/manifest.json")
        #expect(
            findings.map { "\($0.location!.line):\($0.location!.column) \($0.kind) \($0.scope ?? "-")" } == [
                "\(m["②"]) manifest-extra Mail.Read",
                "\(m["③"]) manifest-extra User.Read.All",
                "\(m["④"]) unknown-scope -",
                "\(m["①"]) manifest-missing Mail.Send",
            ])
    }

    @Test func graphDefaultRequestsEverythingListedForGraph() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let text = catalog(path: "a", anchor: "x")
            .replacingOccurrences(of: "[offline_access, Mail.Send]", with: "[https://graph.microsoft.com/.default]")
            .replacingOccurrences(
                of: "  Mail.Send: {description: Send mail as you.}",
                with:
                    "  Mail.Send: {description: Send mail as you.}\n  https://graph.microsoft.com/.default: {description: Everything listed for Graph.}"
            )
        try temp.write("content/permissions.yaml", text)
        let m = Marked(
            """
            {"requiredResourceAccess": [{"resourceAppId": "00000003-0000-0000-c000-000000000000", "resourceAccess": [
              {"id": "7427e0e9-2fba-42fe-b0c0-848c9e6a8182", "type": "Scope"},
              {"id": "e383f46e-2787-4529-855e-0e479a3ffac0", "type": "Scope"},
              {"id": ①"570282fd-fa5c-430d-a7fd-fc8dc98a9dca", "type": "Scope"}
            ]}]}
            """)
        try temp.write("manifest.json", m.text)
        let loaded = try ContentLoader.load(folder: temp.path + "/content")
        #expect(loaded.diagnostics.all.map(\.description) == [])
        let content = try #require(loaded.content)
        let findings = try ManifestChecker(catalog: content.catalog).check(manifest: temp.path + "/manifest.json")
        // offline_access and Mail.Send are described; Mail.Read is granted through .default but not described.
        #expect(
            findings.map { "\($0.location!.line):\($0.location!.column) \($0.kind) \($0.scope ?? "-")" } == [
                "\(m["①"]) manifest-extra Mail.Read"
            ])
        try temp.write("empty.json", "{\"requiredResourceAccess\": []}")
        #expect(
            try ManifestChecker(catalog: content.catalog).check(manifest: temp.path + "/empty.json").map(\.kind) == ["manifest-missing"])
    }

    @Test func exchangeOnlineScopesAreListedUnderGraphInTheRegistration() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let text = catalog(path: "a", anchor: "x")
            .replacingOccurrences(
                of: "  Mail.Send: {description: Send mail as you.}",
                with: "  https://outlook.office.com/IMAP.AccessAsUser.All: {description: IMAP.}"
            )
            .replacingOccurrences(
                of: "[offline_access, Mail.Send]", with: "[offline_access, https://outlook.office.com/IMAP.AccessAsUser.All]")
        try temp.write("content/permissions.yaml", text)
        let content = try #require(try ContentLoader.load(folder: temp.path + "/content").content)
        let graph =
            "{\"requiredResourceAccess\": [{\"resourceAppId\": \"00000003-0000-0000-c000-000000000000\", \"resourceAccess\": [{\"id\": \"7427e0e9-2fba-42fe-b0c0-848c9e6a8182\", \"type\": \"Scope\"}%@]}]}"
        try temp.write(
            "listed.json",
            graph.replacingOccurrences(of: "%@", with: ", {\"id\": \"652390e4-393a-48de-9484-05f9b1212954\", \"type\": \"Scope\"}"))
        try temp.write("missing.json", graph.replacingOccurrences(of: "%@", with: ""))
        #expect(try ManifestChecker(catalog: content.catalog).check(manifest: temp.path + "/listed.json").map(\.description) == [])
        #expect(
            try ManifestChecker(catalog: content.catalog).check(manifest: temp.path + "/missing.json").map {
                "\($0.kind) \($0.scope ?? "-")"
            } == ["manifest-missing IMAP.AccessAsUser.All"])
    }
}
