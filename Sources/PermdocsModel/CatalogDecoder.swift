import PermdocsDiagnostics
public import PermdocsLoad

/// Builds a `Catalog` from the located YAML tree of `permissions.yaml`, reporting structural problems.
/// Semantic rules (GUIDs, URLs, known scopes) belong to the validate stage.
public enum CatalogDecoder {
    public static func decode(_ root: YAMLNode, file: String, into reader: inout NodeReader) -> Catalog? {
        guard let top = reader.mapping(root, what: "the catalog", shape: CatalogShape.top) else {
            return nil
        }

        var app: Catalog.App?
        if let node = top.value("app"),
            let map = reader.mapping(
                node, what: "'app'", shape: CatalogShape.app)
        {
            let name = reader.string(in: map, "name")
            let clientID = reader.string(in: map, "client_id")
            let redirect = reader.string(in: map, "redirect_uri")
            let support = reader.string(in: map, "support_url")
            let verified = reader.bool(in: map, "verified_publisher")
            let example = reader.bool(in: map, "example")
            if let name, let clientID, let redirect {
                app = Catalog.App(
                    name: name, clientID: clientID, redirectURI: redirect, supportURL: support,
                    verifiedPublisher: verified, example: example)
            }
        }

        var scopes: [Catalog.ScopeText] = []
        if let node = top.value("scopes") {
            if let pairs = node.mapping {
                for pair in pairs {
                    let scope = Located(pair.key.text, at: pair.keyLocation)
                    var description: Located<String>?
                    var adminConsent: Located<Bool>?
                    if pair.value.isNull {
                        description = nil
                    } else if let map = reader.mapping(
                        pair.value, what: "scope '\(pair.key.text)'", shape: CatalogShape.scopeText)
                    {
                        description = map.value("description").flatMap { $0.isNull ? nil : reader.string($0, name: "description") }
                        adminConsent = reader.bool(in: map, "admin_consent")
                    }
                    scopes.append(Catalog.ScopeText(scope: scope, description: description, adminConsent: adminConsent))
                }
            } else {
                reader.diagnostics.error(
                    ModelRule.wrongType, "'scopes' must be a mapping from scope to its text, not \(node.kindDescription)", at: node.location
                )
            }
        }

        var features: [Catalog.Feature] = []
        if let node = top.value("features") {
            let items = reader.list(node, name: "features")
            for item in items {
                if let feature = decodeFeature(item, into: &reader) { features.append(feature) }
            }
            if node.sequence?.isEmpty == true {
                reader.diagnostics.error(ModelRule.emptyValue, "'features' lists no features", at: node.location)
            }
        }

        let scopeCase = top.value("scope_case").flatMap { reader.oneOf($0, name: "scope_case", Catalog.ScopeCase.self) }
        guard let app else { return nil }
        return Catalog(file: file, app: app, scopes: scopes, features: features, scopeCase: scopeCase)
    }

    private static func decodeFeature(_ node: YAMLNode, into reader: inout NodeReader) -> Catalog.Feature? {
        let label = node["id"]?.scalar.map { "feature '\($0.text)'" } ?? "a feature"
        guard let map = reader.mapping(node, what: label, shape: CatalogShape.feature) else {
            return nil
        }
        let id = reader.string(in: map, "id")
        let title = reader.string(in: map, "title")
        let summary = reader.string(in: map, "summary")
        let scopes = reader.stringList(in: map, "scopes")
        if let node = map.value("scopes"), node.sequence?.isEmpty == true {
            reader.diagnostics.error(ModelRule.emptyValue, "\(label) requests no scopes", at: node.location)
        }
        var client: [Catalog.ClientLocation] = []
        if let node = map.value("client") {
            for item in reader.list(node, name: "client") {
                guard
                    let m = reader.mapping(
                        item, what: "a client location of \(label)", shape: CatalogShape.clientLocation)
                else { continue }
                guard let path = reader.string(in: m, "path") else { continue }
                let anchor = reader.string(in: m, "anchor")
                let key = reader.string(in: m, "key")
                let after = reader.string(in: m, "after")
                let subset = reader.bool(in: m, "subset")
                var occurrence: Located<Int>?
                if let node = m.value("occurrence") {
                    if let text = node.scalar?.text, node.scalar?.style == .plain, let n = Int(text), n >= 1 {
                        occurrence = Located(n, at: node.location)
                    } else {
                        reader.diagnostics.error(
                            ModelRule.wrongType,
                            "'occurrence' must be a whole number from 1, not \(node.scalar.map { "'\($0.text)'" } ?? node.kindDescription)",
                            at: node.location)
                    }
                }
                if key != nil, after != nil || occurrence != nil {
                    reader.diagnostics.error(
                        ModelRule.conflictingKeys,
                        "'after' and 'occurrence' choose among occurrences of an 'anchor'; a 'key' location has neither", at: item.location)
                }
                switch (anchor, key) {
                case (nil, nil) where m.value("anchor") == nil && m.value("key") == nil:
                    reader.diagnostics.error(
                        ModelRule.missingKey, "a client location needs 'anchor' (source code) or 'key' (JSON or YAML)", at: item.location)
                case (_?, _?):
                    reader.diagnostics.error(
                        ModelRule.conflictingKeys, "a client location has either 'anchor' or 'key', not both", at: item.location)
                default:
                    break
                }
                client.append(
                    Catalog.ClientLocation(
                        path: path, anchor: anchor, key: key, after: after, occurrence: occurrence, subset: subset, location: item.location)
                )
            }
        }
        // A feature missing its title is still validated (its scopes, its id), without cascading errors.
        guard let id else { return nil }
        return Catalog.Feature(
            id: id, title: title ?? Located("", at: map.location), summary: summary, scopes: scopes, client: client,
            location: node.location, scopesLocation: map.pair("scopes")?.keyLocation)
    }
}
