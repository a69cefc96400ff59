import PermdocsConsent
import PermdocsModel
import PermdocsValidate

/// Builds the dictionaries that templates render, one function per schema in `SiteSchemas`.
/// Text values stay raw (Mustache escapes them); `_html` values are built here from inline Markdown
/// by cmark in safe mode, so nothing from content reaches a page unescaped.
struct Contexts {
    let content: Content
    let reference: GraphReference
    /// Where each procedure is shown: `article.html#id`, or a checklist page.
    let procedureHref: [String: String]
    let consentHref: String
    /// Procedures shown on the page being rendered: links to them stay on the page.
    var onThisPage: Set<String> = []

    var appName: String { content.catalog.app.name.value }

    // MARK: - Permissions

    func scopeRow(_ scope: String) -> [String: Any] {
        let permission = reference.delegated(scope)
        let canonical = permission?.value ?? scope
        let admin = reference.requiresAdminConsent(scope)
        let blocked = reference.blockedByManagedConsentPolicy(scope)
        let who = admin ? "Admin required" : blocked ? "Admin in tenants with Microsoft-managed consent" : "User or admin"
        return [
            "value": canonical,
            "description": content.catalog.description(of: scope) ?? "",
            "permission_id": permission?.id ?? "",
            "admin_consent_required": admin,
            "managed_policy_blocked": blocked,
            "who_can_consent": who,
        ]
    }

    func feature(_ f: Catalog.Feature) -> [String: Any] {
        [
            "id": f.id.value, "title": f.title.value,
            "summary_html": f.summary.map { CommonMark.inlineHTML($0.value) } ?? "",
            "has_summary": f.summary != nil,
        ]
    }

    func permissions(_ f: Catalog.Feature) -> [String: Any] {
        let scopes = f.scopes.map(\.value)
        let admin = scopes.filter { reference.requiresAdminConsent($0) }.map { reference.delegated($0)?.value ?? $0 }
        let blocked = scopes.filter { reference.blockedByManagedConsentPolicy($0) && !reference.requiresAdminConsent($0) }
            .map { reference.delegated($0)?.value ?? $0 }
        return [
            "feature": feature(f), "scopes": scopes.map(scopeRow), "app_name": appName,
            "admin_required": admin, "has_admin_required": !admin.isEmpty,
            "managed_policy_blocked": blocked, "has_managed_policy_blocked": !blocked.isEmpty,
            "consent_href": "\(consentHref)#consent-\(f.id.value)",
        ]
    }

    // MARK: - Consent page

    /// Every link of the consent page, for tenant `organizations` in the global cloud: per feature
    /// an admin-consent and a sign-in link, and one for the whole app registration.
    func consentLinks() -> [ConsentLink] {
        let builder = ConsentURLBuilder(catalog: content.catalog)
        let features = content.catalog.features
        // `organizations` can always grant admin consent, so these cannot throw.
        let admin = (try? builder.links(.admin, features: features, tenant: .organizations, cloud: .global)) ?? []
        let app = (try? builder.links(.appAdmin, features: features, tenant: .organizations, cloud: .global)) ?? []
        let signin = (try? builder.links(.signin, features: features, tenant: .organizations, cloud: .global)) ?? []
        return admin + app + signin
    }

    func consent(links: [ConsentLink], articleHref: String?, dataHref: String) -> [String: Any] {
        func url(_ kind: ConsentLinkKind, _ feature: String?) -> String {
            links.first { $0.kind == kind && $0.feature == feature }?.url ?? ""
        }
        let features: [[String: Any]] = content.catalog.features.map { f in
            let scopes = f.scopes.map(\.value)
            return [
                "id": f.id.value, "title": f.title.value,
                "admin_url": url(.admin, f.id.value), "signin_url": url(.signin, f.id.value),
                "scopes": scopes.map(scopeRow),
                "has_admin_required": scopes.contains { reference.requiresAdminConsent($0) },
                "has_managed_policy_blocked": scopes.contains { reference.blockedByManagedConsentPolicy($0) },
            ]
        }
        let errors: [[String: Any]] = SignInError.known.map { e in
            let fixers = content.procedures.filter { p in p.fixes.contains { $0.value == e.code } }.map { link(to: $0.id.value) }
            return ["code": e.code, "name": e.name, "meaning": e.meaning, "fixed_by": fixers, "has_fixed_by": !fixers.isEmpty]
        }
        return [
            "app_name": appName, "client_id": content.catalog.app.clientID.value,
            "redirect_uri": content.catalog.app.redirectURI.value,
            "features": features, "app_admin_url": url(.appAdmin, nil), "errors": errors, "data_href": dataHref,
            "article_href": articleHref ?? "", "has_article": articleHref != nil,
        ]
    }

    // MARK: - Procedures

    func procedure(_ p: Procedure, checklist: Bool, heading: String = "h3") -> [String: Any] {
        let idPrefix = checklist ? "\(p.id.value)-step" : "\(p.id.value)-step"
        return [
            "id": p.id.value, "title": p.title.value, "heading": heading,
            "summary_html": p.summary.map { CommonMark.inlineHTML($0.value) } ?? "",
            "has_summary": p.summary != nil,
            "roles": p.roles.map(\.value), "has_roles": !p.roles.isEmpty,
            "steps": steps(p.steps, idPrefix: idPrefix, checklist: checklist),
            "notes": p.notes.map { CommonMark.inlineHTML($0.value) }, "has_notes": !p.notes.isEmpty,
            "warnings": p.warnings.map { CommonMark.inlineHTML($0.value) }, "has_warnings": !p.warnings.isEmpty,
            "see_also": p.seeAlso.map { link(to: $0.value) }, "has_see_also": !p.seeAlso.isEmpty,
            "fixes": p.fixes.map { ["code": $0.value, "href": "\(consentHref)#\($0.value)"] }, "has_fixes": !p.fixes.isEmpty,
            "checklist": checklist,
        ]
    }

    func link(to procedureID: String) -> [String: Any] {
        let href = onThisPage.contains(procedureID) ? "#\(procedureID)" : procedureHref[procedureID] ?? ""
        return ["href": href, "title": content.procedure(procedureID)?.title.value ?? procedureID]
    }

    /// Steps numbered by position (HTML `<ol>` numbers from 1); ids like `grant-admin-consent-step-2-1`.
    func steps(_ steps: [Procedure.Step], idPrefix: String, checklist: Bool) -> [[String: Any]] {
        steps.enumerated().map { index, step in
            let id = "\(idPrefix)-\(index + 1)"
            let see = step.see.map { link(to: $0.value) }
            return [
                "id": id,
                "text_html": CommonMark.inlineHTML(step.text.value),
                "path": step.path.map(\.value), "has_path": !step.path.isEmpty,
                "value": step.value?.value ?? "", "has_value": step.value != nil,
                "note_html": step.note.map { CommonMark.inlineHTML($0.value) } ?? "", "has_note": step.note != nil,
                "warning_html": step.warning.map { CommonMark.inlineHTML($0.value) } ?? "", "has_warning": step.warning != nil,
                "see_href": see?["href"] as? String ?? "", "see_title": see?["title"] as? String ?? "", "has_see": see != nil,
                "steps": self.steps(step.steps, idPrefix: id, checklist: checklist), "has_steps": !step.steps.isEmpty,
                "choices": self.steps(step.choices, idPrefix: id + "-choice", checklist: checklist), "has_choices": !step.choices.isEmpty,
                "checklist": checklist,
            ]
        }
    }

    // MARK: - Article

    func article(checklists: [[String: Any]]) -> [String: Any] {
        let app = content.catalog.app
        return [
            "app": [
                "name": app.name.value, "client_id": app.clientID.value, "redirect_uri": app.redirectURI.value,
                "support_url": app.supportURL?.value ?? "", "has_support_url": app.supportURL != nil,
            ] as [String: Any],
            "features": content.catalog.features.map { ["id": $0.id.value, "title": $0.title.value] },
            "checklists": checklists,
            "consent_href": consentHref,
        ]
    }
}
