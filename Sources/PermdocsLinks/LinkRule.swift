public import PermdocsDiagnostics

/// The findings of the link check over the rendered site.
public enum LinkRule: String, Rule, CaseIterable {
    case brokenLink = "broken-link"
    case repeatedID = "repeated-id"

    public var severity: Diagnostic.Severity {
        .error
    }

    public var explanation: String {
        switch self {
        case .brokenLink: "A relative link points to no page or no element of the site."
        case .repeatedID: "Two elements of a page have the same id (a procedure named like a layout or step id)."
        }
    }
}
