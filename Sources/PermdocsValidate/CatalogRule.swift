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
    case placeholderApp = "placeholder-app"
    case defaultCombined = "default-combined"
    case invalidStep = "invalid-step"
    case unreachableChoice = "unreachable-choice"
    case checklistChoiceMissing = "checklist-choice-missing"
    case unloggedScopeChange = "unlogged-scope-change"
    case changeLogContradiction = "change-log-contradiction"
    case changeLogOrder = "change-log-order"
    case windowsReservedName = "windows-reserved-name"
    case ignoredProcedureFile = "ignored-procedure-file"

    public var severity: Diagnostic.Severity {
        switch self {
        case .scopeCase, .duplicateScope, .unusedScope, .unknownErrorCode, .placeholderApp, .ignoredProcedureFile: .warning
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
        case .unknownScope:
            "Not a Microsoft Graph delegated permission or OpenID Connect scope, an Exchange Online permission, or a scope of a resource the catalog declares."
        case .scopeCase: "A scope is written in a different case than its canonical or catalog spelling."
        case .duplicateScope: "A scope is listed twice."
        case .missingDescription: "A requested scope has no description."
        case .unusedScope: "A described scope is requested by no feature."
        case .unresolvedReference: "A reference to a procedure or feature that does not exist."
        case .unknownErrorCode: "An AADSTS code permdocs does not describe."
        case .placeholderApp:
            "client_id is the nil GUID or a URL is on a documentation domain (RFC 2606), and the catalog does not declare 'example: true'."
        case .defaultCombined:
            "A feature requests {resource}/.default together with other scopes of that resource, which Entra ID refuses in one request."
        case .invalidStep: "A checklist step is not one action: an outcome with something to set, or 'scenarios' outside a choice."
        case .unreachableChoice: "A choice is for a checklist that does not show its procedure, or two choices are for the same checklist."
        case .checklistChoiceMissing: "A choice list on a checklist has no choice for that checklist's scenario."
        case .unloggedScopeChange:
            "A feature's scopes in the catalog differ from what replaying changes.yaml gives: a change without a log entry."
        case .changeLogContradiction: "A changes.yaml entry adds a scope the feature already has, or removes one it does not have."
        case .changeLogOrder: "changes.yaml entries are not newest first."
        case .windowsReservedName: "An id, slug or file name is a device name on Windows (con, nul, aux, prn, com0-9, lpt0-9)."
        case .ignoredProcedureFile:
            "A file in the procedures folder looks like a procedure but is not read (an upper-case extension, or hidden)."
        }
    }
}
