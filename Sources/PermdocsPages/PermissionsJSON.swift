import PermdocsConsent
import PermdocsDiagnostics
import PermdocsModel
import PermdocsValidate

/// `permissions.json`: the validated catalog as data for other tools, with each scope's Graph
/// permission id and consent facts from the bundled reference and the consent model. Keys are
/// sorted, so the file is byte-identical for the same input.
///
/// It is published, so it holds nothing private: the client code locations of `features[].client`
/// (the vendor's source paths) exist for `permdocs check` and never reach the site; `check --format
/// json` reports them where tools need them.
package enum PermissionsJSON {
    /// Who can grant, per tenant setting, as `{"allow-all-apps": "user", …, "assignment-required": "admin"}`:
    /// `user`, `admin`, or `user-if-classified-low-impact` (the verified-publishers option).
    package static func consent(_ outcomes: [(TenantSettings, ConsentOutcome)]) -> JSONText {
        .object(Dictionary(outcomes.map { ($0.0.key, JSONText.string($0.1.code)) }, uniquingKeysWith: { a, _ in a }))
    }

    package static func render(_ content: Content, reference: GraphReference, procedureHref: [String: String]) -> String {
        let catalog = content.catalog
        let model = ConsentModel(catalog: catalog, reference: reference)
        let settings = TenantSettings.explained
        var app: [String: JSONText] = [
            "name": .string(catalog.app.name.value), "client_id": .string(catalog.app.clientID.value),
            "redirect_uri": .string(catalog.app.redirectURI.value),
        ]
        if let s = catalog.app.supportURL { app["support_url"] = .string(s.value) }
        let features: [JSONText] = catalog.features.map { f in
            var entry: [String: JSONText] = [
                "id": .string(f.id.value), "title": .string(f.title.value),
                "scopes": .array(
                    f.scopes.map { s in
                        let p = reference.delegated(s.value)
                        var scope: [String: JSONText] = [
                            "value": .string(p?.value ?? catalog.declaredScope(s.value) ?? s.value), "id": .string(p?.id ?? ""),
                            "description": .string(catalog.description(of: s.value) ?? ""),
                            "admin_consent_required": .bool(model.requiresAdminConsent(s.value)),
                            "blocked_by_managed_consent_policy": .bool(reference.blockedByManagedConsentPolicy(s.value)),
                            "openid_connect": .bool(GraphReference.isOpenIDConnect(s.value)),
                            "who_can_consent": consent(settings.map { ($0, model.outcome(s.value, in: $0)) }),
                        ]
                        // Scopes on another resource than Microsoft Graph name it (URI and, when known, its name).
                        let name = ScopeName(s.value)
                        if !name.isGraph || name.isDefault {
                            scope["resource"] = .string(name.resource ?? ScopeName.graphResource)
                            scope["resource_name"] = .string(reference.resourceName(of: s.value) ?? "")
                        }
                        return .object(scope)
                    }),
                "who_can_consent": consent(settings.map { ($0, model.outcome(of: f, in: $0).outcome) }),
                // The change log's entries for the feature, newest first (empty without changes.yaml).
                "history": .array(
                    (content.changes?.entries(of: f.id.value) ?? []).map { e in
                        .object([
                            "date": .string(e.date.value), "added": .array(e.added.map { .string($0.value) }),
                            "removed": .array(e.removed.map { .string($0.value) }),
                        ])
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
        if let verified = catalog.app.verifiedPublisher { app["verified_publisher"] = .bool(verified.value) }
        if catalog.app.isExample { app["example"] = .bool(true) }
        let policy = reference.managedPolicy
        let sources: JSONText = .object([
            "microsoft_managed_consent_policy": .object([
                "policy": .string(policy.policy), "url": .string(policy.url), "published": .string(policy.published),
            ])
        ])
        return JSONText.object([
            "generator": "permdocs", "app": .object(app), "features": .array(features), "procedures": .array(procedures),
            "consent_sources": sources,
        ]).rendered
    }
}
