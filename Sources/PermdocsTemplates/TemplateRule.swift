public import PermdocsDiagnostics

/// The findings of loading templates: the scanner, the checker and `TemplateSet`.
public enum TemplateRule: String, Rule, CaseIterable {
    case syntax = "template-syntax"
    case unsupported = "template-unsupported"
    case unknownVariable = "template-unknown-variable"
    case unknownPartial = "template-unknown-partial"
    case type = "template-type"
    case missing = "template-missing"
    case duplicateTemplate = "duplicate-template"
    case recursivePartial = "template-recursive-partial"

    public var severity: Diagnostic.Severity {
        .error
    }

    public var explanation: String {
        switch self {
        case .syntax: "A template is not well-formed Mustache."
        case .unsupported: "A Mustache feature permdocs does not allow."
        case .unknownVariable: "A template names a field its context does not have."
        case .unknownPartial: "A template includes a partial that does not exist."
        case .type: "A template prints a value the wrong way (text unescaped, HTML escaped, a list)."
        case .missing: "A required template is missing."
        case .duplicateTemplate: "A partial has the name of a page template."
        case .recursivePartial:
            "A partial includes itself (directly or through others) outside a list section, so rendering would never end."
        }
    }
}
