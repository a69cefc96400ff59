public import PermdocsDiagnostics

/// The semantic findings of `ContentValidator` over the catalog and procedures (the scope rules are
/// also what scope drift reports about client code).
public enum CatalogRule: String, Rule, CaseIterable {
    case invalidID = "invalid-id"
    case duplicateID = "duplicate-id"
    case invalidClientID = "invalid-client-id"
    case invalidRedirectURI = "invalid-redirect-uri"
    case invalidURL = "invalid-url"
    case unknownScope = "unknown-scope"
    case scopeCase = "scope-case"
    case duplicateScope = "duplicate-scope"
    case missingDescription = "missing-description"
    case unusedScope = "unused-scope"
    case unresolvedReference = "unresolved-reference"
    case unknownErrorCode = "unknown-error-code"

    public var severity: Diagnostic.Severity {
        switch self {
        case .scopeCase, .duplicateScope, .unusedScope, .unknownErrorCode: .warning
        default: .error
        }
    }

    public var explanation: String {
        switch self {
        case .invalidID: "An id or slug is not lowercase letters, digits and '-'."
        case .duplicateID: "Two features have the same id."
        case .invalidClientID: "client_id is not a GUID."
        case .invalidRedirectURI: "redirect_uri is not https (or http on localhost)."
        case .invalidURL: "A URL is not an absolute http(s) URL."
        case .unknownScope: "Not a Microsoft Graph delegated permission or OpenID Connect scope."
        case .scopeCase: "A scope is written in a different case than its canonical or catalog spelling."
        case .duplicateScope: "A scope is listed twice."
        case .missingDescription: "A requested scope has no description."
        case .unusedScope: "A described scope is requested by no feature."
        case .unresolvedReference: "A reference to a procedure or feature that does not exist."
        case .unknownErrorCode: "An AADSTS code permdocs does not describe."
        }
    }
}
