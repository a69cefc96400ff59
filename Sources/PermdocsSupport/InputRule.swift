public import PermdocsDiagnostics

/// The findings of reading input files: encoding, size, and where a file really lies (`TextScan`,
/// `Containment`, and every reader that bounds a file).
public enum InputRule: String, Rule, CaseIterable {
    case invalidUTF8 = "invalid-utf8"
    case nulByte = "nul-byte"
    case fileTooLarge = "file-too-large"
    case symlinkOutside = "symlink-outside"

    public var severity: Diagnostic.Severity {
        .error
    }

    public var explanation: String {
        switch self {
        case .invalidUTF8: "The file is not valid UTF-8."
        case .nulByte: "The file holds a NUL byte."
        case .fileTooLarge: "The file is larger than the bound."
        case .symlinkOutside: "A symbolic link leads outside the content or templates folder."
        }
    }
}
