import PermdocsDiagnostics
import PermdocsModel
import PermdocsValidate

/// `permissions.json`: the validated catalog as data for other tools, with each scope's Graph
/// permission id and consent facts from the bundled reference. Keys are sorted, so the file is
/// byte-identical for the same input.
enum PermissionsJSON {
    static func render(_ content: Content, reference: GraphReference, procedureHref: [String: String]) -> String {
        let catalog = content.catalog
        var app: [String: JSONText] = [
            "name": .string(catalog.app.name.value), "client_id": .string(catalog.app.clientID.value),
            "redirect_uri": .string(catalog.app.redirectURI.value),
        ]
        if let s = catalog.app.supportURL { app["support_url"] = .string(s.value) }
        let features: [JSONText] = catalog.features.map { f in
            var entry: [String: JSONText] = [
                "id": .string(f.id.value), "title": .string(f.title.value),
                "scopes": .array(f.scopes.map { s in
                    let p = reference.delegated(s.value)
                    return .object([
                        "value": .string(p?.value ?? s.value), "id": .string(p?.id ?? ""),
                        "description": .string(catalog.description(of: s.value) ?? ""),
                        "admin_consent_required": .bool(reference.requiresAdminConsent(s.value)),
                        "blocked_by_managed_consent_policy": .bool(reference.blockedByManagedConsentPolicy(s.value)),
                        "openid_connect": .bool(GraphReference.isOpenIDConnect(s.value)),
                    ])
                }),
                "client": .array(f.client.map { c in
                    var e: [String: JSONText] = ["path": .string(c.path.value)]
                    if let a = c.anchor { e["anchor"] = .string(a.value) }
                    if let k = c.key { e["key"] = .string(k.value) }
                    return .object(e)
                }),
            ]
            if let s = f.summary { entry["summary"] = .string(s.value) }
            return .object(entry)
        }
        let procedures: [JSONText] = content.procedures.map { p in
            .object([
                "id": .string(p.id.value), "title": .string(p.title.value), "audience": .string(p.audience.rawValue),
                "scenarios": .array(p.scenarios.map { .string($0.value.rawValue) }), "fixes": .array(p.fixes.map { .string($0.value) }),
                "href": .string(procedureHref[p.id.value] ?? ""),
            ])
        }
        return JSONText.object(["generator": "permdocs", "app": .object(app), "features": .array(features), "procedures": .array(procedures)]).rendered
    }
}
