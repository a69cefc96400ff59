import PermdocsDiagnostics
public import PermdocsLoad

/// Builds a `Catalog` from the located YAML tree of `permissions.yaml`, reporting structural problems.
/// Semantic rules (GUIDs, URLs, known scopes) belong to the validate stage.
public enum CatalogDecoder {
    public static func decode(_ root: YAMLNode, file: String, into reader: inout NodeReader) -> Catalog? {
        guard let top = reader.mapping(root, what: "the catalog", required: ["app", "scopes", "features"]) else { return nil }

        var app: Catalog.App?
        if let node = top.value("app"), let map = reader.mapping(node, what: "'app'", required: ["name", "client_id", "redirect_uri"], optional: ["support_url"]) {
            let name = reader.string(in: map, "name")
            let clientID = reader.string(in: map, "client_id")
            let redirect = reader.string(in: map, "redirect_uri")
            let support = reader.string(in: map, "support_url")
            if let name, let clientID, let redirect {
                app = Catalog.App(name: name, clientID: clientID, redirectURI: redirect, supportURL: support)
            }
        }

        var scopes: [Catalog.ScopeText] = []
        if let node = top.value("scopes") {
            if let pairs = node.mapping {
                for pair in pairs {
                    let scope = Located(pair.key.text, at: pair.keyLocation)
                    var description: Located<String>?
                    if pair.value.isNull {
                        description = nil
                    } else if let map = reader.mapping(pair.value, what: "scope '\(pair.key.text)'", required: ["description"]) {
                        description = map.value("description").flatMap { $0.isNull ? nil : reader.string($0, name: "description") }
                    }
                    scopes.append(Catalog.ScopeText(scope: scope, description: description))
                }
            } else {
                reader.diagnostics.error(ModelRule.wrongType, "'scopes' must be a mapping from scope to its text, not \(node.kindDescription)", at: node.location)
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

        guard let app else { return nil }
        return Catalog(file: file, app: app, scopes: scopes, features: features)
    }

    private static func decodeFeature(_ node: YAMLNode, into reader: inout NodeReader) -> Catalog.Feature? {
        let label = node["id"]?.scalar.map { "feature '\($0.text)'" } ?? "a feature"
        guard let map = reader.mapping(node, what: label, required: ["id", "title", "scopes"], optional: ["summary", "client"]) else { return nil }
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
                guard let m = reader.mapping(item, what: "a client location of \(label)", required: ["path"], optional: ["anchor", "key"]) else { continue }
                guard let path = reader.string(in: m, "path") else { continue }
                let anchor = reader.string(in: m, "anchor")
                let key = reader.string(in: m, "key")
                switch (anchor, key) {
                case (nil, nil) where m.value("anchor") == nil && m.value("key") == nil:
                    reader.diagnostics.error(ModelRule.missingKey, "a client location needs 'anchor' (source code) or 'key' (JSON or YAML)", at: item.location)
                case (_?, _?):
                    reader.diagnostics.error(ModelRule.conflictingKeys, "a client location has either 'anchor' or 'key', not both", at: item.location)
                default:
                    break
                }
                client.append(Catalog.ClientLocation(path: path, anchor: anchor, key: key, location: item.location))
            }
        }
        // A feature missing its title is still validated (its scopes, its id), without cascading errors.
        guard let id else { return nil }
        return Catalog.Feature(id: id, title: title ?? Located("", at: map.location), summary: summary, scopes: scopes, client: client, location: node.location)
    }
}
