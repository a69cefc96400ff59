/// Every finding kind permdocs reports, with a one-line description and its usual severity. The
/// kinds are stable rule ids: JSON, GitHub and SARIF output use them, and SARIF lists them all.
public enum RuleCatalog {
    public struct Rule: Sendable {
        public var id: String
        public var description: String
        public var severity: Diagnostic.Severity
    }

    public static let rules: [Rule] = [
        // Scope drift (client code and app registration against the catalog).
        Rule(id: "undocumented-scope", description: "The client code requests a scope the catalog does not list for the feature.", severity: .error),
        Rule(id: "missing-in-client", description: "The catalog lists a scope the client code does not request at that location.", severity: .error),
        Rule(id: "scope-case", description: "A scope is written in a different case than its canonical or catalog spelling.", severity: .warning),
        Rule(id: "unknown-scope", description: "Not a Microsoft Graph delegated permission or OpenID Connect scope.", severity: .error),
        Rule(id: "duplicate-scope", description: "A scope is listed twice.", severity: .warning),
        Rule(id: "non-literal", description: "A scope list element is not a string literal (nor a constant defined in the same file as one), so its scopes cannot be known.", severity: .error),
        Rule(id: "anchor-not-found", description: "The anchor text, or a scope list after it, is not in the client file.", severity: .error),
        Rule(id: "anchor-ambiguous", description: "The anchor occurs more than once in the client file and neither 'after' nor 'occurrence' says which.", severity: .warning),
        Rule(id: "key-not-found", description: "The key path is not in the JSON or YAML file.", severity: .error),
        Rule(id: "file-not-found", description: "No client file matches the path.", severity: .error),
        Rule(id: "manifest-missing", description: "The app registration does not list a scope a feature requests.", severity: .error),
        Rule(id: "manifest-extra", description: "The app registration lists a permission no feature documents.", severity: .error),
        // Catalog and procedures.
        Rule(id: "unknown-key", description: "A key permdocs does not know.", severity: .error),
        Rule(id: "missing-key", description: "A required key is missing.", severity: .error),
        Rule(id: "wrong-type", description: "A value has the wrong type.", severity: .error),
        Rule(id: "empty-value", description: "A value is empty.", severity: .error),
        Rule(id: "invalid-value", description: "A value is not one of the allowed ones.", severity: .error),
        Rule(id: "conflicting-keys", description: "Two keys that exclude each other are both set.", severity: .error),
        Rule(id: "invalid-id", description: "An id or slug is not lowercase letters, digits and '-'.", severity: .error),
        Rule(id: "duplicate-id", description: "Two features have the same id.", severity: .error),
        Rule(id: "invalid-client-id", description: "client_id is not a GUID.", severity: .error),
        Rule(id: "invalid-redirect-uri", description: "redirect_uri is not https (or http on localhost).", severity: .error),
        Rule(id: "invalid-url", description: "A URL is not an absolute http(s) URL.", severity: .error),
        Rule(id: "placeholder-app", description: "client_id is the nil GUID or a URL is on a documentation domain (RFC 2606), and the catalog does not declare 'example: true'.", severity: .warning),
        Rule(id: "default-combined", description: "A feature requests {resource}/.default together with other scopes of that resource, which Entra ID refuses in one request.", severity: .error),
        Rule(id: "missing-description", description: "A requested scope has no description.", severity: .error),
        Rule(id: "unused-scope", description: "A described scope is requested by no feature.", severity: .warning),
        Rule(id: "unresolved-reference", description: "A reference to a procedure or feature that does not exist.", severity: .error),
        Rule(id: "invalid-step", description: "A checklist step is not one action: an outcome with something to set, or 'scenarios' outside a choice.", severity: .error),
        Rule(id: "unreachable-choice", description: "A choice is for a checklist that does not show its procedure, or two choices are for the same checklist.", severity: .error),
        Rule(id: "checklist-choice-missing", description: "A choice list on a checklist has no choice for that checklist's scenario.", severity: .error),
        Rule(id: "unlogged-scope-change", description: "A feature's scopes in the catalog differ from what replaying changes.yaml gives: a change without a log entry.", severity: .error),
        Rule(id: "change-log-contradiction", description: "A changes.yaml entry adds a scope the feature already has, or removes one it does not have.", severity: .error),
        Rule(id: "change-log-order", description: "changes.yaml entries are not newest first.", severity: .error),
        Rule(id: "unknown-error-code", description: "An AADSTS code permdocs does not describe.", severity: .warning),
        // YAML.
        Rule(id: "yaml-syntax", description: "The YAML is not well-formed.", severity: .error),
        Rule(id: "duplicate-key", description: "A mapping has the same key twice.", severity: .error),
        Rule(id: "yaml-anchor", description: "Anchors are not supported.", severity: .error),
        Rule(id: "yaml-alias", description: "Aliases are not supported.", severity: .error),
        Rule(id: "yaml-tag", description: "Tags are not supported.", severity: .error),
        Rule(id: "complex-key", description: "A mapping key is not a scalar.", severity: .error),
        Rule(id: "multiple-documents", description: "A file holds more than one YAML document.", severity: .error),
        Rule(id: "empty-file", description: "The file holds no YAML document.", severity: .error),
        Rule(id: "too-deep", description: "Nesting is deeper than the bound.", severity: .error),
        Rule(id: "invalid-utf8", description: "The file is not valid UTF-8.", severity: .error),
        Rule(id: "nul-byte", description: "The file holds a NUL byte.", severity: .error),
        Rule(id: "file-too-large", description: "The file is larger than the bound.", severity: .error),
        Rule(id: "symlink-outside", description: "A symbolic link leads outside the content or templates folder.", severity: .error),
        Rule(id: "yaml-internal", description: "libyaml could not be initialised.", severity: .error),
        // Articles and templates.
        Rule(id: "missing-front-matter", description: "An article does not start with a front matter.", severity: .error),
        Rule(id: "duplicate-slug", description: "Two articles have the same slug.", severity: .error),
        Rule(id: "reserved-slug", description: "An article slug is the name of a generated page.", severity: .error),
        Rule(id: "directive-syntax", description: "A directive is malformed.", severity: .error),
        Rule(id: "unknown-directive", description: "A directive permdocs does not know.", severity: .error),
        Rule(id: "duplicate-directive", description: "A procedure is shown twice on one page.", severity: .error),
        Rule(id: "unused-procedure", description: "A user procedure is shown in no article.", severity: .warning),
        Rule(id: "broken-link", description: "A relative link points to no page or no element of the site.", severity: .error),
        Rule(id: "template-syntax", description: "A template is not well-formed Mustache.", severity: .error),
        Rule(id: "template-unsupported", description: "A Mustache feature permdocs does not allow.", severity: .error),
        Rule(id: "template-unknown-variable", description: "A template names a field its context does not have.", severity: .error),
        Rule(id: "template-unknown-partial", description: "A template includes a partial that does not exist.", severity: .error),
        Rule(id: "template-type", description: "A template prints a value the wrong way (text unescaped, HTML escaped, a list).", severity: .error),
        Rule(id: "template-missing", description: "A required template is missing.", severity: .error),
        Rule(id: "duplicate-template", description: "A partial has the name of a page template.", severity: .error),
    ]

    public static func rule(_ id: String) -> Rule? { rules.first { $0.id == id } }
}
