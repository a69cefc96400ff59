/// Help for SARIF rules (`fullDescription`, `helpUri`): where the README explains each rule id. Kept
/// apart from the rule list so rules can move next to the code that reports them without touching
/// this: a rule id this does not know links the README's rule overview.
public enum RuleHelp {
    /// The README on the project's site; anchors are GitHub's heading slugs.
    public static let readme = "https://github.com/permdocs/permdocs/blob/main/README.md"

    /// README sections, by the rule ids they explain.
    static let sections: [(anchor: String, title: String, ids: Set<String>)] = [
        (
            "scope-drift-the-article-against-the-code", "Scope drift: the article against the code",
            [
                "undocumented-scope", "missing-in-client", "scope-case", "unknown-scope", "duplicate-scope", "non-literal",
                "anchor-not-found", "key-not-found", "file-not-found", "manifest-missing", "manifest-extra",
                "client-path-outside",
            ]
        ),
        ("who-can-consent", "Who can consent", ["placeholder-app"]),
        (
            "what-permdocs-guarantees", "What permdocs guarantees",
            [
                "yaml-syntax", "duplicate-key", "yaml-anchor", "yaml-alias", "yaml-tag", "complex-key", "multiple-documents",
                "empty-file", "too-deep", "invalid-utf8", "nul-byte", "file-too-large", "symlink-outside", "yaml-internal",
            ]
        ),
        (
            "the-site", "The site",
            [
                "broken-link", "template-syntax", "template-unsupported", "template-unknown-variable", "template-unknown-partial",
                "template-type", "template-missing", "duplicate-template", "template-recursive-partial", "duplicate-slug", "reserved-slug",
            ]
        ),
    ]

    /// The README section for any other rule: the catalog, procedures and articles.
    static let contentSection = (anchor: "content", title: "Content")

    static func section(_ id: String) -> (anchor: String, title: String) {
        for s in sections where s.ids.contains(id) { return (s.anchor, s.title) }
        return contentSection
    }

    public static func helpURI(_ id: String) -> String { readme + "#" + section(id).anchor }

    /// The rule's description, what permdocs reports it on, and where the README explains it.
    public static func fullDescription(_ id: String, description: String) -> String {
        let where_ = section(id).title
        let detail = details[id].map { " " + $0 } ?? ""
        return "\(description)\(detail) Rule '\(id)'; README section '\(where_)'."
    }

    /// What to do about the drift rules, the ones a client repository's CI reports.
    static let details: [String: String] = [
        "undocumented-scope":
            "Reported at the string literal in the client code. Document the scope for the feature in the catalog (admins consent to what the article shows), or stop requesting it.",
        "missing-in-client":
            "Reported at the scope list in the client code. Request the scope there, or remove it from the feature in the catalog.",
        "scope-case": "Entra ID matches scopes case-insensitively, so this works, but the article and the code should spell it alike.",
        "unknown-scope": "Microsoft Graph has no delegated permission of that name; permdocs suggests the nearest one.",
        "duplicate-scope": "The second occurrence is reported; the first is a related location.",
        "client-path-outside":
            "Reported at the path in the catalog. Client paths are relative to --client and permdocs reads only files inside it; check out the code there.",
        "non-literal": "A constant, spread or interpolated string hides which scopes are requested; list them as literals.",
        "anchor-not-found": "Reported at the catalog's client location: fix the anchor or the path.",
        "key-not-found": "Reported at the catalog's client location: fix the key path or the path.",
        "file-not-found":
            "Reported at the catalog's client location. Paths are globs relative to --client; '**' skips vendor/, deps/, _build/ and node_modules/, a path that names them does not.",
        "manifest-missing": "Admin consent to the app registration will not grant the scope; add it to requiredResourceAccess.",
        "manifest-extra": "The registration asks admins for more than the catalog documents; an application permission always counts.",
    ]
}
