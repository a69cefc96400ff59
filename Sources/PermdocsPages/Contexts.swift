import Foundation
import PermdocsConsent
import PermdocsModel
import PermdocsTemplates
import PermdocsValidate

/// Builds the values that templates render, one function per schema in `SiteSchemas`.
/// Text values stay raw (Mustache escapes them); `_html` values are built here from inline Markdown
/// by cmark in safe mode, so nothing from content reaches a page unescaped.
package struct Contexts {
    package let content: Content
    package let reference: GraphReference
    /// Where each procedure is shown: `article.html#id`, or a checklist page.
    package let procedureHref: [String: String]
    package let consentHref: String
    /// Procedures shown on the page being rendered: links to them stay on the page.
    package var onThisPage: Set<String> = []
    /// Who can consent to what, under each tenant setting: the one place pages ask. Built once
    /// (it indexes the catalog's scopes), not per scope row.
    package let consentModel: ConsentModel
    /// What the printed checklists say, as a short stable identifier (`ContentVersion`).
    package let contentVersion: String
    /// The catalog's scopes on Microsoft's managed-consent list, canonical names, in catalog order.
    package let managedPolicyScopes: [String]
    /// Each feature's newest change log date.
    package let lastChanged: [String: String]

    package init(content: Content, reference: GraphReference, procedureHref: [String: String], consentHref: String) {
        self.content = content
        self.reference = reference
        self.procedureHref = procedureHref
        self.consentHref = consentHref
        let model = ConsentModel(catalog: content.catalog, reference: reference)
        consentModel = model
        contentVersion = ContentVersion.of(content)
        lastChanged = ChangesPage.lastChanged(content.changes)
        var seen: Set<String> = []
        managedPolicyScopes = content.catalog.features.flatMap {
            model.outcome(of: $0, in: TenantSettings(.microsoftManaged)).managedPolicyScopes
        }
        .filter { seen.insert($0).inserted }
    }

    package var appName: String { content.catalog.app.name.value }

    /// Inline Markdown rendered once per build: a procedure's steps appear in an article and on
    /// up to three checklists.
    package let inlineCache = InlineHTMLCache()

    package func inline(_ markdown: String) -> String { inlineCache.html(markdown) }

    // MARK: - Permissions

    /// The admin-consent link for every permission the app registration lists, tenant
    /// `organizations`, global cloud: the one a printed checklist gives in full.
    package var appConsentURL: String {
        (try? ConsentURLBuilder(catalog: content.catalog).appAdminConsent(tenant: .organizations)) ?? ""
    }

    package func scopeRow(_ scope: String) -> TemplateValue {
        let permission = reference.delegated(scope)
        let settings = consentModel.settingsAllowingUsers(scope)
        let resource = reference.resourceName(of: scope)
        return [
            "value": .text(permission?.value ?? content.catalog.declaredScope(scope) ?? scope),
            "resource": .text(resource ?? ""), "has_resource": .bool(resource != nil),
            "description": .text(content.catalog.description(of: scope) ?? ""),
            "permission_id": .text(permission?.id ?? ""),
            "admin_consent_required": .bool(consentModel.requiresAdminConsent(scope)),
            "managed_policy_blocked": .bool(reference.blockedByManagedConsentPolicy(scope)),
            "user_consent_settings": .texts(settings.map(\.shortLabel)),
            "has_user_consent_settings": .bool(!settings.isEmpty),
        ]
    }

    package func feature(_ f: Catalog.Feature) -> TemplateValue {
        [
            "id": .text(f.id.value), "title": .text(f.title.value),
            "summary_html": .text(f.summary.map { inline($0.value) } ?? ""),
            "has_summary": .bool(f.summary != nil),
        ]
    }

    /// Scope names for a sentence: each with the separator that follows it ("`A`, `B` and `C`").
    /// What follows each of `count` names in a sentence: ", " between, " and " (or `conjunction`)
    /// before the last, nothing after it.
    package static func separators(_ count: Int, conjunction: String = "and") -> [String] {
        (0..<count).map { $0 == count - 1 ? "" : $0 == count - 2 ? " \(conjunction) " : ", " }
    }

    /// "A, B and C" (or "A, B or C").
    package static func phrase(_ names: [String], conjunction: String = "and") -> String {
        zip(names, separators(names.count, conjunction: conjunction)).map { $0 + $1 }.joined()
    }

    package static func nameList(_ names: [String], conjunction: String = "and") -> TemplateValue {
        .list(
            zip(names, separators(names.count, conjunction: conjunction)).map { name, separator in
                ["value": .text(name), "separator": .text(separator)]
            })
    }

    /// One row of a feature's "who can connect" table: a tenant setting and what it means.
    package func consentSetting(_ o: ConsentModel.FeatureOutcome) -> TemplateValue {
        var conditional = false
        var knownVerified = false
        if case .userIfClassifiedLowImpact(let known) = o.outcome {
            conditional = true
            knownVerified = known
        }
        var reason: AdminReason?
        if case .admin(let r) = o.outcome { reason = r }
        return [
            "setting": .text(o.settings.userConsent.label),
            "is_default": .bool(o.settings.userConsent.isDefaultForNewTenants && !o.settings.assignmentRequired),
            "assignment_required": .bool(o.settings.assignmentRequired),
            "user": .bool(o.outcome.userCanConsent), "conditional": .bool(conditional),
            "publisher_known_verified": .bool(knownVerified), "admin": .bool(o.outcome.needsAdmin),
            "user_consent_off": .bool(reason == .userConsentOff),
            "publisher_not_verified": .bool(reason == .publisherNotVerified),
            "admin_required_scopes": Self.nameList(o.adminRequiredScopes),
            "has_admin_required_scopes": .bool(!o.adminRequiredScopes.isEmpty),
            "managed_policy_scopes": Self.nameList(o.managedPolicyScopes),
            "has_managed_policy_scopes": .bool(!o.managedPolicyScopes.isEmpty),
        ]
    }

    package func permissions(_ f: Catalog.Feature) -> TemplateValue {
        let model = consentModel
        let matrix = model.matrix(of: f)
        let managed = model.outcome(of: f, in: TenantSettings(.microsoftManaged))
        let policy = reference.managedPolicy
        return [
            "feature": feature(f), "scopes": .list(f.scopes.map(\.value).map(scopeRow)), "app_name": .text(appName),
            "consent_settings": .list(matrix.map(consentSetting)),
            "admin_required": Self.nameList(managed.adminRequiredScopes), "has_admin_required": .bool(!managed.adminRequiredScopes.isEmpty),
            "managed_policy_blocked": Self.nameList(managed.managedPolicyScopes),
            "has_managed_policy_blocked": .bool(!managed.managedPolicyScopes.isEmpty),
            "managed_policy_url": .text(policy.url), "managed_policy_published": .text(Self.longDate(policy.published)),
            "consent_href": .text("\(consentHref)#consent-\(f.id.value)"),
            "last_changed": .text(lastChanged[f.id.value].map(Self.longDate) ?? ""),
            "has_last_changed": .bool(lastChanged[f.id.value] != nil),
            "changes_href": .text(ChangesPage.page),
        ]
    }

    /// `2026-01-22` → `22 January 2026` (unambiguous for every reader); other text unchanged.
    package static func longDate(_ iso: String) -> String {
        let parts = iso.split(separator: "-")
        let months = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
        ]
        guard parts.count == 3, let m = Int(parts[1]), (1...12).contains(m), let d = Int(parts[2]) else { return iso }
        return "\(d) \(months[m - 1]) \(parts[0])"
    }

    // MARK: - Consent page

    /// Every link of the consent page, for tenant `organizations` in the global cloud: per feature
    /// an admin-consent link, and one for the whole app registration. No sign-in link: a static page
    /// cannot give one a `state` that protects anything, and users connect from the app itself.
    package func consentLinks() -> [ConsentLink] {
        let builder = ConsentURLBuilder(catalog: content.catalog)
        let features = content.catalog.features
        // `organizations` can always grant admin consent, so these cannot throw.
        let admin = (try? builder.links(.admin, features: features, tenant: .organizations, cloud: .global)) ?? []
        let app = (try? builder.links(.appAdmin, features: features, tenant: .organizations, cloud: .global)) ?? []
        return admin + app
    }

    package func consent(links: [ConsentLink], articleHref: String?, dataHref: String) -> TemplateValue {
        var urls: [String: String] = [:]
        for link in links where urls["\(link.kind.rawValue) \(link.feature ?? "")"] == nil {
            urls["\(link.kind.rawValue) \(link.feature ?? "")"] = link.url
        }
        func url(_ kind: ConsentLinkKind, _ feature: String?) -> String {
            urls["\(kind.rawValue) \(feature ?? "")"] ?? ""
        }
        let features: [TemplateValue] = content.catalog.features.map { f in
            [
                "id": .text(f.id.value), "title": .text(f.title.value),
                "admin_url": .text(url(.admin, f.id.value)),
                "scopes": .list(f.scopes.map(\.value).map(scopeRow)),
            ]
        }
        let errors: [TemplateValue] = SignInError.known.map { e in
            let fixers = content.procedures.filter { p in p.fixes.contains { $0.value == e.code } }.map { link(to: $0.id.value) }
            return [
                "code": .text(e.code), "name": .text(e.name), "meaning": .text(e.meaning), "fixed_by": .list(fixers),
                "has_fixed_by": .bool(!fixers.isEmpty),
            ]
        }
        let app = content.catalog.app
        return [
            "app_name": .text(appName), "client_id": .text(app.clientID.value),
            "redirect_uri": .text(app.redirectURI.value), "example": .bool(app.isExample),
            "features": .list(features), "app_admin_url": .text(url(.appAdmin, nil)), "errors": .list(errors), "data_href": .text(dataHref),
            "article_href": .text(articleHref ?? ""), "has_article": .bool(articleHref != nil),
        ]
    }

    // MARK: - Procedures

    /// A procedure in an article (`checklist` nil: every step and every choice), or on the checklist
    /// of a scenario: each choice list becomes the one action its scenario means, outcomes are text,
    /// and a first step in `hoisted` (shown once at the top of the checklist) is left out.
    package func procedure(
        _ p: Procedure, checklist: Procedure.Scenario? = nil, hoisted: Set<String> = [], heading: String = "h3"
    ) -> TemplateValue {
        let idPrefix = "\(p.id.value)-step"
        var shown: [(Int, Procedure.Step)] = []
        for (index, step) in p.steps.enumerated() where !(index == 0 && step.isPlain && hoisted.contains(step.text.value)) {
            shown.append((index, step))
        }
        return [
            "id": .text(p.id.value), "title": .text(p.title.value), "heading": .text(heading),
            "summary_html": .text(p.summary.map { inline($0.value) } ?? ""),
            "has_summary": .bool(p.summary != nil && checklist == nil),
            "roles": .texts(p.roles.map(\.value)), "has_roles": .bool(!p.roles.isEmpty),
            "steps": .list(shown.map { step($0.1, id: "\(idPrefix)-\($0.0 + 1)", checklist: checklist) }),
            "notes": .texts(p.notes.map { inline($0.value) }), "has_notes": .bool(!p.notes.isEmpty),
            "warnings": .texts(p.warnings.map { inline($0.value) }), "has_warnings": .bool(!p.warnings.isEmpty),
            "see_also": .list(p.seeAlso.map { link(to: $0.value) }), "has_see_also": .bool(!p.seeAlso.isEmpty),
            "fixes": .list(p.fixes.map { ["code": .text($0.value), "href": .text("\(consentHref)#\($0.value)")] }),
            "has_fixes": .bool(!p.fixes.isEmpty),
            "checklist": .bool(checklist != nil),
        ]
    }

    package func linkTarget(_ procedureID: String) -> (href: String, title: String) {
        let href = onThisPage.contains(procedureID) ? "#\(procedureID)" : procedureHref[procedureID] ?? ""
        return (href, content.procedure(procedureID)?.title.value ?? procedureID)
    }

    package func link(to procedureID: String) -> TemplateValue {
        let (href, title) = linkTarget(procedureID)
        return ["href": .text(href), "title": .text(title)]
    }

    /// One step; ids like `grant-admin-consent-step-2-1` (numbered by position in the source, so an
    /// id never changes with the page it is on). On a checklist, a choice list is replaced by the
    /// choice for the checklist's scenario (validation guarantees exactly one).
    package func step(_ step: Procedure.Step, id: String, checklist: Procedure.Scenario?) -> TemplateValue {
        var text = step.text.value
        var shown = step
        if let scenario = checklist, let choice = step.choices.first(where: { $0.scenarios.contains { $0.value == scenario } }) {
            text =
                step.setting.map {
                    "Set **\(MarkdownEscaping.escape($0.value))** to **\(MarkdownEscaping.escape(choice.value?.value ?? ""))**"
                } ?? choice.text.value
            shown = choice
            shown.value = step.setting == nil ? choice.value : nil
            shown.path = step.path
            shown.steps = step.steps
            // The checklist's own order says what comes next.
            shown.see = nil
        }
        let see = shown.see.map { linkTarget($0.value) }
        let offered = checklist == nil ? shown.choices : []
        return [
            "id": .text(id),
            "text_html": .text(inline(text)),
            "checkbox": .bool(checklist != nil && shown.kind == .action),
            "outcome": .bool(shown.kind == .outcome),
            "path": .texts(shown.path.map(\.value)), "has_path": .bool(!shown.path.isEmpty),
            "value": .text(shown.value?.value ?? ""), "has_value": .bool(shown.value != nil),
            "note_html": .text(shown.note.map { inline($0.value) } ?? ""), "has_note": .bool(shown.note != nil),
            "warning_html": .text(shown.warning.map { inline($0.value) } ?? ""), "has_warning": .bool(shown.warning != nil),
            "see_href": .text(see?.href ?? ""), "see_title": .text(see?.title ?? ""), "has_see": .bool(see != nil),
            "steps": .list(shown.steps.enumerated().map { self.step($1, id: "\(id)-\($0 + 1)", checklist: checklist) }),
            "has_steps": .bool(!shown.steps.isEmpty),
            "choices": .list(offered.enumerated().map { self.step($1, id: "\(id)-choice-\($0 + 1)", checklist: nil) }),
            "has_choices": .bool(!offered.isEmpty),
            "checklist": .bool(checklist != nil),
        ]
    }

    // MARK: - Article

    package func article(checklists: [TemplateValue]) -> TemplateValue {
        let app = content.catalog.app
        return [
            "app": [
                "name": .text(app.name.value), "client_id": .text(app.clientID.value), "redirect_uri": .text(app.redirectURI.value),
                "support_url": .text(app.supportURL?.value ?? ""), "has_support_url": .bool(app.supportURL != nil),
                "example": .bool(app.isExample),
            ],
            "features": .list(content.catalog.features.map { ["id": .text($0.id.value), "title": .text($0.title.value)] }),
            "checklists": .list(checklists),
            "consent_href": .text(consentHref), "changes_href": .text(content.changes != nil ? ChangesPage.page : ""),
        ]
    }
}
