import Foundation

/// Microsoft's managed user-consent policy (`microsoft-user-default-recommended`, "Let Microsoft
/// manage your consent settings", the default for new tenants), bundled as data beside the Graph
/// reference: the **closed** list of delegated permissions users cannot consent to under it, per
/// resource, and the exception for popular mail clients.
///
/// Source: Microsoft Learn, "Manage app consent policies"
/// (https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/manage-app-consent-policies,
/// ms.date 2026-01-22), section "Microsoft recommended user consent policy". The file keeps the source
/// and its date (`Resources/microsoft-managed-consent-policy.json`); README "Consent model" says how to
/// refresh it. No permission name appears in Swift: a name is on the list only if the data says so.
public struct ManagedConsentPolicy: Sendable, Decodable {
    /// A named client app the mail-client exception covers.
    public struct MailClient: Sendable, Decodable, Equatable {
        public var name: String
        public var appId: String
    }

    /// `microsoft-user-default-allow-consent-apps` ("Enable user consent for popular Mail clients"):
    /// users may consent to the excluded mail permissions for these applications only.
    public struct MailClientPolicy: Sendable, Decodable {
        public var policy: String
        public var setting: String
        public var rule: String
        public var applications: [MailClient]
    }

    /// The policy id, `microsoft-user-default-recommended`.
    public var policy: String
    /// The option's name in the Entra admin center.
    public var setting: String
    /// The Microsoft Learn page the list comes from.
    public var url: String
    /// The page's publication date (`ms.date`), ISO 8601 (`YYYY-MM-DD`).
    public var published: String
    public var source: String
    public var rule: String
    /// Resource display name ("Microsoft Graph", "Office 365 Exchange Online") → permission values,
    /// in Microsoft's canonical casing.
    public var excludedDelegatedPermissions: [String: [String]]
    public var mailClientPolicy: MailClientPolicy

    /// The resource display name of Microsoft Graph in `excludedDelegatedPermissions`.
    public static let graphResourceName = "Microsoft Graph"

    private var excludedByResource: [String: Set<String>] = [:]

    private enum CodingKeys: String, CodingKey {
        case policy, setting, url, published, source, rule, excludedDelegatedPermissions, mailClientPolicy
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        policy = try c.decode(String.self, forKey: .policy)
        setting = try c.decode(String.self, forKey: .setting)
        url = try c.decode(String.self, forKey: .url)
        published = try c.decode(String.self, forKey: .published)
        source = try c.decode(String.self, forKey: .source)
        rule = try c.decode(String.self, forKey: .rule)
        excludedDelegatedPermissions = try c.decode([String: [String]].self, forKey: .excludedDelegatedPermissions)
        mailClientPolicy = try c.decode(MailClientPolicy.self, forKey: .mailClientPolicy)
        excludedByResource = excludedDelegatedPermissions.mapValues(Set.init)
    }

    public init(json: Data) throws {
        self = try JSONDecoder().decode(Self.self, from: json)
    }

    /// The bundled policy, decoded once per process.
    public static let shared: ManagedConsentPolicy = {
        do {
            return try ManagedConsentPolicy(json: Data(EmbeddedResources.microsoft_managed_consent_policy.utf8))
        } catch {
            fatalError("permdocs: the bundled managed consent policy is unreadable: \(error)")
        }
    }()

    /// True when users cannot consent to `permission` (canonical casing, as Microsoft lists it) of
    /// `resource` under this policy. The comparison is exact: callers pass the canonical value from
    /// the Graph reference, so a catalog's spelling never changes the answer.
    public func excludes(_ permission: String, resource: String = graphResourceName) -> Bool {
        excludedByResource[resource]?.contains(permission) ?? false
    }
}
