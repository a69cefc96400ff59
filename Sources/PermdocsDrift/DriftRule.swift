import PermdocsScopeReader
public import PermdocsDiagnostics

/// The findings of scope drift: client code (`DriftChecker`) and the app registration
/// (`ManifestChecker`) against the catalog.
public enum DriftRule: String, Rule, CaseIterable {
    case undocumentedScope = "undocumented-scope"
    case missingInClient = "missing-in-client"
    case nonLiteral = "non-literal"
    case anchorNotFound = "anchor-not-found"
    case anchorAmbiguous = "anchor-ambiguous"
    case keyNotFound = "key-not-found"
    case fileNotFound = "file-not-found"
    case manifestMissing = "manifest-missing"
    case manifestExtra = "manifest-extra"
    case pathOutsideClient = "client-path-outside"

    public var severity: Diagnostic.Severity {
        self == .anchorAmbiguous ? .warning : .error
    }

    public var explanation: String {
        switch self {
        case .undocumentedScope: "The client code requests a scope the catalog does not list for the feature."
        case .missingInClient: "The catalog lists a scope the client code does not request at that location."
        case .nonLiteral:
            "A scope list element is not a string literal (nor a constant defined in the same file as one), so its scopes cannot be known."
        case .anchorNotFound: "The anchor text, or a scope list after it, is not in the client file."
        case .anchorAmbiguous: "The anchor occurs more than once in the client file and neither 'after' nor 'occurrence' says which."
        case .keyNotFound: "The key path is not in the JSON or YAML file."
        case .fileNotFound: "No client file matches the path."
        case .manifestMissing: "The app registration does not list a scope a feature requests."
        case .manifestExtra: "The app registration lists a permission no feature documents."
        case .pathOutsideClient:
            "A client path leads outside the --client folder (it is absolute, climbs above it with '..', or names a symbolic link out of it)."
        }
    }
}
