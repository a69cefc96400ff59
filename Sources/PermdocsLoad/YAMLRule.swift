public import PermdocsDiagnostics

/// The findings of `YAMLLoader`: YAML that is malformed or uses what permdocs refuses.
public enum YAMLRule: String, Rule, CaseIterable {
    case syntax = "yaml-syntax"
    case duplicateKey = "duplicate-key"
    case anchor = "yaml-anchor"
    case alias = "yaml-alias"
    case tag = "yaml-tag"
    case complexKey = "complex-key"
    case multipleDocuments = "multiple-documents"
    case emptyFile = "empty-file"
    case tooDeep = "too-deep"
    case libyamlFailed = "yaml-internal"

    public var severity: Diagnostic.Severity {
        .error
    }

    public var explanation: String {
        switch self {
        case .syntax: "The YAML is not well-formed."
        case .duplicateKey: "A mapping has the same key twice."
        case .anchor: "Anchors are not supported."
        case .alias: "Aliases are not supported."
        case .tag: "Tags are not supported."
        case .complexKey: "A mapping key is not a scalar."
        case .multipleDocuments: "A file holds more than one YAML document."
        case .emptyFile: "The file holds no YAML document."
        case .tooDeep: "Nesting is deeper than the bound."
        case .libyamlFailed: "libyaml could not be initialised."
        }
    }
}
