/// GCC-style text for a terminal or a CI log: one finding per line, notes under it, then a summary.
///
///     content/permissions.yaml:22:37: error: unknown scope 'Calendar.ReadWrite'; did you mean 'Calendars.ReadWrite'? [unknown-scope]
///     permdocs: 1 error, 0 warnings
public struct TextReporter: Sendable {
    /// ANSI colours, only when the output is a terminal.
    public var colour: Bool

    public init(colour: Bool = false) { self.colour = colour }

    public func report(_ diagnostics: [Diagnostic], summary: Bool = true) -> String {
        var out = ""
        for d in diagnostics {
            out += line(d.location, d.severity, d.message + " [\(d.kind)]")
            for note in d.notes {
                out += line(note.location, .note, note.message)
            }
        }
        if summary {
            let errors = diagnostics.lazy.filter { $0.severity == .error }.count
            let warnings = diagnostics.lazy.filter { $0.severity == .warning }.count
            out += "permdocs: \(Self.plural(errors, "error")), \(Self.plural(warnings, "warning"))\n"
        }
        return out
    }

    private func line(_ location: SourceLocation?, _ severity: Diagnostic.Severity, _ message: String) -> String {
        let place = location.map { "\($0): " } ?? "permdocs: "
        guard colour else { return "\(place)\(severity.rawValue): \(message)\n" }
        let code =
            switch severity {
            case .error: "31"
            case .warning: "33"
            case .note: "36"
            }
        return "\u{1B}[1m\(place)\u{1B}[0m\u{1B}[1;\(code)m\(severity.rawValue):\u{1B}[0m \(message)\n"
    }

    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
}
