import Foundation
import PermdocsConsent
import PermdocsModel
import PermdocsTemplates
import PermdocsValidate

/// Builds the values that templates render, one function per schema in `SiteSchemas`.
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

    /// Inline Markdown rendered once per build: a procedure's steps appear in an article and on
    /// up to three checklists.
    let inlineCache = InlineHTMLCache()

    func inline(_ markdown: String) -> String { inlineCache.html(markdown) }

    // MARK: - Permissions

    func scopeRow(_ scope: String) -> TemplateValue {
        let permission = reference.delegated(scope)
        let canonical = permission?.value ?? scope
        let admin = reference.requiresAdminConsent(scope)
        let blocked = reference.blockedByManagedConsentPolicy(scope)
        let who = admin ? "Admin required" : blocked ? "Admin in tenants with Microsoft-managed consent" : "User or admin"
        return [
            "value": .text(canonical),
            "description": .text(content.catalog.description(of: scope) ?? ""),
            "permission_id": .text(permission?.id ?? ""),
            "admin_consent_required": .bool(admin),
            "managed_policy_blocked": .bool(blocked),
            "who_can_consent": .text(who),
        ]
    }

    func feature(_ f: Catalog.Feature) -> TemplateValue {
        [
            "id": .text(f.id.value), "title": .text(f.title.value),
            "summary_html": .text(f.summary.map { inline($0.value) } ?? ""),
            "has_summary": .bool(f.summary != nil),
        ]
    }

    func permissions(_ f: Catalog.Feature) -> TemplateValue {
        let scopes = f.scopes.map(\.value)
        let admin = scopes.filter { reference.requiresAdminConsent($0) }.map { reference.delegated($0)?.value ?? $0 }
        let blocked = scopes.filter { reference.blockedByManagedConsentPolicy($0) && !reference.requiresAdminConsent($0) }
            .map { reference.delegated($0)?.value ?? $0 }
        return [
            "feature": feature(f), "scopes": .list(scopes.map(scopeRow)), "app_name": .text(appName),
            "admin_required": .texts(admin), "has_admin_required": .bool(!admin.isEmpty),
            "managed_policy_blocked": .texts(blocked), "has_managed_policy_blocked": .bool(!blocked.isEmpty),
            "consent_href": .text("\(consentHref)#consent-\(f.id.value)"),
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

    func consent(links: [ConsentLink], articleHref: String?, dataHref: String) -> TemplateValue {
        var urls: [String: String] = [:]
        for link in links where urls["\(link.kind.rawValue) \(link.feature ?? "")"] == nil {
            urls["\(link.kind.rawValue) \(link.feature ?? "")"] = link.url
        }
        func url(_ kind: ConsentLinkKind, _ feature: String?) -> String {
            urls["\(kind.rawValue) \(feature ?? "")"] ?? ""
        }
        let features: [TemplateValue] = content.catalog.features.map { f in
            let scopes = f.scopes.map(\.value)
            return [
                "id": .text(f.id.value), "title": .text(f.title.value),
                "admin_url": .text(url(.admin, f.id.value)), "signin_url": .text(url(.signin, f.id.value)),
                "scopes": .list(scopes.map(scopeRow)),
                "has_admin_required": .bool(scopes.contains { reference.requiresAdminConsent($0) }),
                "has_managed_policy_blocked": .bool(scopes.contains { reference.blockedByManagedConsentPolicy($0) }),
            ]
        }
        let errors: [TemplateValue] = SignInError.known.map { e in
            let fixers = content.procedures.filter { p in p.fixes.contains { $0.value == e.code } }.map { link(to: $0.id.value) }
            return ["code": .text(e.code), "name": .text(e.name), "meaning": .text(e.meaning), "fixed_by": .list(fixers), "has_fixed_by": .bool(!fixers.isEmpty)]
        }
        return [
            "app_name": .text(appName), "client_id": .text(content.catalog.app.clientID.value),
            "redirect_uri": .text(content.catalog.app.redirectURI.value),
            "features": .list(features), "app_admin_url": .text(url(.appAdmin, nil)), "errors": .list(errors), "data_href": .text(dataHref),
            "article_href": .text(articleHref ?? ""), "has_article": .bool(articleHref != nil),
        ]
    }

    // MARK: - Procedures

    func procedure(_ p: Procedure, checklist: Bool, heading: String = "h3") -> TemplateValue {
        let idPrefix = "\(p.id.value)-step"
        return [
            "id": .text(p.id.value), "title": .text(p.title.value), "heading": .text(heading),
            "summary_html": .text(p.summary.map { inline($0.value) } ?? ""),
            "has_summary": .bool(p.summary != nil),
            "roles": .texts(p.roles.map(\.value)), "has_roles": .bool(!p.roles.isEmpty),
            "steps": .list(steps(p.steps, idPrefix: idPrefix, checklist: checklist)),
            "notes": .texts(p.notes.map { inline($0.value) }), "has_notes": .bool(!p.notes.isEmpty),
            "warnings": .texts(p.warnings.map { inline($0.value) }), "has_warnings": .bool(!p.warnings.isEmpty),
            "see_also": .list(p.seeAlso.map { link(to: $0.value) }), "has_see_also": .bool(!p.seeAlso.isEmpty),
            "fixes": .list(p.fixes.map { ["code": .text($0.value), "href": .text("\(consentHref)#\($0.value)")] }), "has_fixes": .bool(!p.fixes.isEmpty),
            "checklist": .bool(checklist),
        ]
    }

    func linkTarget(_ procedureID: String) -> (href: String, title: String) {
        let href = onThisPage.contains(procedureID) ? "#\(procedureID)" : procedureHref[procedureID] ?? ""
        return (href, content.procedure(procedureID)?.title.value ?? procedureID)
    }

    func link(to procedureID: String) -> TemplateValue {
        let (href, title) = linkTarget(procedureID)
        return ["href": .text(href), "title": .text(title)]
    }

    /// Steps numbered by position (HTML `<ol>` numbers from 1); ids like `grant-admin-consent-step-2-1`.
    func steps(_ steps: [Procedure.Step], idPrefix: String, checklist: Bool) -> [TemplateValue] {
        steps.enumerated().map { index, step in
            let id = "\(idPrefix)-\(index + 1)"
            let see = step.see.map { linkTarget($0.value) }
            return [
                "id": .text(id),
                "text_html": .text(inline(step.text.value)),
                "path": .texts(step.path.map(\.value)), "has_path": .bool(!step.path.isEmpty),
                "value": .text(step.value?.value ?? ""), "has_value": .bool(step.value != nil),
                "note_html": .text(step.note.map { inline($0.value) } ?? ""), "has_note": .bool(step.note != nil),
                "warning_html": .text(step.warning.map { inline($0.value) } ?? ""), "has_warning": .bool(step.warning != nil),
                "see_href": .text(see?.href ?? ""), "see_title": .text(see?.title ?? ""), "has_see": .bool(see != nil),
                "steps": .list(self.steps(step.steps, idPrefix: id, checklist: checklist)), "has_steps": .bool(!step.steps.isEmpty),
                "choices": .list(self.steps(step.choices, idPrefix: id + "-choice", checklist: checklist)), "has_choices": .bool(!step.choices.isEmpty),
                "checklist": .bool(checklist),
            ]
        }
    }

    // MARK: - Article

    func article(checklists: [TemplateValue]) -> TemplateValue {
        let app = content.catalog.app
        return [
            "app": [
                "name": .text(app.name.value), "client_id": .text(app.clientID.value), "redirect_uri": .text(app.redirectURI.value),
                "support_url": .text(app.supportURL?.value ?? ""), "has_support_url": .bool(app.supportURL != nil),
            ],
            "features": .list(content.catalog.features.map { ["id": .text($0.id.value), "title": .text($0.title.value)] }),
            "checklists": .list(checklists),
            "consent_href": .text(consentHref),
        ]
    }
}
