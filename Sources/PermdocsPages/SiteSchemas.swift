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
            // CSS string literals for the printed page's margin boxes (escaped for CSS, then HTML).
            "print_title": .text, "print_app": .text, "print_version": .text,
        ],
        "nav-item": ["href": .text, "title": .text, "current": .bool],
        "toc-item": ["id": .text, "title": .text],

        // `index.mustache`.
        "index": [
            "app_name": .text, "articles": .list(.object("page-link")), "checklists": .list(.object("page-link")),
            "consent_href": .text, "data_href": .text, "changes_href": .text, "has_changes": .bool, "feed_href": .text,
        ],
        "page-link": ["href": .text, "title": .text, "summary": .text, "has_summary": .bool],

        // What an article's Markdown may use, e.g. {{app.name}}. Values are escaped for Markdown.
        "article": [
            "app": .object("app"), "features": .list(.object("feature-ref")),
            "checklists": .list(.object("page-link")), "consent_href": .text, "changes_href": .text,
        ],
        "app": [
            "name": .text, "client_id": .text, "redirect_uri": .text, "support_url": .text, "has_support_url": .bool, "example": .bool,
        ],
        "feature-ref": ["id": .text, "title": .text],

        // `partials/permissions.mustache`, the ::permissions directive.
        "permissions": [
            "feature": .object("feature"), "scopes": .list(.object("scope-row")), "app_name": .text,
            "consent_settings": .list(.object("consent-setting")),
            "admin_required": .list(.object("name")), "has_admin_required": .bool,
            "managed_policy_blocked": .list(.object("name")), "has_managed_policy_blocked": .bool,
            "managed_policy_url": .text, "managed_policy_published": .text,
            "consent_href": .text, "last_changed": .text, "has_last_changed": .bool, "changes_href": .text,
        ],
        // A name in a sentence, with the separator that follows it (", ", " and ", or nothing).
        "name": ["value": .text, "separator": .text],
        // One tenant setting and who can connect the feature under it (the consent model).
        "consent-setting": [
            "setting": .text, "is_default": .bool, "assignment_required": .bool,
            "user": .bool, "conditional": .bool, "publisher_known_verified": .bool, "admin": .bool,
            "user_consent_off": .bool, "publisher_not_verified": .bool,
            "admin_required_scopes": .list(.object("name")), "has_admin_required_scopes": .bool,
            "managed_policy_scopes": .list(.object("name")), "has_managed_policy_scopes": .bool,
        ],
        "feature": ["id": .text, "title": .text, "summary_html": .html, "has_summary": .bool],
        "scope-row": [
            "value": .text, "resource": .text, "has_resource": .bool, "description": .text, "permission_id": .text,
            "admin_consent_required": .bool, "managed_policy_blocked": .bool,
            "user_consent_settings": .list(.text), "has_user_consent_settings": .bool,
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
            "checklist": .bool, "checkbox": .bool, "outcome": .bool,
        ],
        "procedure-link": ["href": .text, "title": .text],

        // `partials/checklists.mustache`, the ::checklists directive.
        "checklists": ["checklists": .list(.object("page-link"))],

        // `checklist.mustache`, one page per admin scenario.
        "checklist": [
            "title": .text, "scenario": .text, "summary_html": .html, "app_name": .text, "example": .bool,
            "assumes": .list(.object("assumption")), "consent_url": .text, "has_consent_url": .bool,
            "preconditions": .list(.html), "has_preconditions": .bool,
            "procedures": .list(.object("procedure")), "article_href": .text, "has_article": .bool, "version": .text,
        ],

        "assumption": ["setting": .text, "value": .text],

        // `consent.mustache`.
        "consent": [
            "app_name": .text, "client_id": .text, "redirect_uri": .text, "example": .bool,
            "features": .list(.object("consent-feature")), "app_admin_url": .text,
            "errors": .list(.object("sign-in-error")), "data_href": .text,
            "article_href": .text, "has_article": .bool,
        ],
        "consent-feature": [
            "id": .text, "title": .text, "admin_url": .text, "scopes": .list(.object("scope-row")),
        ],
        // `changes.mustache`, the "Permission changes" page (only with content/changes.yaml).
        "changes": [
            "app_name": .text, "note_html": .html, "has_note": .bool, "entries": .list(.object("change")),
            "has_entries": .bool, "feed_href": .text, "article_href": .text, "has_article": .bool,
        ],
        "change": [
            "id": .text, "date": .text, "date_long": .text, "feature_id": .text, "feature_title": .text,
            "added": .list(.object("name")), "has_added": .bool, "removed": .list(.object("name")), "has_removed": .bool,
            "note_html": .html, "has_note": .bool, "users_again": .list(.object("name")), "has_users_again": .bool,
            "admin_again": .list(.object("name")), "has_admin_again": .bool, "conditional": .bool, "first": .bool, "consent_href": .text,
        ],
        "sign-in-error": [
            "code": .text, "name": .text, "meaning": .text,
            "fixed_by": .list(.object("procedure-link")), "has_fixed_by": .bool,
        ],
    ])

    /// Page templates and the context each one receives.
    public static let pages: [String: TemplateType] = [
        "layout": .object("page"), "index": .object("index"), "checklist": .object("checklist"), "consent": .object("consent"),
        "changes": .object("changes"),
    ]

    /// Partials that permdocs renders directly (for directives), and their contexts.
    public static let directivePartials: [String: TemplateType] = [
        "permissions": .object("permissions"), "procedure": .object("procedure"), "checklists": .object("checklists"),
    ]
}
