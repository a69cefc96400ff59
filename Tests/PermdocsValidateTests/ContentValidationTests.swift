import Testing
import Foundation
import PermdocsDiagnostics
import PermdocsModel
import PermdocsTestSupport
@testable import PermdocsValidate

/// A valid catalog; tests replace one line at a time.
private let validCatalog = """
    app:
      name: Recruitee
      client_id: 0f2b8c4e-5a1d-4c3e-9b7a-1d2e3f4a5b6c
      redirect_uri: https://app.contoso.com/callback
    scopes:
      offline_access:
        description: Keep access.
      User.Read:
        description: Sign you in.
    features:
      - id: calendar
        title: Calendar sync
        scopes: [offline_access, User.Read]

    """

private let validProcedure = """
    title: Grant admin consent
    scenarios: [admins-only]
    steps:
      - Sign in.
      - text: Open the app.
        path: [Entra ID, Enterprise apps]

    """

/// Loads `catalog` (and procedures) from a temporary folder and returns the findings as
/// "file line:column severity kind", file being `permissions.yaml` or `procedures/NAME.yaml`.
private func findings(_ catalog: String, procedures: [String: String] = [:]) throws -> [String] {
    try findingsAndMessages(catalog, procedures: procedures).map(\.0)
}

private func findingsAndMessages(_ catalog: String, procedures: [String: String] = [:]) throws -> [(String, String)] {
    let temp = try TempContent(catalog: catalog, procedures: procedures)
    defer { temp.remove() }
    let result = try ContentLoader.load(folder: temp.folder)
    return result.diagnostics.sorted.map { d in
        let file = d.location.map { String($0.file.dropFirst(temp.folder.count + 1)) } ?? "-"
        let place = d.location.map { "\($0.line):\($0.column)" } ?? "-"
        return ("\(file) \(place) \(d.severity.rawValue) \(d.kind)", d.message)
    }
}

@Suite("Catalog validation")
struct CatalogValidationTests {
    @Test func aValidCatalogHasNoFindings() throws {
        #expect(try findings(validCatalog, procedures: ["grant-admin-consent": validProcedure]) == [])
    }

    @Test func unknownKeysSuggestTheNearestKnownKey() throws {
        let m = Marked(
            validCatalog.replacingOccurrences(of: "    title: Calendar sync", with: "    title: Calendar sync\n    ①scoeps: [openid]"))
        let result = try findingsAndMessages(m.text)
        #expect(result.map(\.0) == ["permissions.yaml \(m["①"]) error unknown-key"])
        #expect(result.first?.1 == "unknown key 'scoeps' in feature 'calendar'; did you mean 'scopes'?")
    }

    @Test func missingRequiredKeysAreReportedAtTheMapping() throws {
        let m = Marked(validCatalog.replacingOccurrences(of: "  - id: calendar\n    title: Calendar sync\n", with: "  - ①id: calendar\n"))
        let result = try findingsAndMessages(m.text)
        #expect(result.map(\.0) == ["permissions.yaml \(m["①"]) error missing-key"])
        #expect(result.first?.1 == "feature 'calendar' is missing required key 'title'")
    }

    @Test func wrongTypesNameWhatWasFound() throws {
        let m = Marked(
            validCatalog.replacingOccurrences(of: "    scopes: [offline_access, User.Read]", with: "    scopes:\n      ①User.Read: yes"))
        let result = try findingsAndMessages(m.text)
        #expect(result.map(\.0).contains("permissions.yaml \(m["①"]) error wrong-type"))
        #expect(result.first { $0.0.contains("wrong-type") }?.1 == "'scopes' must be a list of strings, not a mapping")
    }

    @Test func malformedAndDuplicateFeatureIds() throws {
        let catalog =
            validCatalog + """
                  - id: ①Rooms_Sync
                    title: Rooms
                    scopes: [offline_access]
                  - id: ②calendar
                    title: Again
                    scopes: [offline_access]

                """
        let m = Marked(catalog)
        let result = try findingsAndMessages(m.text)
        #expect(
            result.map(\.0) == [
                "permissions.yaml \(m["①"]) error invalid-id",
                "permissions.yaml \(m["②"]) error duplicate-id",
            ])
        let temp = try TempContent(catalog: m.text)
        defer { temp.remove() }
        let dup = try ContentLoader.load(folder: temp.folder).diagnostics.all.first { $0.kind == "duplicate-id" }
        #expect(dup?.notes.first.map { "\($0.location!.line):\($0.location!.column)" } == "11:9")
    }

    @Test(arguments: ["not-a-guid", "0f2b8c4e5a1d4c3e9b7a1d2e3f4a5b6c", "0f2b8c4e-5a1d-4c3e-9b7a-1d2e3f4a5b6"])
    func clientIdMustBeAGUID(value: String) throws {
        let m = Marked(
            validCatalog.replacingOccurrences(of: "  client_id: 0f2b8c4e-5a1d-4c3e-9b7a-1d2e3f4a5b6c", with: "  client_id: ①\(value)"))
        #expect(try findings(m.text) == ["permissions.yaml \(m["①"]) error invalid-client-id"])
    }

    @Test(arguments: [
        ("http://app.contoso.com/cb", true), ("ftp://app.contoso.com/cb", true), ("/relative", true),
        ("https://app.contoso.com/cb#x", true),
        ("http://localhost:3000/cb", false), ("http://127.0.0.1/cb", false), ("https://app.contoso.com/cb", false),
    ])
    func redirectURIMustBeHTTPSExceptOnLocalhost(uri: String, rejected: Bool) throws {
        let m = Marked(
            validCatalog.replacingOccurrences(of: "  redirect_uri: https://app.contoso.com/callback", with: "  redirect_uri: ①\(uri)"))
        #expect(try findings(m.text) == (rejected ? ["permissions.yaml \(m["①"]) error invalid-redirect-uri"] : []))
    }

    /// Placeholder app values would publish consent links that cannot work (RFC 2606 names, the nil GUID).
    @Test(arguments: [
        ("https://app.example.com/cb", "example.com"), ("https://example.org/cb", "example.org"), ("https://EXAMPLE.NET/cb", "example.net"),
        ("https://acme.example/cb", ".example"), ("https://app.test/cb", ".test"), ("https://x.invalid/cb", ".invalid"),
    ])
    func documentationDomainsArePlaceholders(uri: String, domain: String) throws {
        let m = Marked(
            validCatalog.replacingOccurrences(of: "  redirect_uri: https://app.contoso.com/callback", with: "  redirect_uri: ①\(uri)"))
        let result = try findingsAndMessages(m.text)
        #expect(result.map(\.0) == ["permissions.yaml \(m["①"]) warning placeholder-app"])
        #expect(
            result.first?.1
                == "redirect_uri '\(uri)' is on '\(domain)', a domain reserved for documentation (RFC 2606); set the app registration's real value, or declare example values with 'example: true' under 'app'"
        )
    }

    /// Real hosts that merely look alike, and localhost (a legitimate redirect for desktop and mobile apps).
    @Test(arguments: [
        "https://example.com.contoso.com/cb", "https://myexample.com/cb", "http://localhost:3000/cb", "https://contoso.testing.io/cb",
    ])
    func realHostsAreNotPlaceholders(uri: String) throws {
        let m = Marked(
            validCatalog.replacingOccurrences(of: "  redirect_uri: https://app.contoso.com/callback", with: "  redirect_uri: ①\(uri)"))
        #expect(try findings(m.text) == [])
    }

    @Test func theNilGUIDAndAPlaceholderSupportURLAreReportedAndExampleTrueSilencesThem() throws {
        let placeholder =
            validCatalog
            .replacingOccurrences(
                of: "  client_id: 0f2b8c4e-5a1d-4c3e-9b7a-1d2e3f4a5b6c",
                with: "  client_id: ①00000000-0000-0000-0000-000000000000\n  support_url: ②https://help.example.net/")
        let m = Marked(placeholder)
        let result = try findingsAndMessages(m.text)
        #expect(
            result.map(\.0) == ["permissions.yaml \(m["①"]) warning placeholder-app", "permissions.yaml \(m["②"]) warning placeholder-app"])
        #expect(result.first?.1.hasPrefix("client_id '00000000-0000-0000-0000-000000000000' is the nil GUID") == true)
        let declared = Marked(placeholder.replacingOccurrences(of: "app:\n", with: "app:\n  example: true\n"))
        #expect(try findings(declared.text) == [])
        // `example` is a boolean, reported where it is written otherwise.
        let wrong = Marked(placeholder.replacingOccurrences(of: "app:\n", with: "app:\n  example: ③yes\n"))
        let wrongResult = try findingsAndMessages(wrong.text)
        #expect(wrongResult.map(\.0).first == "permissions.yaml \(wrong["③"]) error wrong-type")
        #expect(wrongResult.first?.1 == "'example' must be true or false, not 'yes'")
    }

    @Test func unknownScopesSuggestTheNearestGraphPermission() throws {
        let m = Marked(
            validCatalog.replacingOccurrences(of: "[offline_access, User.Read]", with: "[offline_access, User.Read, ①Calendar.ReadWrite]"))
        let result = try findingsAndMessages(m.text)
        #expect(result.map(\.0) == ["permissions.yaml \(m["①"]) error unknown-scope"])
        #expect(result.first?.1 == "unknown scope 'Calendar.ReadWrite'; did you mean 'Calendars.ReadWrite'?")
    }

    @Test func nonCanonicalCaseIsAWarningNamingTheCanonicalSpelling() throws {
        let m = Marked(
            validCatalog
                .replacingOccurrences(of: "  User.Read:", with: "  ①user.read:")
                .replacingOccurrences(of: "[offline_access, User.Read]", with: "[offline_access, ②user.read]"))
        let result = try findingsAndMessages(m.text)
        #expect(
            result.map(\.0) == [
                "permissions.yaml \(m["①"]) warning scope-case",
                "permissions.yaml \(m["②"]) warning scope-case",
            ])
        #expect(result[1].1.hasPrefix("scope 'user.read' is not in canonical case; write 'User.Read'"))
    }

    @Test func aRequestedScopeWithoutDescriptionIsAnError() throws {
        let m = Marked(
            validCatalog.replacingOccurrences(of: "[offline_access, User.Read]", with: "[offline_access, User.Read, ①Mail.Send]"))
        #expect(try findings(m.text) == ["permissions.yaml \(m["①"]) error missing-description"])
        let n = Marked(validCatalog.replacingOccurrences(of: "  User.Read:\n    description: Sign you in.", with: "  ①User.Read:"))
        #expect(try findings(n.text) == ["permissions.yaml \(n["①"]) error missing-description"])
    }

    @Test func describedButUnusedScopesAndDuplicatesAreWarnings() throws {
        let m = Marked(
            validCatalog
                .replacingOccurrences(of: "scopes:\n  offline_access:", with: "scopes:\n  ①openid:\n    description: x\n  offline_access:")
                .replacingOccurrences(of: "[offline_access, User.Read]", with: "[offline_access, User.Read, ②offline_access]"))
        #expect(
            try findings(m.text) == [
                "permissions.yaml \(m["①"]) warning unused-scope",
                "permissions.yaml \(m["②"]) warning duplicate-scope",
            ])
    }

    @Test func clientLocationsNeedAnAnchorOrAKey() throws {
        let m = Marked(validCatalog + "    client:\n      - ①path: a.ex\n      - ②path: b.ex\n        anchor: x\n        key: y\n")
        #expect(
            try findings(m.text) == [
                "permissions.yaml \(m["①"]) error missing-key",
                "permissions.yaml \(m["②"]) error conflicting-keys",
            ])
    }

    @Test func yamlErrorsAndModelErrorsAreReportedTogether() throws {
        let m = Marked(
            validCatalog
                .replacingOccurrences(of: "  name: Recruitee", with: "  name: Recruitee\n  ①name: Again")
                .replacingOccurrences(of: "  client_id: 0f2b8c4e-5a1d-4c3e-9b7a-1d2e3f4a5b6c", with: "  client_id: ②nope"))
        #expect(
            try findings(m.text) == [
                "permissions.yaml \(m["①"]) error duplicate-key",
                "permissions.yaml \(m["②"]) error invalid-client-id",
            ])
    }
}

@Suite("Procedure validation")
struct ProcedureValidationTests {
    @Test func unresolvedReferencesSuggestTheNearestProcedure() throws {
        let m = Marked(validProcedure + "  - text: Then ask for consent.\n    see: ①grant-admin-consnt\nsee_also: [②nowhere]\n")
        let result = try findingsAndMessages(validCatalog, procedures: ["grant-admin-consent": m.text])
        #expect(
            result.map(\.0) == [
                "procedures/grant-admin-consent.yaml \(m["①"]) error unresolved-reference",
                "procedures/grant-admin-consent.yaml \(m["②"]) error unresolved-reference",
            ])
        #expect(result[0].1 == "no procedure 'grant-admin-consnt'; did you mean 'grant-admin-consent'?")
    }

    @Test func scenariosAndAudienceAreCheckedAgainstTheirValues() throws {
        let m = Marked(validProcedure.replacingOccurrences(of: "[admins-only]", with: "[①admins-onyl]") + "audience: ②users\n")
        let result = try findingsAndMessages(validCatalog, procedures: ["p": m.text])
        #expect(
            result.map(\.0) == [
                "procedures/p.yaml \(m["①"]) error invalid-value",
                "procedures/p.yaml \(m["②"]) error invalid-value",
            ])
        #expect(result[0].1.hasPrefix("'admins-onyl' is not a valid scenario; did you mean 'admins-only'?"))
    }

    @Test func stepsMustHaveText() throws {
        let m = Marked(validProcedure + "  - ①path: [Entra ID]\n")
        #expect(try findings(validCatalog, procedures: ["p": m.text]) == ["procedures/p.yaml \(m["①"]) error missing-key"])
    }

    @Test func procedureFileNamesAreIds() throws {
        #expect(try findings(validCatalog, procedures: ["Bad_Name": validProcedure]) == ["procedures/Bad_Name.yaml 1:1 error invalid-id"])
    }

    @Test func fixesAreAADSTSCodes() throws {
        let m = Marked(validProcedure + "fixes: [AADSTS90094, ①90095]\n")
        #expect(try findings(validCatalog, procedures: ["p": m.text]) == ["procedures/p.yaml \(m["①"]) error invalid-value"])
    }

    @Test func stepsAreDecodedWithNestingAndChoices() throws {
        let text =
            validProcedure + """
                  - text: Choose.
                    setting: The setting
                    choices:
                      - text: A
                        value: "Yes"
                        scenarios: [admins-only]
                      - B
                    steps:
                      - Sub one.
                      - text: Sub two.
                        warning: Careful.

                """
        let temp = try TempContent(catalog: validCatalog, procedures: ["p": text])
        defer { temp.remove() }
        let result = try ContentLoader.load(folder: temp.folder)
        #expect(result.diagnostics.all.isEmpty)
        let p = try #require(result.content?.procedure("p"))
        #expect(p.steps.count == 3)
        #expect(p.steps[1].path.map(\.value) == ["Entra ID", "Enterprise apps"])
        #expect(p.steps[2].choices.map(\.text.value) == ["A", "B"])
        #expect(p.steps[2].choices[0].value?.value == "Yes")
        #expect(p.steps[2].steps[1].warning?.value == "Careful.")
        #expect(p.applies(to: .adminsOnly) && !p.applies(to: .usersMayConsent))
        #expect(p.steps[2].setting?.value == "The setting")
        #expect(p.steps[2].choices[0].scenarios.map(\.value) == [.adminsOnly])
    }
}

/// A printed checklist certifies what the admin did: each line one action, choices resolved per
/// scenario, outcomes never ticked. Violations are located errors.
@Suite("Checklist semantics")
struct ChecklistSemanticsTests {
    private func check(_ procedure: String) throws -> [(String, String)] {
        try findingsAndMessages(validCatalog, procedures: ["p": procedure])
    }

    @Test func aChoiceListOnAChecklistNeedsAChoiceForItsScenario() throws {
        let m = Marked(
            """
            title: P
            scenarios: [users-may-consent, admins-only]
            steps:
              - ①text: Set it.
                setting: Thing
                choices:
                  - text: On
                    value: "On"
                    scenarios: [users-may-consent]
                  - Off

            """)
        let result = try check(m.text)
        #expect(result.map(\.0) == ["procedures/p.yaml \(m["①"]) error checklist-choice-missing"])
        #expect(
            result.first?.1
                == "procedure 'p' is on the 'admins-only' checklist, but no choice of this step is for it: add 'scenarios: [admins-only]' to the choice that scenario means"
        )
    }

    @Test func unreachableAndAmbiguousChoicesAreErrors() throws {
        let m = Marked(
            """
            title: P
            scenarios: [admins-only]
            steps:
              - text: Set it.
                setting: Thing
                choices:
                  - text: On
                    value: "On"
                    scenarios: [①assignment-required, admins-only]
                  - text: Off
                    value: "Off"
                    scenarios: [②admins-only]

            """)
        let result = try check(m.text)
        #expect(
            result.map(\.0) == [
                "procedures/p.yaml \(m["①"]) error unreachable-choice", "procedures/p.yaml \(m["②"]) error unreachable-choice",
            ])
        #expect(result[0].1 == "this choice is for the 'assignment-required' checklist, but procedure 'p' is on the checklists admins-only")
        #expect(result[1].1 == "two choices of this step are for the 'admins-only' checklist; name each scenario once")
    }

    @Test func outcomesAreNotActionsAndScenariosBelongToChoices() throws {
        let m = Marked(
            """
            title: P
            scenarios: [admins-only]
            steps:
              - ①text: Users now see a prompt.
                kind: outcome
                value: "Yes"
              - text: Do it.
                scenarios: [②admins-only]
              - text: Done.
                kind: ③result

            """)
        let result = try check(m.text)
        #expect(
            result.map(\.0) == [
                "procedures/p.yaml \(m["①"]) error invalid-step", "procedures/p.yaml \(m["②"]) error invalid-step",
                "procedures/p.yaml \(m["③"]) error invalid-value",
            ])
        #expect(
            result[0].1
                == "an outcome is what the admin will see, not an action: it cannot have 'value' (make it an action step, or move 'value' to the step that does it)"
        )
    }

    /// A user procedure is on no checklist, so a choice for a checklist is unreachable there.
    @Test func aUserProcedureHasNoChecklistChoices() throws {
        let m = Marked(
            """
            title: P
            scenarios: [users-may-consent]
            audience: user
            steps:
              - text: Pick.
                choices:
                  - text: A
                    value: A
                    scenarios: [①users-may-consent]
                  - B

            """)
        let result = try check(m.text)
        #expect(result.map(\.0) == ["procedures/p.yaml \(m["①"]) error unreachable-choice"])
        #expect(result.first?.1 == "this choice is for the 'users-may-consent' checklist, but procedure 'p' is on no checklist")
    }
}

@Suite("Example content")
struct ExampleContentTests {
    static let contentFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("content").path

    @Test func theExampleContentIsClean() throws {
        let result = try ContentLoader.load(folder: Self.contentFolder)
        #expect(result.diagnostics.all.map(\.description) == [])
    }

    @Test func theExampleReproducesTheSeedsScopesInOrderAndCanonicalCase() throws {
        let catalog = try #require(try ContentLoader.load(folder: Self.contentFolder).content?.catalog)
        #expect(catalog.features.map(\.id.value) == ["mailbox", "calendar", "rooms"])
        #expect(
            catalog.feature("mailbox")?.scopes.map(\.value) == [
                "offline_access", "User.Read", "Mail.Send", "Mail.ReadWrite", "email", "openid",
            ])
        #expect(catalog.feature("calendar")?.scopes.map(\.value) == ["offline_access", "User.Read", "Calendars.ReadWrite"])
        #expect(catalog.feature("rooms")?.scopes.map(\.value) == ["offline_access", "User.ReadBasic.All"])
        #expect(catalog.description(of: "Mail.Send") == "Allows the app to send emails as you.")
    }

    @Test func theExampleHasEveryProcedureOfTheSeed() throws {
        let content = try #require(try ContentLoader.load(folder: Self.contentFolder).content)
        #expect(
            content.procedures.map(\.id.value) == [
                "allow-admin-consent-requests", "assign-users-and-groups", "decide-user-assignment",
                "grant-admin-consent",
                "grant-permissions-in-app", "reconnect-account", "review-conditional-access-policies", "verify-user-consent-settings",
            ])
        // Current admin-center paths start at "Entra ID" (microsoft-identity-facts.md §7), never the old "Identity".
        let paths = content.procedures.flatMap { $0.steps.flatMap(\.path) }.map(\.value)
        #expect(!paths.contains("Identity") && !paths.contains("Enterprise applications"))
        // Facts §10: no app-registration setting (it is not a consent setting), no Microsoft 365 admin
        // center switch, and the least-privileged roles for granting consent.
        #expect(!paths.contains("Users") && !paths.contains("Org settings"))
        let texts = content.procedures.flatMap { $0.steps.map(\.text.value) }
        #expect(!texts.contains { $0.contains("admin.microsoft.com") || $0.contains("Users can register applications") })
        let grant = try #require(content.procedure("grant-admin-consent"))
        #expect(grant.roles.map(\.value) == ["Cloud Application Administrator", "Application Administrator"])
        // The admin-consent link comes first; Enterprise apps only once the app is listed.
        #expect(grant.steps.first?.text.value.contains("[consent page](consent.html)") == true)
        #expect(grant.notes.contains { $0.value.contains("Once Recruitee is listed in your tenant's enterprise applications") })
        #expect(grant.checklistFirst)
    }
}

@Suite("Did you mean")
struct DidYouMeanTests {
    @Test func suggestsCloseNamesOnly() {
        #expect(DidYouMean.suggestion(for: "titel", among: ["title", "scopes"]) == "title")
        #expect(DidYouMean.suggestion(for: "zzz", among: ["title", "scopes"]) == nil)
        #expect(DidYouMean.suggestion(for: "CALENDARS.readwrite", among: ["Calendars.ReadWrite"]) == "Calendars.ReadWrite")
    }

    /// Of equally close names, the first; the nearest in length are looked at first, but the
    /// order of the candidates decides.
    @Test func theFirstOfEquallyCloseNamesWins() {
        #expect(DidYouMean.suggestion(for: "abcd", among: ["abcdef", "abxd", "abcx", "abc"]) == "abxd")
        #expect(DidYouMean.suggestion(for: "abcd", among: ["abc", "abxd"]) == "abc")
        #expect(GraphReference.shared.knownNames.suggestion(for: "Calendars.ReadWrit") == "Calendars.ReadWrite")
        #expect(GraphReference.shared.delegatedNames.suggestion(for: "mail.sendd") == "Mail.Send")
    }

    /// The work per unknown name is bounded, so hints for n unknown names among n candidates are
    /// linear (they were n × n: 100,000 unknown keys took about 1 ms each). Shown with a bound of
    /// 64 candidates per name instead of 1,024, so that both sizes are past it in a debug build;
    /// without the bound the ratio is 4.
    @Test func doublingTheUnknownNamesAndTheCandidatesDoublesTheWork() {
        func work(_ n: Int) -> (work: Int, typo: String?) {
            // Names of one length: every candidate is near enough in length to be looked at.
            func padded(_ i: Int) -> String { String(String(i + 100_000).dropFirst()) }
            let candidates = DidYouMean.Candidates((0..<n).map { "feature-\(padded($0))" }, maxExamined: 64)
            var work = 0
            for i in 0..<n { _ = candidates.suggestion(for: "unknown-\(padded(i))", work: &work) }
            var ignored = 0
            return (work, candidates.suggestion(for: "featur-00007", work: &ignored))
        }
        let (small, large) = (work(400), work(800))
        #expect(small.typo == "feature-00007" && large.typo == "feature-00007")
        #expect(Double(large.work) / Double(small.work) < 3, "work \(small.work) → \(large.work)")
    }
}

/// `changes.yaml` replayed from its oldest entry must give each feature exactly the catalog's scopes.
@Suite("Change log")
struct ChangeLogTests {
    /// The valid catalog's one feature: calendar = [offline_access, User.Read].
    private let log = """
        note: Example.
        changes:
          - date: 2026-03-01
            feature: calendar
            added: [User.Read]
            removed: [Calendars.Read]
          - date: 2025-01-10
            feature: calendar
            added: [offline_access, Calendars.Read]

        """

    private func check(catalog: String = validCatalog, _ changes: String) throws -> [(String, String)] {
        let temp = try TempContent(catalog: catalog, changes: changes)
        defer { temp.remove() }
        let result = try ContentLoader.load(folder: temp.folder)
        return result.diagnostics.sorted.map { d in
            let file = d.location.map { String($0.file.dropFirst(temp.folder.count + 1)) } ?? "-"
            return ("\(file) \(d.location.map { "\($0.line):\($0.column)" } ?? "-") \(d.severity.rawValue) \(d.kind)", d.message)
        }
    }

    @Test func aLogThatReplaysToTheCatalogIsClean() throws {
        #expect(try check(log).map(\.0) == [])
        let content = try TempContent(catalog: validCatalog, changes: log)
        defer { content.remove() }
        let loaded = try #require(try ContentLoader.load(folder: content.folder).content?.changes)
        #expect(loaded.entries.map(\.date.value) == ["2026-03-01", "2025-01-10"])
        #expect(loaded.entries[0].removed.map(\.value) == ["Calendars.Read"])
    }

    /// A scope added to the catalog without an entry fails at the catalog line; the entry makes it clean.
    @Test func aScopeAddedWithoutAnEntryIsReportedAtTheCatalogLine() throws {
        let m = Marked(
            validCatalog.replacingOccurrences(
                of: "scopes: [offline_access, User.Read]", with: "scopes: [offline_access, User.Read, ①Mail.Send]"
            )
            .replacingOccurrences(
                of: "scopes:\n  offline_access:", with: "scopes:\n  Mail.Send:\n    description: Send.\n  offline_access:"))
        let result = try check(catalog: m.text, log)
        #expect(result.map(\.0) == ["permissions.yaml \(m["①"]) error unlogged-scope-change"])
        #expect(result.first?.1.hasPrefix("feature 'calendar' requests 'Mail.Send', but no entry of changes.yaml adds it") == true)
        let logged = log.replacingOccurrences(
            of: "changes:\n", with: "changes:\n  - date: 2026-05-01\n    feature: calendar\n    added: [Mail.Send]\n")
        #expect(try check(catalog: m.text, logged).map(\.0) == [])
    }

    /// A scope removed from the catalog without an entry fails at the feature's `scopes:` line.
    @Test func aScopeRemovedWithoutAnEntryIsReportedAtTheFeature() throws {
        let m = Marked(
            validCatalog.replacingOccurrences(of: "    scopes: [offline_access, User.Read]", with: "    ①scopes: [offline_access]")
                .replacingOccurrences(of: "  User.Read:\n    description: Sign you in.\n", with: ""))
        let result = try check(catalog: m.text, log)
        #expect(result.map(\.0) == ["permissions.yaml \(m["①"]) error unlogged-scope-change"])
        #expect(
            result.first?.1
                == "feature 'calendar' no longer requests 'User.Read' (added on 2026-03-01), but no entry of changes.yaml removes it: log the change (date, feature, removed)"
        )
    }

    @Test func contradictingAndUnorderedEntriesAreErrors() throws {
        let m = Marked(
            """
            changes:
              - date: 2025-01-10
                feature: calendar
                added: [①offline_access, User.Read]
                removed: [②Mail.Send]
              - date: ③2026-01-10
                feature: calendar
                added: [offline_access]

            """)
        let result = try check(m.text)
        #expect(
            result.map(\.0) == [
                "changes.yaml \(m["①"]) error change-log-contradiction", "changes.yaml \(m["②"]) error change-log-contradiction",
                "changes.yaml \(m["③"]) error change-log-order",
            ])
        #expect(
            result[0].1 == "the 2025-01-10 entry adds 'offline_access' to feature 'calendar', which already has it (added on 2026-01-10)")
        #expect(result[1].1 == "the 2025-01-10 entry removes 'Mail.Send' from feature 'calendar', which no earlier entry added")
        #expect(result[2].1 == "entries are newest first, but 2026-01-10 comes after 2025-01-10")
    }

    @Test func datesFeaturesAndScopesAreChecked() throws {
        let m = Marked(
            """
            changes:
              - date: ①2026-02-30
                feature: ②calendr
                added: [offline_access, User.Read, ③Calendar.ReadWrite]

            """)
        let result = try check(m.text)
        #expect(result.map(\.0).contains("changes.yaml \(m["①"]) error invalid-value"))
        #expect(result.map(\.0).contains("changes.yaml \(m["②"]) error unlogged-scope-change"))
        #expect(result.map(\.0).contains("changes.yaml \(m["③"]) error unknown-scope"))
        #expect(
            result.first { $0.0.hasSuffix("unlogged-scope-change") && $0.0.contains(m["②"]) }?.1.contains("did you mean 'calendar'?")
                == true)
    }
}
