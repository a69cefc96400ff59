public import PermdocsDiagnostics
public import PermdocsModel

/// Holds `changes.yaml` to the catalog: replaying the log from its oldest entry must give each
/// feature exactly the scopes the catalog lists. A scope added to or removed from the catalog
/// without an entry is `unlogged-scope-change` at the catalog line; an entry that adds a scope the
/// feature already has, or removes one it does not, is `change-log-contradiction`; entries are
/// newest first (`change-log-order`). Scopes compare case-insensitively, as Entra ID matches them.
public struct ChangeLogValidator: Sendable {
    public let reference: GraphReference

    public init(reference: GraphReference) { self.reference = reference }

    /// A feature's scopes after replaying the log: lowercased value → the spelling and the entry
    /// that last added it.
    public typealias Replayed = [String: [String: (scope: String, date: String)]]

    public func validate(_ log: ChangeLog, catalog: Catalog, into d: inout Diagnostics) {
        checkOrder(log, into: &d)
        let state = replay(log, into: &d)
        let featureIDs = Set(catalog.features.map(\.id.value))
        let featureNames = DidYouMean.Candidates(catalog.features.map(\.id.value))
        // A feature with an unknown scope is reported there (`unknown-scope`); comparing it with the
        // log would only repeat the typo as two more findings.
        for feature in catalog.features
        where feature.scopes.allSatisfy({ reference.delegated($0.value) != nil || catalog.declaredScope($0.value) != nil }) {
            let logged = state[feature.id.value] ?? [:]
            var listed: Set<String> = []
            for scope in feature.scopes {
                let key = scope.value.lowercased()
                listed.insert(key)
                if logged[key] == nil {
                    d.error(
                        CatalogRule.unloggedScopeChange,
                        "feature '\(feature.id.value)' requests '\(scope.value)', but no entry of \(Self.fileName(log)) adds it: log the change (date, feature, added) so admins learn they must consent again",
                        at: scope.location, feature: feature.id.value, scope: scope.value)
                }
            }
            for (key, entry) in logged.sorted(by: { $0.key < $1.key }) where !listed.contains(key) {
                d.error(
                    CatalogRule.unloggedScopeChange,
                    "feature '\(feature.id.value)' no longer requests '\(entry.scope)' (added on \(entry.date)), but no entry of \(Self.fileName(log)) removes it: log the change (date, feature, removed)",
                    at: feature.scopesLocation, feature: feature.id.value, scope: entry.scope)
            }
        }
        for (id, scopes) in state.sorted(by: { $0.key < $1.key }) where !scopes.isEmpty && !featureIDs.contains(id) {
            let latest = log.entries.first { $0.feature.value == id }!
            let hint = featureNames.hint(for: id)
            d.error(
                CatalogRule.unloggedScopeChange,
                "the log gives feature '\(id)' the scopes \(scopes.values.map(\.scope).sorted().joined(separator: ", ")), but the catalog has no such feature\(hint): log their removal",
                at: latest.feature.location, feature: id)
        }
    }

    /// Replays the log from the oldest entry, reporting entries that contradict the state so far.
    public func replay(_ log: ChangeLog, into d: inout Diagnostics) -> Replayed {
        var state: Replayed = [:]
        for entry in log.entries.reversed() {
            let feature = entry.feature.value
            var scopes = state[feature] ?? [:]
            for scope in entry.removed {
                let key = scope.value.lowercased()
                if scopes.removeValue(forKey: key) == nil {
                    d.error(
                        CatalogRule.changeLogContradiction,
                        "the \(entry.date.value) entry removes '\(scope.value)' from feature '\(feature)', which no earlier entry added",
                        at: scope.location, feature: feature, scope: scope.value)
                }
            }
            for scope in entry.added {
                let key = scope.value.lowercased()
                if let earlier = scopes[key] {
                    d.error(
                        CatalogRule.changeLogContradiction,
                        "the \(entry.date.value) entry adds '\(scope.value)' to feature '\(feature)', which already has it (added on \(earlier.date))",
                        at: scope.location, feature: feature, scope: scope.value)
                } else {
                    scopes[key] = (reference.delegated(scope.value)?.value ?? scope.value, entry.date.value)
                }
            }
            state[feature] = scopes
        }
        return state
    }

    /// Newest first: an entry dated after the one above it is out of order.
    func checkOrder(_ log: ChangeLog, into d: inout Diagnostics) {
        for (above, entry) in zip(log.entries, log.entries.dropFirst())
        where entry.date.value > above.date.value
            && ChangeLogDecoder.isISODate(entry.date.value) && ChangeLogDecoder.isISODate(above.date.value)
        {
            d.error(
                CatalogRule.changeLogOrder, "entries are newest first, but \(entry.date.value) comes after \(above.date.value)",
                at: entry.date.location)
        }
    }

    static func fileName(_ log: ChangeLog) -> String {
        String(log.file.split(separator: "/").last ?? "changes.yaml")
    }
}
