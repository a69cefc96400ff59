public import PermdocsDiagnostics

/// The permissions catalog (`content/permissions.yaml`): the app, the text shown for each scope, and
/// the sync features with the scopes each one requests. This shape is a contract that other tools and
/// tests rely on; keys may be added, not changed.
public struct Catalog: Sendable {
    /// The app registration customers consent to.
    public struct App: Sendable {
        public var name: Located<String>
        /// Application (client) ID, a GUID.
        public var clientID: Located<String>
        public var redirectURI: Located<String>
        /// Optional: the vendor's support page, linked from the article.
        public var supportURL: Located<String>?
        /// Optional: whether the app's publisher is verified in Microsoft Entra (Microsoft Partner
        /// Network). It decides what users may consent to in tenants that allow user consent only
        /// "for apps from verified publishers"; absent means the docs do not say.
        public var verifiedPublisher: Located<Bool>?
        /// Optional: `true` declares `client_id` and `redirect_uri` as example values (documentation
        /// placeholders). The site then says so on the pages that carry links, and `placeholder-app`
        /// is not reported; without it, placeholder values are findings.
        public var example: Located<Bool>?

        public init(
            name: Located<String>, clientID: Located<String>, redirectURI: Located<String>, supportURL: Located<String>? = nil,
            verifiedPublisher: Located<Bool>? = nil, example: Located<Bool>? = nil
        ) {
            self.name = name
            self.clientID = clientID
            self.redirectURI = redirectURI
            self.supportURL = supportURL
            self.verifiedPublisher = verifiedPublisher
            self.example = example
        }

        /// True when the catalog declares its app values as examples.
        public var isExample: Bool { example?.value == true }
    }

    /// The text shown for one scope, keyed in YAML by the scope value.
    public struct ScopeText: Sendable {
        public var scope: Located<String>
        public var description: Located<String>?
        /// Optional, for scopes on resources other than Microsoft Graph: whether an admin must
        /// consent in every tenant. Required for a resource permdocs has no data for (`api://…`,
        /// `https://management.azure.com/…`), which it declares.
        public var adminConsent: Located<Bool>?

        public init(scope: Located<String>, description: Located<String>?, adminConsent: Located<Bool>? = nil) {
            self.scope = scope
            self.description = description
            self.adminConsent = adminConsent
        }
    }

    /// Where client code requests a feature's scopes (read by `permdocs check --client`).
    public struct ClientLocation: Sendable {
        /// Path relative to the client root; may be a glob.
        public var path: Located<String>
        /// Text in source code just before the scope list.
        public var anchor: Located<String>?
        /// Dotted key path in a JSON or YAML file.
        public var key: Located<String>?
        /// Optional: an anchor that must come before `anchor` (its first occurrence); the first
        /// occurrence of `anchor` after it is read.
        public var after: Located<String>?
        /// Optional: which occurrence of `anchor` (1-based, counted after `after` when given) is read.
        public var occurrence: Located<Int>?
        /// Optional: `true` when this place requests a subset of the feature's scopes (a token
        /// refresh): it may omit documented scopes, never add any.
        public var subset: Located<Bool>?
        public var location: SourceLocation

        public init(
            path: Located<String>, anchor: Located<String>? = nil, key: Located<String>? = nil, after: Located<String>? = nil,
            occurrence: Located<Int>? = nil, subset: Located<Bool>? = nil, location: SourceLocation
        ) {
            self.path = path
            self.anchor = anchor
            self.key = key
            self.after = after
            self.occurrence = occurrence
            self.subset = subset
            self.location = location
        }

        public var isSubset: Bool { subset?.value == true }
    }

    /// How `permdocs check --client` treats a scope written in code in another case than the catalog.
    public enum ScopeCase: String, Sendable, CaseIterable {
        /// A `scope-case` warning (the default).
        case warn
        /// Entra ID matches scopes case-insensitively: no finding.
        case insensitive
    }

    /// A sync feature: one consent flow of the app.
    public struct Feature: Sendable {
        /// Lowercase letters, digits and '-'.
        public var id: Located<String>
        public var title: Located<String>
        /// Optional inline Markdown shown under the feature's heading.
        public var summary: Located<String>?
        /// Scopes in the order the article lists them.
        public var scopes: [Located<String>]
        public var client: [ClientLocation]
        public var location: SourceLocation
        /// Where `scopes:` is written (the feature's location when absent).
        public var scopesLocation: SourceLocation

        public init(
            id: Located<String>, title: Located<String>, summary: Located<String>?, scopes: [Located<String>],
            client: [ClientLocation], location: SourceLocation, scopesLocation: SourceLocation? = nil
        ) {
            self.scopesLocation = scopesLocation ?? location
            self.id = id
            self.title = title
            self.summary = summary
            self.scopes = scopes
            self.client = client
            self.location = location
        }
    }

    public var file: String
    public var app: App
    public var scopes: [ScopeText]
    public var features: [Feature]
    /// Optional top-level `scope_case`: how drift checks treat case-only differences in code.
    public var scopeCase: Located<ScopeCase>?
    private let descriptions: [String: String]
    private let adminConsent: [String: Bool]
    private let featureIndex: [String: Int]

    public init(file: String, app: App, scopes: [ScopeText], features: [Feature], scopeCase: Located<ScopeCase>? = nil) {
        self.file = file
        self.scopeCase = scopeCase
        self.app = app
        self.scopes = scopes
        self.features = features
        var descriptions: [String: String] = [:]
        // Keyed by the spelling as written and by its lowercase form, so the usual lookup (the
        // catalog's own spelling) needs no lowercasing.
        var adminConsent: [String: Bool] = [:]
        for s in scopes.reversed() {
            if let d = s.description?.value {
                descriptions[ScopeName.key(s.scope.value)] = d
                descriptions[s.scope.value] = d
            }
            if let a = s.adminConsent?.value { adminConsent[ScopeName.key(s.scope.value)] = a }
        }
        self.descriptions = descriptions
        self.adminConsent = adminConsent
        var index: [String: Int] = [:]
        for (i, f) in features.enumerated() where index[f.id.value] == nil { index[f.id.value] = i }
        featureIndex = index
    }

    public func feature(_ id: String) -> Feature? { featureIndex[id].map { features[$0] } }

    /// The index of feature `id` in `features`.
    public func featureNumber(_ id: String) -> Int? { featureIndex[id] }

    /// The description the catalog gives for a scope, matched case-insensitively as Entra matches scopes.
    public func description(of scope: String) -> String? {
        descriptions[scope] ?? descriptions[ScopeName.key(scope)]
    }

    /// `admin_consent` as the catalog declares it for a scope on another resource, or nil.
    public func declaredAdminConsent(_ scope: String) -> Bool? { adminConsent[ScopeName.key(scope)] }

    /// The canonical value of a scope on a resource permdocs has no data for, when the catalog
    /// declares it (under `scopes`, with `admin_consent`); nil otherwise.
    public func declaredScope(_ scope: String) -> String? {
        let name = ScopeName(scope)
        guard !name.isGraph, !name.isOutlook, adminConsent[name.key] != nil else { return nil }
        return self.scopes.first { ScopeName.key($0.scope.value) == name.key }?.scope.value
    }
}
