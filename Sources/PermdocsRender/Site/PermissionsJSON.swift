import PermdocsModel
import PermdocsValidate
import Foundation

/// `permissions.json`: the validated catalog as data for other tools, with each scope's Graph
/// permission id and consent facts from the bundled reference. Keys are sorted, so the file is
/// byte-identical for the same input.
enum PermissionsJSON {
    static func render(_ content: Content, reference: GraphReference, procedureHref: [String: String]) -> String {
        let catalog = content.catalog
        var app: [String: Any] = [
            "name": catalog.app.name.value, "client_id": catalog.app.clientID.value,
            "redirect_uri": catalog.app.redirectURI.value,
        ]
        if let s = catalog.app.supportURL { app["support_url"] = s.value }
        let features: [[String: Any]] = catalog.features.map { f in
            var entry: [String: Any] = [
                "id": f.id.value, "title": f.title.value,
                "scopes": f.scopes.map { s -> [String: Any] in
                    let p = reference.delegated(s.value)
                    return [
                        "value": p?.value ?? s.value, "id": p?.id ?? "",
                        "description": catalog.description(of: s.value) ?? "",
                        "admin_consent_required": reference.requiresAdminConsent(s.value),
                        "blocked_by_managed_consent_policy": reference.blockedByManagedConsentPolicy(s.value),
                        "openid_connect": GraphReference.isOpenIDConnect(s.value),
                    ]
                },
                "client": f.client.map { c -> [String: Any] in
                    var e: [String: Any] = ["path": c.path.value]
                    if let a = c.anchor { e["anchor"] = a.value }
                    if let k = c.key { e["key"] = k.value }
                    return e
                },
            ]
            if let s = f.summary { entry["summary"] = s.value }
            return entry
        }
        let procedures: [[String: Any]] = content.procedures.map { p in
            [
                "id": p.id.value, "title": p.title.value, "audience": p.audience.rawValue,
                "scenarios": p.scenarios.map(\.value.rawValue), "fixes": p.fixes.map(\.value),
                "href": procedureHref[p.id.value] ?? "",
            ]
        }
        let root: [String: Any] = ["generator": "permdocs", "app": app, "features": features, "procedures": procedures]
        let data = (try? JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
