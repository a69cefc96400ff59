import PermdocsModel

/// Which link: admin consent for a feature's scopes (v2 endpoint), admin consent for everything the
/// app registration lists (classic endpoint), or a user's sign-in with consent for one feature.
public enum ConsentLinkKind: String, Sendable, CaseIterable {
    case admin
    case appAdmin = "app-admin"
    case signin
}

/// One generated link, with what it grants.
public struct ConsentLink: Sendable, Equatable {
    /// The feature id; nil for `app-admin`, which covers the whole app registration.
    public var feature: String?
    public var kind: ConsentLinkKind
    public var cloud: Cloud
    public var tenant: String
    /// The scope values as the catalog lists them (canonical case, without resource prefix).
    public var scopes: [String]
    public var url: String
}

/// Builds Microsoft identity platform URLs from the validated catalog (Microsoft Learn: "OAuth 2.0
/// authorization code flow", "Admin consent on the Microsoft identity platform", "National clouds"). Parameters are in a fixed order and encoded per RFC 3986; `state` only when asked for.
public struct ConsentURLBuilder: Sendable {
    public let clientID: String
    public let redirectURI: String

    public init(clientID: String, redirectURI: String) {
        self.clientID = clientID
        self.redirectURI = redirectURI
    }

    public init(catalog: Catalog) {
        self.init(clientID: catalog.app.clientID.value, redirectURI: catalog.app.redirectURI.value)
    }

    /// The `scope` parameter: Graph scopes prefixed with the cloud's Graph resource, scopes on other
    /// resources (`https://outlook.office.com/SMTP.Send`, `api://…`) with their own, OpenID Connect
    /// scopes (`openid`, `email`, `profile`, `offline_access`) bare, separated by spaces.
    public func scopeParameter(_ scopes: [String], cloud: Cloud) -> String {
        scopes.map { scope in
            if GraphReference.isOpenIDConnect(scope) { return scope }
            let name = ScopeName(scope)
            // Each scope on its own resource: Exchange Online's IMAP/POP/SMTP keep the Outlook URI.
            if name.isGraph { return "\(cloud.graphResource)/\(name.name)" }
            return name.canonical
        }.joined(separator: " ")
    }

    /// `https://{login}/{tenant}/v2.0/adminconsent?client_id&scope&redirect_uri[&state]`
    public func adminConsent(
        scopes: [String], tenant: Tenant, cloud: Cloud = .global, state: String? = nil
    ) throws(Tenant.Problem) -> String {
        guard tenant.canGrantAdminConsent else { throw .notForAdminConsent(tenant.description) }
        var query: [(String, String)] = [
            ("client_id", clientID), ("scope", scopeParameter(scopes, cloud: cloud)), ("redirect_uri", redirectURI),
        ]
        if let state { query.append(("state", state)) }
        return url(cloud: cloud, tenant: tenant, path: "v2.0/adminconsent", query: query)
    }

    /// `https://{login}/{tenant}/adminconsent?client_id&redirect_uri[&state]`: consent to every
    /// permission the app registration lists (its requiredResourceAccess), like `/.default`.
    public func appAdminConsent(tenant: Tenant, cloud: Cloud = .global, state: String? = nil) throws(Tenant.Problem) -> String {
        guard tenant.canGrantAdminConsent else { throw .notForAdminConsent(tenant.description) }
        var query: [(String, String)] = [("client_id", clientID), ("redirect_uri", redirectURI)]
        if let state { query.append(("state", state)) }
        return url(cloud: cloud, tenant: tenant, path: "adminconsent", query: query)
    }

    /// `https://{login}/{tenant}/oauth2/v2.0/authorize?client_id&response_type=code&redirect_uri&response_mode=query&scope[&state]&prompt=consent`
    public func signIn(scopes: [String], tenant: Tenant, cloud: Cloud = .global, state: String? = nil) -> String {
        var query: [(String, String)] = [
            ("client_id", clientID), ("response_type", "code"), ("redirect_uri", redirectURI),
            ("response_mode", "query"), ("scope", scopeParameter(scopes, cloud: cloud)),
        ]
        if let state { query.append(("state", state)) }
        query.append(("prompt", "consent"))
        return url(cloud: cloud, tenant: tenant, path: "oauth2/v2.0/authorize", query: query)
    }

    /// Every link of one kind for the given features.
    public func links(
        _ kind: ConsentLinkKind, features: [Catalog.Feature], tenant: Tenant, cloud: Cloud, state: String? = nil
    ) throws(Tenant.Problem) -> [ConsentLink] {
        switch kind {
        case .appAdmin:
            let all = features.flatMap { $0.scopes.map(\.value) }
            var unique: [String] = []
            var seen: Set<String> = []
            for s in all where seen.insert(ScopeName.key(s)).inserted { unique.append(s) }
            return [
                ConsentLink(
                    feature: nil, kind: kind, cloud: cloud, tenant: tenant.description, scopes: unique,
                    url: try appAdminConsent(tenant: tenant, cloud: cloud, state: state))
            ]
        case .admin, .signin:
            var out: [ConsentLink] = []
            for f in features {
                let scopes = f.scopes.map(\.value)
                let url =
                    kind == .admin
                    ? try adminConsent(scopes: scopes, tenant: tenant, cloud: cloud, state: state)
                    : signIn(scopes: scopes, tenant: tenant, cloud: cloud, state: state)
                out.append(ConsentLink(feature: f.id.value, kind: kind, cloud: cloud, tenant: tenant.description, scopes: scopes, url: url))
            }
            return out
        }
    }

    func url(cloud: Cloud, tenant: Tenant, path: String, query: [(String, String)]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        out.append(contentsOf: "https://\(cloud.loginHost)/".utf8)
        Self.percentEncode(tenant.description, into: &out)
        out.append(UInt8(ascii: "/"))
        out.append(contentsOf: path.utf8)
        for (i, (name, value)) in query.enumerated() {
            out.append(i == 0 ? UInt8(ascii: "?") : UInt8(ascii: "&"))
            Self.percentEncode(name, into: &out)
            out.append(UInt8(ascii: "="))
            Self.percentEncode(value, into: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// RFC 3986 percent-encoding: everything but the unreserved characters, as uppercase hex.
    public static func percentEncode(_ s: String) -> String {
        var out: [UInt8] = []
        percentEncode(s, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func percentEncode(_ s: String, into out: inout [UInt8]) {
        let hex: StaticString = "0123456789ABCDEF"
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(byte)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hex.utf8Start[Int(byte >> 4)])
                out.append(hex.utf8Start[Int(byte & 15)])
            }
        }
    }
}
