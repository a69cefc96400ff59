import Testing
import Foundation
import PermdocsDiagnostics
import PermdocsModel
import PermdocsTestSupport
@testable import PermdocsValidate

private func findings(_ catalog: String) throws -> [(String, String)] {
    let temp = try TempContent(catalog: catalog, procedures: [:])
    defer { temp.remove() }
    let result = try ContentLoader.load(folder: temp.folder)
    return result.diagnostics.sorted.map { d in
        ("\(d.location.map { "\($0.line):\($0.column)" } ?? "-") \(d.severity.rawValue) \(d.kind)", d.message)
    }
}

private func catalog(scopes: String, requested: String) -> String {
    """
    app:
      name: Acme
      client_id: 0f2b8c4e-5a1d-4c3e-9b7a-1d2e3f4a5b6c
      redirect_uri: https://app.contoso.com/callback
    scopes:
    \(scopes)
    features:
      - id: mail
        title: Mail
        scopes: [\(requested)]

    """
}

@Suite("Scopes on other resources")
struct ResourceScopeTests {
    @Test func scopeNamesSplitResourceAndName() {
        #expect(ScopeName("Mail.Send").canonical == "Mail.Send")
        #expect(ScopeName("https://graph.microsoft.com/Mail.Send").canonical == "Mail.Send")
        #expect(ScopeName("https://graph.microsoft.us/Mail.Send").key == "/mail.send")
        #expect(ScopeName("https://graph.microsoft.com/.default").canonical == "https://graph.microsoft.com/.default")
        #expect(ScopeName("https://Outlook.Office365.com/SMTP.Send").canonical == "https://outlook.office.com/SMTP.Send")
        #expect(ScopeName("api://contoso.com/my-api/Files.Sync").resource == "api://contoso.com/my-api")
        #expect(ScopeName("https://management.azure.com/user_impersonation").resource == "https://management.azure.com")
    }

    @Test func exchangeOnlinePermissionsAreKnownWithTheOutlookResource() {
        let r = GraphReference.shared
        #expect(
            r.delegated("https://outlook.office365.com/imap.accessasuser.all")?.value == "https://outlook.office.com/IMAP.AccessAsUser.All")
        #expect(r.delegated("https://outlook.office.com/SMTP.Send")?.value == "https://outlook.office.com/SMTP.Send")
        #expect(r.delegated("https://outlook.office.com/Mail.Send") == nil)
        #expect(r.delegated("https://outlook.office.com/.default")?.value == "https://outlook.office.com/.default")
        // The managed policy lists IMAP, POP, EWS and EAS under "Office 365 Exchange Online"; not SMTP.
        #expect(r.blockedByManagedConsentPolicy("https://outlook.office.com/IMAP.AccessAsUser.All"))
        #expect(r.blockedByManagedConsentPolicy("https://outlook.office.com/EAS.AccessAsUser.All"))
        #expect(!r.blockedByManagedConsentPolicy("https://outlook.office.com/SMTP.Send"))
    }

    @Test func outlookAndDeclaredScopesValidate() throws {
        let text = catalog(
            scopes: """
                  https://outlook.office.com/IMAP.AccessAsUser.All: {description: IMAP.}
                  https://graph.microsoft.com/.default: {description: Everything listed.}
                  api://acme/Files.Sync: {description: Sync., admin_consent: false}
                """,
            requested: "https://outlook.office365.com/IMAP.AccessAsUser.All, https://graph.microsoft.com/.default, api://acme/Files.Sync")
        #expect(try findings(text).map(\.0) == [])
    }

    @Test func undeclaredResourcesBareDefaultAndAdminConsentOnGraphAreFindings() throws {
        let text = catalog(
            scopes: """
                  Mail.Send: {description: Send., admin_consent: true}
                  api://acme/Files.Sync: {description: Sync.}
                """, requested: "Mail.Send, api://acme/Files.Sync, .default, https://outlook.office.com/Mail.Send")
        let result = try findings(text)
        #expect(
            result.map(\.0) == [
                "6:50 error invalid-value",
                "7:3 error unknown-scope",
                "11:25 error unknown-scope",
                "11:48 error unknown-scope",
                "11:58 error unknown-scope",
            ])
        #expect(
            result[1].1
                == "scope 'api://acme/Files.Sync' is on resource 'api://acme', which permdocs has no data for: declare it under 'scopes' with a description and 'admin_consent: true' or 'false'"
        )
        #expect(
            result[4].1
                == "unknown scope 'https://outlook.office.com/Mail.Send': permdocs knows IMAP.AccessAsUser.All, POP.AccessAsUser.All, SMTP.Send, EWS.AccessAsUser.All, EAS.AccessAsUser.All on the Outlook resource; Microsoft Graph's 'Mail.Send' is written without a resource"
        )
        #expect(
            result[3].1
                == "'.default' needs its resource: write 'https://graph.microsoft.com/.default' (everything the app registration lists for Microsoft Graph)"
        )
    }

    @Test func clientLocationOptionsAndScopeCaseAreChecked() throws {
        let text = """
            app:
              name: Acme
              client_id: 0f2b8c4e-5a1d-4c3e-9b7a-1d2e3f4a5b6c
              redirect_uri: https://app.contoso.com/callback
            scope_case: ignore
            scopes:
              User.Read: {description: Sign in.}
            features:
              - id: mail
                title: Mail
                scopes: [User.Read]
                client:
                  - path: a.yml
                    key: a.b
                    after: x
                  - path: a.py
                    anchor: "SCOPES ="
                    occurrence: 0
                    subset: yes

            """
        let result = try findings(text).map { "\($0.0): \($0.1)" }
        #expect(
            result == [
                "5:13 error invalid-value: 'ignore' is not a valid scope_case (one of: warn, insensitive)",
                "13:9 error conflicting-keys: 'after' and 'occurrence' choose among occurrences of an 'anchor'; a 'key' location has neither",
                "18:21 error wrong-type: 'occurrence' must be a whole number from 1, not '0'",
                "19:17 error wrong-type: 'subset' must be true or false, not 'yes'",
            ])
    }

    @Test func defaultIsNotCombinedWithOtherScopesOfItsResource() throws {
        let text = catalog(
            scopes: """
                  https://graph.microsoft.com/.default: {description: Everything listed.}
                  Mail.Send: {description: Send.}
                  offline_access: {description: Stay.}
                  https://outlook.office.com/SMTP.Send: {description: SMTP.}
                """, requested: "https://graph.microsoft.com/.default, offline_access, https://outlook.office.com/SMTP.Send, Mail.Send")
        let result = try findings(text)
        #expect(result.map(\.0) == ["13:106 error default-combined"])
        #expect(
            result.first?.1
                == "feature 'mail' requests 'https://graph.microsoft.com/.default' and 'Mail.Send' together: '.default' already means everything the app registration lists for that resource, and Entra ID refuses static (.default) and dynamic consent in one request"
        )
    }
}
