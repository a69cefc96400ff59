public import PermdocsTemplates

/// The template API: every context permdocs hands to a template, by name. templates/README.md
/// documents the same list for the docs team; a test holds the example site's contexts to it.
public enum SiteSchemas {
    public static let all = TemplateSchemas([
        // The page shell, `layout.mustache`.
        "page": [
            "title": .text, "description": .text, "app_name": .text, "content": .html,
            "nav": .list(.object("nav-item")), "toc": .list(.object("toc-item")), "has_toc": .bool,
            "page_kind": .text, "generator": .text, "stylesheet": .text, "printable": .bool,
        ],
        "nav-item": ["href": .text, "title": .text, "current": .bool],
        "toc-item": ["id": .text, "title": .text],

        // `index.mustache`.
        "index": [
            "app_name": .text, "articles": .list(.object("page-link")), "checklists": .list(.object("page-link")),
            "consent_href": .text, "data_href": .text,
        ],
        "page-link": ["href": .text, "title": .text, "summary": .text, "has_summary": .bool],

        // What an article's Markdown may use, e.g. {{app.name}}. Values are escaped for Markdown.
        "article": [
            "app": .object("app"), "features": .list(.object("feature-ref")),
            "checklists": .list(.object("page-link")), "consent_href": .text,
        ],
        "app": ["name": .text, "client_id": .text, "redirect_uri": .text, "support_url": .text, "has_support_url": .bool],
        "feature-ref": ["id": .text, "title": .text],

        // `partials/permissions.mustache`, the ::permissions directive.
        "permissions": [
            "feature": .object("feature"), "scopes": .list(.object("scope-row")), "app_name": .text,
            "admin_required": .list(.text), "has_admin_required": .bool,
            "managed_policy_blocked": .list(.text), "has_managed_policy_blocked": .bool,
            "consent_href": .text,
        ],
        "feature": ["id": .text, "title": .text, "summary_html": .html, "has_summary": .bool],
        "scope-row": [
            "value": .text, "description": .text, "permission_id": .text,
            "admin_consent_required": .bool, "managed_policy_blocked": .bool, "who_can_consent": .text,
        ],

        // `partials/procedure.mustache` (the ::procedure directive and checklist pages) and `partials/step.mustache`.
        "procedure": [
            "id": .text, "title": .text, "heading": .text, "summary_html": .html, "has_summary": .bool,
            "roles": .list(.text), "has_roles": .bool, "steps": .list(.object("step")),
            "notes": .list(.html), "has_notes": .bool, "warnings": .list(.html), "has_warnings": .bool,
            "see_also": .list(.object("procedure-link")), "has_see_also": .bool,
            "fixes": .list(.object("fix")), "has_fixes": .bool, "checklist": .bool,
        ],
        "fix": ["code": .text, "href": .text],
        "step": [
            "id": .text, "text_html": .html, "path": .list(.text), "has_path": .bool,
            "value": .text, "has_value": .bool, "note_html": .html, "has_note": .bool,
            "warning_html": .html, "has_warning": .bool, "see_href": .text, "see_title": .text, "has_see": .bool,
            "steps": .list(.object("step")), "has_steps": .bool, "choices": .list(.object("step")), "has_choices": .bool,
            "checklist": .bool,
        ],
        "procedure-link": ["href": .text, "title": .text],

        // `partials/checklists.mustache`, the ::checklists directive.
        "checklists": ["checklists": .list(.object("page-link"))],

        // `checklist.mustache`, one page per admin scenario.
        "checklist": [
            "title": .text, "scenario": .text, "summary_html": .html, "app_name": .text,
            "procedures": .list(.object("procedure")), "article_href": .text, "has_article": .bool,
        ],

        // `consent.mustache`.
        "consent": [
            "app_name": .text, "client_id": .text, "redirect_uri": .text,
            "features": .list(.object("consent-feature")), "app_admin_url": .text,
            "errors": .list(.object("sign-in-error")), "data_href": .text,
            "article_href": .text, "has_article": .bool,
        ],
        "consent-feature": [
            "id": .text, "title": .text, "admin_url": .text, "signin_url": .text,
            "scopes": .list(.object("scope-row")), "has_admin_required": .bool, "has_managed_policy_blocked": .bool,
        ],
        "sign-in-error": [
            "code": .text, "name": .text, "meaning": .text,
            "fixed_by": .list(.object("procedure-link")), "has_fixed_by": .bool,
        ],
    ])

    /// Page templates and the context each one receives.
    public static let pages: [String: TemplateType] = [
        "layout": .object("page"), "index": .object("index"), "checklist": .object("checklist"), "consent": .object("consent"),
    ]

    /// Partials that permdocs renders directly (for directives), and their contexts.
    public static let directivePartials: [String: TemplateType] = [
        "permissions": .object("permissions"), "procedure": .object("procedure"), "checklists": .object("checklists"),
    ]
}
