import Foundation

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
    /// Who cannot consent under "Let Microsoft manage your consent settings".
    public let managedPolicy: ManagedConsentPolicy
    private let delegatedByLowercase: [String: Permission]
    private let delegatedByID: [String: Permission]

    /// The bundled reference, decoded once per process.
    public static let shared: GraphReference = {
        do {
            return try GraphReference(delegatedJSON: Data(EmbeddedResources.graph_delegated_permissions.utf8), managedPolicy: .shared)
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

    public init(delegatedJSON: Data, managedPolicy: ManagedConsentPolicy = .shared) throws {
        self.managedPolicy = managedPolicy
        delegated = try JSONDecoder().decode([Permission].self, from: delegatedJSON)
        delegatedByLowercase = Dictionary(delegated.map { ($0.value.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        delegatedByID = Dictionary(delegated.map { ($0.id.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
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
    public func delegated(_ scope: String) -> Permission? {
        delegatedByLowercase[scope.lowercased()]
    }

    /// True when an admin must consent in every tenant (Graph's `adminConsentRequired`).
    public func requiresAdminConsent(_ scope: String) -> Bool {
        delegated(scope)?.adminConsentRequired ?? false
    }

    /// True when users cannot consent to `scope` in tenants on Microsoft's managed consent policy
    /// (`ManagedConsentPolicy`, matched exactly on the canonical name of a known permission; an
    /// unknown name is never on the list).
    public func blockedByManagedConsentPolicy(_ scope: String) -> Bool {
        guard let canonical = delegated(scope)?.value else { return false }
        return managedPolicy.excludes(canonical)
    }

    public static func isOpenIDConnect(_ scope: String) -> Bool {
        openIDConnectScopes.contains(scope.lowercased())
    }
}
