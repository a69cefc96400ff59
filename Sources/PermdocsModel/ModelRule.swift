public import PermdocsDiagnostics

/// The structural findings of decoding located YAML into the model (`NodeReader`, `CatalogDecoder`,
/// `ProcedureDecoder`).
public enum ModelRule: String, Rule, CaseIterable {
    case unknownKey = "unknown-key"
    case missingKey = "missing-key"
    case wrongType = "wrong-type"
    case emptyValue = "empty-value"
    case invalidValue = "invalid-value"
    case conflictingKeys = "conflicting-keys"

    public var severity: Diagnostic.Severity {
        .error
    }

    public var explanation: String {
        switch self {
        case .unknownKey: "A key permdocs does not know."
        case .missingKey: "A required key is missing."
        case .wrongType: "A value has the wrong type."
        case .emptyValue: "A value is empty."
        case .invalidValue: "A value is not one of the allowed ones."
        case .conflictingKeys: "Two keys that exclude each other are both set."
        }
    }
}
