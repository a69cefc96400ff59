import Foundation
public import PermdocsDiagnostics

/// Microsoft Graph's permission reference, compiled into permdocs (Resources/, embedded by the
/// EmbedResources build-tool plugin; from Microsoft's
/// public microsoftgraph/microsoft-graph-devx-content repository, permissions sync of 2026-08-07 —
/// README "Who can consent"): every delegated permission plus the OpenID Connect
/// scopes, and the application permissions (app roles) for reading app manifests.
public final class GraphReference: Sendable {
    public struct Permission: Sendable, Decodable, Hashable {
        public var value: String
        public var id: String
        public var adminConsentRequired: Bool?
        public var adminConsentDisplayName: String?
        public var userConsentDisplayName: String?
        public var userConsentDescription: String?
    }

    /// The date of Microsoft's permissions sync the bundled reference was taken from (`permdocs
    /// --version`); update it with Resources/graph-*-permissions.json.
    public static let dataDate = "2026-08-07"

    /// Microsoft Graph's application id, as it appears in `requiredResourceAccess`.
    public static let graphResourceAppID = "00000003-0000-0000-c000-000000000000"

    /// OpenID Connect scopes: requested without a resource prefix.
    public static let openIDConnectScopes: Set<String> = ["openid", "email", "profile", "offline_access"]

    public let delegated: [Permission]
    /// Office 365 Exchange Online's delegated permissions (IMAP, POP, SMTP, EWS, EAS), values with
    /// the Outlook resource: `https://outlook.office.com/IMAP.AccessAsUser.All`.
    public let exchangeOnline: [Permission]
    /// The resource's name in the managed consent policy ("Office 365 Exchange Online").
    public let exchangeOnlineName: String
    /// Who cannot consent under "Let Microsoft manage your consent settings".
    public let managedPolicy: ManagedConsentPolicy
    private let delegatedByLowercase: [String: Permission]
    private let delegatedByID: [String: Permission]
    private let exchangeByLowercase: [String: Permission]
    /// The delegated permissions' values, and every known value (`knownValues`), prepared for
    /// did-you-mean hints once, not per unknown scope.
    public let delegatedNames: DidYouMean.Candidates
    public let knownNames: DidYouMean.Candidates

    struct ResourceFile: Decodable {
        var resource: String
        var displayName: String
        var permissions: [Permission]
    }

    /// The bundled reference, decoded once per process.
    public static let shared: GraphReference = {
        do {
            return try GraphReference(
                delegatedJSON: Data(EmbeddedResources.graph_delegated_permissions.utf8), managedPolicy: .shared,
                exchangeOnlineJSON: Data(EmbeddedResources.exchange_online_permissions.utf8))
        } catch {
            fatalError("permdocs: the bundled Graph permission reference is unreadable: \(error)")
        }
    }()

    /// Application permissions (app roles), decoded only when an app manifest is read.
    public static let applicationPermissions: [Permission] = {
        do {
            return try JSONDecoder().decode([Permission].self, from: Data(EmbeddedResources.graph_application_permissions.utf8))
        } catch {
            fatalError("permdocs: the bundled Graph permission reference is unreadable: \(error)")
        }
    }()

    public init(delegatedJSON: Data, managedPolicy: ManagedConsentPolicy = .shared, exchangeOnlineJSON: Data? = nil) throws {
        self.managedPolicy = managedPolicy
        delegated = try JSONDecoder().decode([Permission].self, from: delegatedJSON)
        if let exchangeOnlineJSON {
            let file = try JSONDecoder().decode(ResourceFile.self, from: exchangeOnlineJSON)
            exchangeOnline = file.permissions.map { p in
                var p = p
                p.value = "\(file.resource)/\(p.value)"
                return p
            }
            exchangeOnlineName = file.displayName
        } else {
            exchangeOnline = []
            exchangeOnlineName = "Office 365 Exchange Online"
        }
        exchangeByLowercase = Dictionary(exchangeOnline.map { ($0.value.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        delegatedByLowercase = Dictionary(delegated.map { ($0.value.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        delegatedByID = Dictionary(delegated.map { ($0.id.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        delegatedNames = DidYouMean.Candidates(delegated.map(\.value))
        knownNames = DidYouMean.Candidates(delegated.map(\.value) + exchangeOnline.map(\.value))
    }

    /// The delegated permission (`type: Scope` in a manifest) with this id.
    public func delegated(id: String) -> Permission? { delegatedByID[id.lowercased()] }

    /// The application permission (`type: Role` in a manifest) with this id.
    public static func application(id: String) -> Permission? {
        applicationByID[id.lowercased()]
    }

    private static let applicationByID: [String: Permission] =
        Dictionary(applicationPermissions.map { ($0.id.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })

    /// The delegated permission or OIDC scope named `scope`, matched case-insensitively as Entra ID does.
    /// A scope with a resource (`https://outlook.office.com/SMTP.Send`, `https://graph.microsoft.com/.default`)
    /// is looked up on that resource; `.default` is known for Graph and Exchange Online.
    public func delegated(_ scope: String) -> Permission? {
        if !scope.contains("://") { return delegatedByLowercase[scope.lowercased()] }
        let name = ScopeName(scope)
        if name.isDefault, name.isGraph || name.isOutlook {
            return Permission(value: name.canonical, id: "", adminConsentRequired: nil)
        }
        if name.resource == nil { return delegatedByLowercase[name.name.lowercased()] }
        if name.isOutlook { return exchangeByLowercase[name.canonical.lowercased()] }
        return nil
    }

    /// The resource a scope is on, for readers, when it is not Microsoft Graph: "Office 365 Exchange
    /// Online" for the Outlook resource, otherwise the resource URI. Nil for Graph and OIDC scopes.
    public func resourceName(of scope: String) -> String? {
        let name = ScopeName(scope)
        if name.isGraph { return name.isDefault ? "Microsoft Graph" : nil }
        return name.isOutlook ? exchangeOnlineName : name.resource
    }

    /// Every known scope value (Graph, OIDC and Exchange Online), for did-you-mean hints.
    public var knownValues: [String] { delegated.map(\.value) + exchangeOnline.map(\.value) }

    /// True when an admin must consent in every tenant (Graph's `adminConsentRequired`).
    public func requiresAdminConsent(_ scope: String) -> Bool {
        delegated(scope)?.adminConsentRequired ?? false
    }

    /// True when users cannot consent to `scope` in tenants on Microsoft's managed consent policy
    /// (`ManagedConsentPolicy`, matched exactly on the canonical name of a known permission; an
    /// unknown name is never on the list).
    public func blockedByManagedConsentPolicy(_ scope: String) -> Bool {
        guard let canonical = delegated(scope)?.value else { return false }
        let name = ScopeName(canonical)
        if name.isOutlook { return managedPolicy.excludes(name.name, resource: exchangeOnlineName) }
        return managedPolicy.excludes(canonical)
    }

    public static func isOpenIDConnect(_ scope: String) -> Bool {
        openIDConnectScopes.contains(scope.lowercased())
    }
}
