import Testing
import PermdocsDiagnostics
import PermdocsLoad
@testable import PermdocsModel

/// Decodes `yaml` as a catalog; returns it and the findings as "line:column kind".
private func decode(_ yaml: String) -> (Catalog?, [String]) {
    let document = YAMLLoader().load(string: yaml, file: "permissions.yaml")
    var reader = NodeReader()
    let catalog = document.root.flatMap { CatalogDecoder.decode($0, file: "permissions.yaml", into: &reader) }
    return (catalog, (document.diagnostics + reader.diagnostics.all).map { "\($0.location!.line):\($0.location!.column) \($0.kind)" })
}

@Suite("Catalog decoding")
struct CatalogDecodingTests {
    @Test func everyValueKeepsTheLineAndColumnItCameFrom() throws {
        let (catalog, findings) = decode(
            """
            app:
              name: Recruitee
              client_id: 0f2b8c4e-5a1d-4c3e-9b7a-1d2e3f4a5b6c
              redirect_uri: https://app.example.com/callback
            scopes:
              User.Read:
                description: Sign you in.
            features:
              - id: calendar
                title: Calendar sync
                scopes: [offline_access, User.Read]
            """)
        #expect(findings == [])
        let c = try #require(catalog)
        #expect(c.app.name.value == "Recruitee")
        #expect(c.app.name.location == SourceLocation(file: "permissions.yaml", line: 2, column: 9))
        #expect(c.features.map(\.id.value) == ["calendar"])
        #expect(c.features[0].scopes.map(\.value) == ["offline_access", "User.Read"])
        #expect(c.features[0].scopes[1].location == SourceLocation(file: "permissions.yaml", line: 11, column: 30))
        #expect(c.featureNumber("calendar") == 0)
        #expect(c.feature("mailbox") == nil)
    }

    @Test func structuralProblemsAreLocatedAndDecodingGoesOn() {
        let (_, findings) = decode(
            """
            app:
              name: Recruitee
              client_id: 0f2b8c4e-5a1d-4c3e-9b7a-1d2e3f4a5b6c
              redirect_url: https://app.example.com/callback
            scopes: []
            features:
              - id: calendar
                title: [Calendar]
                scopes: [User.Read]
            """)
        #expect(findings == ["4:3 unknown-key", "2:3 missing-key", "5:9 wrong-type", "8:12 wrong-type"])
    }
}

@Suite("Graph permission reference")
struct GraphReferenceTests {
    let reference = GraphReference.shared

    @Test func scopesAreFoundCaseInsensitivelyWithTheirCanonicalSpelling() throws {
        let permission = try #require(reference.delegated("calendars.readwrite"))
        #expect(permission.value == "Calendars.ReadWrite")
        #expect(reference.delegated(id: permission.id.uppercased())?.value == "Calendars.ReadWrite")
        #expect(reference.delegated("Calendar.ReadWrite") == nil)
    }

    @Test func adminConsentAndTheManagedPolicyFollowMicrosoftsReference() {
        #expect(reference.requiresAdminConsent("User.Read.All"))
        #expect(!reference.requiresAdminConsent("User.Read"))
        // Microsoft's closed list, matched exactly: Mail.Send is not on it, Calendars.ReadBasic is.
        #expect(!reference.blockedByManagedConsentPolicy("Mail.Send"))
        #expect(reference.blockedByManagedConsentPolicy("Calendars.ReadBasic"))
        #expect(!reference.blockedByManagedConsentPolicy("User.Read"))
        #expect(GraphReference.isOpenIDConnect("OpenID"))
        #expect(!GraphReference.isOpenIDConnect("User.Read"))
    }

    @Test func applicationPermissionsAreReadOnlyForManifests() throws {
        let role = try #require(GraphReference.applicationPermissions.first { $0.value == "User.Read.All" })
        #expect(GraphReference.application(id: role.id)?.value == "User.Read.All")
    }
}
