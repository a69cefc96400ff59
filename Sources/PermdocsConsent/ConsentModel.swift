public import PermdocsModel

/// The four answers an Entra admin can give to **User consent for applications** (Entra ID >
/// Enterprise apps > Consent and permissions > User consent settings). Names and policy ids as
/// Microsoft Learn gives them ("Configure how users consent to applications"; "Manage app consent
/// policies", ms.date 2026-01-22). Listed from most to least permissive for users.
public enum UserConsentSetting: String, CaseIterable, Sendable {
    /// "Allow user consent for apps" (`microsoft-user-default-legacy`).
    case allowForAllApps = "allow-all-apps"
    /// "Let Microsoft manage your consent settings" (`microsoft-user-default-recommended`), the
    /// default for a new tenant.
    case microsoftManaged = "microsoft-managed"
    /// "Allow user consent for apps from verified publishers, for selected permissions"
    /// (`microsoft-user-default-low`): only permissions the tenant classified as low impact, only
    /// for apps whose publisher is verified (or apps registered in the tenant).
    case verifiedPublishersSelectedPermissions = "verified-publishers-selected-permissions"
    /// "Do not allow user consent".
    case doNotAllow = "do-not-allow"

    /// The option's label in the Entra admin center.
    public var label: String {
        switch self {
        case .allowForAllApps: "Allow user consent for apps"
        case .microsoftManaged: "Let Microsoft manage your consent settings"
        case .verifiedPublishersSelectedPermissions: "Allow user consent for apps from verified publishers, for selected permissions"
        case .doNotAllow: "Do not allow user consent"
        }
    }

    /// A few words for a table cell where the full label does not fit; the full label stays the one
    /// an admin looks for in the admin center.
    public var shortLabel: String {
        switch self {
        case .allowForAllApps: "allowed for all apps"
        case .microsoftManaged: "Microsoft-managed"
        case .verifiedPublishersSelectedPermissions: "limited to verified publishers"
        case .doNotAllow: "not allowed"
        }
    }

    /// Microsoft's id of the permission grant policy behind the option (none for "do not allow").
    public var policyID: String? {
        switch self {
        case .allowForAllApps: "microsoft-user-default-legacy"
        case .microsoftManaged: "microsoft-user-default-recommended"
        case .verifiedPublishersSelectedPermissions: "microsoft-user-default-low"
        case .doNotAllow: nil
        }
    }

    /// True for the option a new tenant starts with.
    public var isDefaultForNewTenants: Bool { self == .microsoftManaged }
}

/// A tenant's answer to the two questions that decide who can consent to an app: the user consent
/// setting, and the enterprise app's **Assignment required?** property.
public struct TenantSettings: Sendable, Hashable {
    public var userConsent: UserConsentSetting
    public var assignmentRequired: Bool

    public init(_ userConsent: UserConsentSetting, assignmentRequired: Bool = false) {
        self.userConsent = userConsent
        self.assignmentRequired = assignmentRequired
    }

    /// The setting as the end of "in tenants where …": "user consent is Microsoft-managed",
    /// "“Assignment required?” is Yes".
    public var phrase: String {
        assignmentRequired ? "“Assignment required?” is Yes" : "user consent is \(userConsent.shortLabel)"
    }

    /// The settings a feature's consent is explained for: each user consent option (assignment not
    /// required), most permissive first, then "Assignment required? Yes", which is the same under
    /// every option. The article's tables, `permissions.json` and `permdocs changes` use this list.
    public static let explained: [TenantSettings] =
        UserConsentSetting.allCases.map { TenantSettings($0) } + [TenantSettings(.allowForAllApps, assignmentRequired: true)]

    /// The setting's key in JSON output: the user consent option's id, or `assignment-required`.
    public var key: String { assignmentRequired ? "assignment-required" : userConsent.rawValue }

    /// Every combination, user consent options first by permissiveness, assignment No before Yes.
    public static let all: [TenantSettings] = [false, true].flatMap { assignment in
        UserConsentSetting.allCases.map { TenantSettings($0, assignmentRequired: assignment) }
    }
}

/// Who can grant a permission (or a whole feature) in one tenant setting.
public enum ConsentOutcome: Sendable, Hashable {
    /// Each user can consent for themselves while connecting.
    case user
    /// Users can consent only if the tenant classified the permissions as low impact (and, when
    /// `publisherVerified` is nil, only if the app's publisher is verified: the catalog does not say).
    case userIfClassifiedLowImpact(publisherKnownVerified: Bool)
    /// An admin must grant consent for the organization first.
    case admin(AdminReason)

    public var userCanConsent: Bool { self == .user }

    /// The outcome in JSON output: `user`, `admin` or `user-if-classified-low-impact`.
    public var code: String {
        switch self {
        case .user: "user"
        case .admin: "admin"
        case .userIfClassifiedLowImpact: "user-if-classified-low-impact"
        }
    }
    public var needsAdmin: Bool { if case .admin = self { true } else { false } }
}

/// Why an admin must grant consent, most general first: when several apply, the earliest is the one
/// an admin has to act on.
public enum AdminReason: Int, Sendable, Hashable, Comparable {
    /// "Assignment required?" is Yes: users cannot consent at all.
    case assignmentRequired
    /// "Do not allow user consent".
    case userConsentOff
    /// Microsoft Graph marks the permission as needing an admin in every tenant.
    case adminConsentRequired
    /// The permission is on the Microsoft-managed policy's closed list.
    case managedPolicy
    /// The verified-publishers option, and the catalog says the publisher is not verified.
    case publisherNotVerified

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// Who can consent to each scope and each feature of a catalog under each tenant setting, from the
/// bundled Graph reference (`adminConsentRequired`) and Microsoft's managed policy list. Every page,
/// `permissions.json` and `permdocs changes` ask this one place.
///
/// The rules (facts from Microsoft Learn: "Configure how users consent to applications", "Manage app
/// consent policies", "Grant tenant-wide admin consent"):
/// - a permission Graph marks `adminConsentRequired` needs an admin in every tenant (for another
///   resource: the catalog's `admin_consent`; `{resource}/.default`: the strictest of what it grants);
/// - "Assignment required? Yes" means an admin must consent even when user consent is allowed;
/// - "Do not allow user consent": only admins;
/// - "Allow user consent for apps": users may consent to anything that does not need an admin;
/// - "Let Microsoft manage…": as above, except the permissions on Microsoft's closed list (per
///   resource: Exchange Online's IMAP, POP, EWS and EAS are on it);
/// - "…verified publishers, for selected permissions": users only for apps from a verified
///   publisher, and only permissions the tenant classified as low impact (a per-tenant choice, so
///   the answer is conditional).
public struct ConsentModel: Sendable {
    public let reference: GraphReference
    /// `app.verified_publisher` from the catalog; nil when the catalog does not say.
    public let publisherVerified: Bool?

    /// `admin_consent` the catalog declares for scopes on resources other than Microsoft Graph
    /// (by `ScopeName.key`): the answer for resources permdocs has no data for, and for Exchange
    /// Online permissions, whose `adminConsentRequired` the bundled data does not give.
    public let declaredAdminConsent: [String: Bool]

    /// What `{resource}/.default` grants, by resource key ("" for Graph): the catalog's other
    /// described scopes on that resource (the app registration must list them; `check --manifest`).
    public let defaultGrants: [String: [String]]

    public init(
        reference: GraphReference, publisherVerified: Bool?, declaredAdminConsent: [String: Bool] = [:],
        defaultGrants: [String: [String]] = [:]
    ) {
        self.reference = reference
        self.publisherVerified = publisherVerified
        self.declaredAdminConsent = declaredAdminConsent
        self.defaultGrants = defaultGrants
    }

    static func resourceKey(_ name: ScopeName) -> String { name.isGraph ? "" : name.resource ?? "" }

    public init(catalog: Catalog, reference: GraphReference) {
        var declared: [String: Bool] = [:]
        for s in catalog.scopes {
            if let flag = s.adminConsent?.value, !ScopeName(s.scope.value).isGraph { declared[ScopeName.key(s.scope.value)] = flag }
        }
        var grants: [String: [String]] = [:]
        for s in catalog.scopes {
            let name = ScopeName(s.scope.value)
            if !name.isDefault { grants[Self.resourceKey(name), default: []].append(s.scope.value) }
        }
        self.init(
            reference: reference, publisherVerified: catalog.app.verifiedPublisher?.value, declaredAdminConsent: declared,
            defaultGrants: grants)
    }

    /// True when an admin must consent to `scope` in every tenant: Graph's `adminConsentRequired`,
    /// or the catalog's `admin_consent` for another resource.
    public func requiresAdminConsent(_ scope: String) -> Bool {
        let name = ScopeName(scope)
        if !name.isGraph, let declared = declaredAdminConsent[name.key] { return declared }
        return reference.requiresAdminConsent(scope)
    }

    /// What a permission that needs no admin and is on no list gets under `settings` (assignment
    /// not required): the baseline of the user consent setting itself.
    func unrestrictedOutcome(in settings: TenantSettings) -> ConsentOutcome {
        switch settings.userConsent {
        case .doNotAllow: .admin(.userConsentOff)
        case .allowForAllApps, .microsoftManaged: .user
        case .verifiedPublishersSelectedPermissions:
            switch publisherVerified {
            case false?: .admin(.publisherNotVerified)
            case true?: .userIfClassifiedLowImpact(publisherKnownVerified: true)
            case nil: .userIfClassifiedLowImpact(publisherKnownVerified: false)
            }
        }
    }

    /// Who can grant `scope` in a tenant with `settings`.
    public func outcome(_ scope: String, in settings: TenantSettings) -> ConsentOutcome {
        if settings.assignmentRequired { return .admin(.assignmentRequired) }
        let name = ScopeName(scope)
        if name.isDefault {
            // `.default` is everything listed for the resource: the strictest of those permissions.
            // Start from what a permission that needs nothing gets in this setting.
            var worst = unrestrictedOutcome(in: settings)
            for granted in defaultGrants[Self.resourceKey(name)] ?? [] {
                switch (worst, outcome(granted, in: settings)) {
                case (.admin(let a), .admin(let b)): worst = .admin(min(a, b))
                case (_, .admin(let b)): worst = .admin(b)
                case (.user, let o): worst = o
                default: break
                }
            }
            return worst
        }
        switch settings.userConsent {
        case .doNotAllow:
            return .admin(.userConsentOff)
        case _ where requiresAdminConsent(scope):
            return .admin(.adminConsentRequired)
        case .microsoftManaged where reference.blockedByManagedConsentPolicy(scope):
            return .admin(.managedPolicy)
        default:
            return unrestrictedOutcome(in: settings)
        }
    }

    /// The user consent settings under which users may consent to `scope` by themselves (with
    /// "Assignment required?" No), most permissive first.
    public func settingsAllowingUsers(_ scope: String) -> [UserConsentSetting] {
        UserConsentSetting.allCases.filter { outcome(scope, in: TenantSettings($0)).userCanConsent }
    }

    /// What one feature needs in one tenant setting, and which of its scopes cause it.
    public struct FeatureOutcome: Sendable, Hashable {
        public var settings: TenantSettings
        public var outcome: ConsentOutcome
        /// Scopes that need an admin in every tenant (Graph's `adminConsentRequired`), canonical names.
        public var adminRequiredScopes: [String]
        /// Scopes on the Microsoft-managed policy's list, when that policy is the setting.
        public var managedPolicyScopes: [String]
    }

    /// The feature's outcome: an admin is needed if any scope needs one (the most general reason in
    /// `AdminReason` order is the feature's reason); otherwise users can consent only if every scope
    /// allows it. Scope-specific causes are listed whenever they apply, so a sentence can name them.
    public func outcome(of feature: Catalog.Feature, in settings: TenantSettings) -> FeatureOutcome {
        var reason: AdminReason?
        var conditional: ConsentOutcome?
        var adminRequired: [String] = []
        var managed: [String] = []
        for scope in feature.scopes.map(\.value) {
            let canonical = reference.delegated(scope)?.value ?? scope
            switch outcome(scope, in: settings) {
            case .user: break
            case .userIfClassifiedLowImpact(let known):
                conditional = conditional ?? .userIfClassifiedLowImpact(publisherKnownVerified: known)
            case .admin(let r):
                reason = min(reason ?? r, r)
                if r == .adminConsentRequired { adminRequired.append(canonical) }
                if r == .managedPolicy { managed.append(canonical) }
            }
        }
        let result = reason.map(ConsentOutcome.admin) ?? conditional ?? .user
        return FeatureOutcome(settings: settings, outcome: result, adminRequiredScopes: adminRequired, managedPolicyScopes: managed)
    }

    /// The feature's outcome under each user consent setting (assignment not required), most
    /// permissive first, then with "Assignment required? Yes" (the same for every setting).
    public func matrix(of feature: Catalog.Feature) -> [FeatureOutcome] {
        TenantSettings.explained.map { outcome(of: feature, in: $0) }
    }
}
