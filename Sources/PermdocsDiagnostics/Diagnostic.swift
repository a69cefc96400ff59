/// One finding: what is wrong, how bad it is, where, and a stable rule id (`kind`) that every output
/// format reuses.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case error, warning, note

        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .note: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// A secondary location that explains the finding, such as the first occurrence of a duplicate.
    public struct Note: Hashable, Sendable {
        public var message: String
        public var location: SourceLocation?

        public init(_ message: String, at location: SourceLocation?) {
            self.message = message
            self.location = location
        }
    }

    public var severity: Severity
    /// The id of its `Rule`, e.g. `unknown-scope`. Tests, JSON, GitHub and SARIF output all use it.
    public var kind: String
    public var message: String
    public var location: SourceLocation?
    public var notes: [Note]
    /// The feature a scope-drift finding is about, when there is one.
    public var feature: String?
    /// The scope a finding is about, when there is one.
    public var scope: String?

    public init(
        _ severity: Severity, _ rule: some Rule, _ message: String, at location: SourceLocation?, notes: [Note] = [],
        feature: String? = nil, scope: String? = nil
    ) {
        self.severity = severity
        self.kind = rule.id
        self.message = message
        self.location = location
        self.notes = notes
        self.feature = feature
        self.scope = scope
    }

    public static func error(
        _ rule: some Rule, _ message: String, at location: SourceLocation?, notes: [Note] = [], feature: String? = nil, scope: String? = nil
    ) -> Diagnostic {
        Diagnostic(.error, rule, message, at: location, notes: notes, feature: feature, scope: scope)
    }

    public static func warning(
        _ rule: some Rule, _ message: String, at location: SourceLocation?, notes: [Note] = [], feature: String? = nil, scope: String? = nil
    ) -> Diagnostic {
        Diagnostic(.warning, rule, message, at: location, notes: notes, feature: feature, scope: scope)
    }

    /// GCC style: `file:line:column: error: message [kind]`.
    public var description: String {
        let place = location.map { "\($0): " } ?? "permdocs: "
        return "\(place)\(severity.rawValue): \(message) [\(kind)]"
    }
}

/// An error that stops a stage from going on ("cannot continue"). Everything else is collected as
/// values in a `Diagnostics` list so one run reports all problems.
public struct DiagnosticError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostic: Diagnostic) { self.diagnostics = [diagnostic] }
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Failure to read or write files, mapped to exit code 2 by the CLI.
public struct IOFailure: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
