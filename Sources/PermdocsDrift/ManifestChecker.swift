import PermdocsScopeReader
public import PermdocsDiagnostics
public import PermdocsModel
import PermdocsValidate
import PermdocsLoad
import Foundation

/// Compares an Entra app manifest's `requiredResourceAccess` (the permissions the app registration
/// lists, which drive admin consent) with the union of the features' documented scopes. Microsoft
/// Graph ids map to names through the bundled reference: delegated `Scope` and application `Role`.
/// Both manifest formats (Azure AD Graph and Microsoft Graph) keep this attribute's shape.
public struct ManifestChecker: Sendable {
    public let catalog: Catalog
    public let reference: GraphReference

    public init(catalog: Catalog, reference: GraphReference = .shared) {
        self.catalog = catalog
        self.reference = reference
    }

    public func check(manifest path: String) throws(IOFailure) -> [Diagnostic] {
        let document = try YAMLLoader(maxDepth: 64, maxBytes: 8 << 20).load(contentsOf: path)
        guard let root = document.root, !document.hasErrors else { return document.diagnostics }
        var d = Diagnostics()
        let top = SourceLocation(file: path, line: 1, column: 1)
        guard let required = root["requiredResourceAccess"] else {
            d.error(DriftRule.keyNotFound, "the manifest has no 'requiredResourceAccess'", at: top)
            return d.all
        }
        let graphEntry = required.sequence?.first { entry in
            entry["resourceAppId"]?.scalar?.text.lowercased() == GraphReference.graphResourceAppID
        }
        let listed = graphEntry?["resourceAccess"]
        let missingAt = listed?.location ?? graphEntry?.location ?? required.location

        // Who documents each scope, for the messages.
        // Scopes on other resources: Exchange Online's are listed under Microsoft Graph, where the
        // portal offers the same names (facts §11); other resources are not compared (permdocs has
        // no application id for them). `{graph}/.default` requests everything listed for Graph.
        var documentedBy: [String: (scope: String, features: [String])] = [:]
        var graphDefault: [String] = []
        for f in catalog.features {
            for s in f.scopes {
                let name = ScopeName(s.value)
                if name.isDefault {
                    if name.isGraph { graphDefault.append(f.id.value) }
                    continue
                }
                let canonical: String
                if name.isOutlook, let graph = reference.delegated(name.name) {
                    canonical = graph.value
                } else if name.resource == nil {
                    canonical = reference.delegated(s.value)?.value ?? s.value
                } else {
                    continue
                }
                documentedBy[canonical.lowercased(), default: (canonical, [])].features.append(f.id.value)
            }
        }
        if let first = graphDefault.first, (listed?.sequence ?? []).isEmpty {
            d.append(
                .error(
                    DriftRule.manifestMissing,
                    "'\(first)' requests '\(ScopeName.graphResource)/.default', everything the app registration lists for Microsoft Graph, but it lists nothing for Graph",
                    at: missingAt, feature: first, scope: "\(ScopeName.graphResource)/.default"))
        }

        var granted: Set<String> = []
        for item in listed?.sequence ?? [] {
            guard let id = item["id"]?.scalar?.text, let type = item["type"]?.scalar?.text else {
                d.error(ModelRule.wrongType, "a resourceAccess entry needs 'id' and 'type'", at: item.location)
                continue
            }
            let at = item["id"]?.location ?? item.location
            switch type {
            case "Scope":
                guard let permission = reference.delegated(id: id) else {
                    d.error(CatalogRule.unknownScope, "'\(id)' is not a Microsoft Graph delegated permission id", at: at)
                    continue
                }
                granted.insert(permission.value.lowercased())
                if documentedBy[permission.value.lowercased()] == nil, let feature = graphDefault.first {
                    if catalog.description(of: permission.value) == nil {
                        d.append(
                            .error(
                                DriftRule.manifestExtra,
                                "the app registration lists delegated permission '\(permission.value)', which '\(feature)' requests through '.default'; describe it under 'scopes' so the docs say what '.default' grants",
                                at: at, scope: permission.value))
                    }
                } else if documentedBy[permission.value.lowercased()] == nil {
                    d.append(
                        .error(
                            DriftRule.manifestExtra,
                            "the app registration lists delegated permission '\(permission.value)', which no feature documents", at: at,
                            scope: permission.value))
                }
            case "Role":
                let name = GraphReference.application(id: id)?.value ?? id
                d.append(
                    .error(
                        DriftRule.manifestExtra,
                        "the app registration lists application permission '\(name)' (Role): it lets the app access data without a signed-in user, and no feature documents it",
                        at: at, scope: name))
            default:
                d.error(ModelRule.wrongType, "'type' is 'Scope' or 'Role', not '\(type)'", at: item["type"]?.location ?? at)
            }
        }
        for (key, entry) in documentedBy.sorted(by: { $0.key < $1.key }) where !granted.contains(key) {
            d.append(
                .error(
                    DriftRule.manifestMissing,
                    "the app registration does not list '\(entry.scope)', which \(entry.features.map { "'\($0)'" }.joined(separator: ", ")) request\(entry.features.count == 1 ? "s" : ""); admin consent for the app registration will not grant it",
                    at: missingAt, feature: entry.features.first, scope: entry.scope))
        }
        return d.all
    }
}
