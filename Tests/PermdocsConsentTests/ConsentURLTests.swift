import Testing
import Foundation
import PermdocsModel
import PermdocsValidate
@testable import PermdocsConsent

private let contentFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("content").path

private let catalog: Catalog = {
    try! ContentLoader.load(folder: contentFolder).content!.catalog
}()

/// A generated URL read back: host, path segments and each parameter decoded.
private struct ParsedURL {
    let scheme: String
    let host: String
    let path: [String]
    let names: [String]
    let query: [String: String]

    init(_ url: String) throws {
        let c = try #require(URLComponents(string: url))
        scheme = c.scheme ?? ""
        host = c.host ?? ""
        path = c.path.split(separator: "/").map(String.init)
        let items = c.queryItems ?? []
        names = items.map(\.name)
        query = Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { a, _ in a })
    }
}

private let tenants: [(String, String)] = [
    ("organizations", "organizations"),
    ("Contoso.OnMicrosoft.com", "contoso.onmicrosoft.com"),
    ("72F988BF-86F1-41AF-91AB-2D7CD011DB47", "72f988bf-86f1-41af-91ab-2d7cd011db47"),
]

@Suite("Consent URLs")
struct ConsentURLTests {
    let builder = ConsentURLBuilder(catalog: catalog)

    @Test(arguments: Cloud.allCases)
    func adminConsentLinksReadBackForEveryCloudTenantAndFeature(cloud: Cloud) throws {
        for (typed, segment) in tenants {
            let links = try builder.links(.admin, features: catalog.features, tenant: Tenant(parsing: typed), cloud: cloud)
            #expect(links.map(\.feature) == ["mailbox", "calendar", "rooms"])
            for link in links {
                let u = try ParsedURL(link.url)
                #expect(u.scheme == "https")
                #expect(u.host == cloud.loginHost)
                #expect(u.path == [segment, "v2.0", "adminconsent"])
                #expect(u.names == ["client_id", "scope", "redirect_uri"])
                #expect(u.query["client_id"] == catalog.app.clientID.value)
                #expect(u.query["redirect_uri"] == catalog.app.redirectURI.value)
                let expected = catalog.feature(link.feature!)!.scopes.map(\.value)
                let scopes = u.query["scope"]!.split(separator: " ").map(String.init)
                // Graph scopes carry this cloud's Graph resource; OpenID Connect scopes are bare.
                #expect(scopes == expected.map { GraphReference.isOpenIDConnect($0) ? $0 : "\(cloud.graphResource)/\($0)" })
                #expect(Set(scopes.map { $0.split(separator: "/").last.map(String.init)! }) == Set(expected))
            }
        }
    }

    @Test(arguments: Cloud.allCases)
    func signInLinksAskForConsentWithACode(cloud: Cloud) throws {
        for (typed, segment) in tenants + [("common", "common")] {
            let link = try #require(
                try builder.links(
                    .signin, features: [catalog.feature("calendar")!], tenant: Tenant(parsing: typed), cloud: cloud, state: "s 1/2"
                ).first)
            let u = try ParsedURL(link.url)
            #expect(u.host == cloud.loginHost)
            #expect(u.path == [segment, "oauth2", "v2.0", "authorize"])
            #expect(u.names == ["client_id", "response_type", "redirect_uri", "response_mode", "scope", "state", "prompt"])
            #expect(u.query["response_type"] == "code" && u.query["response_mode"] == "query" && u.query["prompt"] == "consent")
            #expect(u.query["state"] == "s 1/2")
            #expect(u.query["scope"] == "offline_access \(cloud.graphResource)/User.Read \(cloud.graphResource)/Calendars.ReadWrite")
        }
    }

    @Test func appAdminConsentCoversTheWholeRegistration() throws {
        let links = try builder.links(.appAdmin, features: catalog.features, tenant: .organizations, cloud: .global)
        #expect(links.count == 1)
        let u = try ParsedURL(links[0].url)
        #expect(u.path == ["organizations", "adminconsent"])
        #expect(u.names == ["client_id", "redirect_uri"])
        #expect(links[0].feature == nil)
        #expect(
            links[0].scopes == [
                "offline_access", "User.Read", "Mail.Send", "Mail.ReadWrite", "email", "openid", "Calendars.ReadWrite",
                "User.ReadBasic.All",
            ])
    }

    @Test func theExactCalendarLinkIsRFC3986Encoded() throws {
        let url = try builder.adminConsent(
            scopes: ["offline_access", "User.Read", "Calendars.ReadWrite"], tenant: Tenant(parsing: "contoso.onmicrosoft.com"))
        #expect(
            url
                == "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0/adminconsent?client_id=00000000-0000-0000-0000-000000000000&scope=offline_access%20https%3A%2F%2Fgraph.microsoft.com%2FUser.Read%20https%3A%2F%2Fgraph.microsoft.com%2FCalendars.ReadWrite&redirect_uri=https%3A%2F%2Fapp.example.com%2Fauth%2Fmicrosoft%2Fcallback"
        )
        #expect(!url.contains("state="))
    }

    @Test func stateIsAddedOnlyWhenAskedAndEncoded() throws {
        let url = try builder.adminConsent(scopes: ["openid"], tenant: .organizations, state: "a&b=c d")
        #expect(url.hasSuffix("&state=a%26b%3Dc%20d"))
    }

    @Test(arguments: ["common", "consumers", "COMMON"])
    func commonAndConsumersCannotGrantAdminConsent(tenant: String) throws {
        let t = try Tenant(parsing: tenant)
        #expect(throws: Tenant.Problem.notForAdminConsent(tenant.lowercased())) { try builder.adminConsent(scopes: ["openid"], tenant: t) }
        #expect(throws: Tenant.Problem.notForAdminConsent(tenant.lowercased())) { try builder.appAdminConsent(tenant: t) }
    }

    @Test(arguments: [
        "", "contoso", "-contoso.com", "contoso..com", "contoso.c0m", "con toso.com", "https://contoso.com", "contoso.com/x",
        "72f988bf-86f1-41af-91ab",
    ])
    func malformedTenantsAreRefused(tenant: String) {
        #expect(throws: Tenant.Problem.invalid(tenant)) { try Tenant(parsing: tenant) }
    }

    @Test func percentEncodingKeepsOnlyUnreservedCharacters() {
        #expect(
            ConsentURLBuilder.percentEncode("aZ09-._~ /:?#[]@!$&'()*+,;=é")
                == "aZ09-._~%20%2F%3A%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%C3%A9")
    }

    @Test func cloudsUseMicrosoftsHostsAndGraphResources() {
        #expect(Cloud.allCases.map(\.rawValue) == ["global", "usgov", "usgov-dod", "china"])
        #expect(
            Cloud.allCases.map(\.loginHost) == [
                "login.microsoftonline.com", "login.microsoftonline.us", "login.microsoftonline.us", "login.partner.microsoftonline.cn",
            ])
        #expect(
            Cloud.allCases.map(\.graphResource) == [
                "https://graph.microsoft.com", "https://graph.microsoft.us", "https://dod-graph.microsoft.us",
                "https://microsoftgraph.chinacloudapi.cn",
            ])
    }
}
