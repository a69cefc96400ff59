public import PermdocsModel

/// What changed in the scopes of each feature between two catalogs, and what each added scope means
/// for customers' tenants: who must consent again, under which setting (`ConsentModel`). Used by
/// `permdocs changes` and by the site's "Permission changes" page.
public struct ScopeChanges: Sendable {
    public struct Feature: Sendable {
        public var id: String
        public var title: String
        /// Canonical names, in the current (added) or base (removed) catalog's order.
        public var added: [String]
        public var removed: [String]
        /// The feature is new (not in the base catalog) or gone (not in the current one).
        public var isNew: Bool
        public var isGone: Bool
        /// Who must act, per tenant setting, because of `added` (empty when nothing was added).
        public var reconsent: [Reconsent]
    }

    /// Under one tenant setting: who must consent again before the feature works again.
    public struct Reconsent: Sendable, Hashable {
        public var settings: TenantSettings
        public var outcome: ConsentOutcome
    }

    public var features: [Feature]
    public var isEmpty: Bool { features.isEmpty }

    /// Compares `base` with `current`; scopes match case-insensitively, as Entra ID matches them.
    public init(base: Catalog, current: Catalog, model: ConsentModel) {
        let reference = model.reference
        func canonical(_ s: String) -> String { reference.delegated(s)?.value ?? s }
        var out: [Feature] = []
        for f in current.features {
            let old = base.feature(f.id.value)
            let before = Set((old?.scopes ?? []).map { $0.value.lowercased() })
            let now = Set(f.scopes.map { $0.value.lowercased() })
            let added = f.scopes.map(\.value).filter { !before.contains($0.lowercased()) }.map(canonical)
            let removed = (old?.scopes ?? []).map(\.value).filter { !now.contains($0.lowercased()) }.map(canonical)
            guard !added.isEmpty || !removed.isEmpty else { continue }
            let reconsent = Self.reconsent(adding: f.scopes.filter { !before.contains($0.value.lowercased()) }, to: f, model: model)
            out.append(
                Feature(
                    id: f.id.value, title: f.title.value, added: added, removed: removed, isNew: old == nil, isGone: false,
                    reconsent: reconsent))
        }
        for f in base.features where current.feature(f.id.value) == nil {
            out.append(
                Feature(
                    id: f.id.value, title: f.title.value, added: [], removed: f.scopes.map(\.value).map(canonical), isNew: false,
                    isGone: true, reconsent: []))
        }
        features = out
    }

    /// Who must act, per tenant setting, when `added` joins `feature`'s scopes. Consent is
    /// incremental: what was granted stays granted, so it depends on the added scopes alone (a user
    /// can consent to a new Mail.Send where an admin once granted Mail.ReadWrite under
    /// Microsoft-managed consent). Empty when nothing is added.
    public static func reconsent(adding added: [Located<String>], to feature: Catalog.Feature, model: ConsentModel) -> [Reconsent] {
        guard !added.isEmpty else { return [] }
        var onlyAdded = feature
        onlyAdded.scopes = added
        return TenantSettings.explained.map { Reconsent(settings: $0, outcome: model.outcome(of: onlyAdded, in: $0).outcome) }
    }

}
