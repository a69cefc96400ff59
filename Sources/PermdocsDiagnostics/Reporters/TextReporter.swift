/// GCC-style text for a terminal or a CI log: one finding per line (control characters escaped,
/// `escaped`), notes under it, then a summary.
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

    private func line(_ location: SourceLocation?, _ severity: Diagnostic.Severity, _ rawMessage: String) -> String {
        let message = Self.escaped(rawMessage)
        let place = location.map { "\(Self.escaped(Self.notACommand($0.file))):\($0.line):\($0.column): " } ?? "permdocs: "
        guard colour else { return "\(place)\(severity.rawValue): \(message)\n" }
        let code =
            switch severity {
            case .error: "31"
            case .warning: "33"
            case .note: "36"
            }
        return "\u{1B}[1m\(place)\u{1B}[0m\u{1B}[1;\(code)m\(severity.rawValue):\u{1B}[0m \(message)\n"
    }

    /// One finding is one line, whatever its text: control characters (C0, DEL, C1) and Unicode
    /// line and paragraph separators are written as escapes (`\n`, `\r`, `\t`, `\x1B`,
    /// `\u{2028}`), so text from client code or content can neither start a line of its own (CI
    /// systems execute lines such as `::add-mask::` or `::error::`) nor send terminal escapes.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x80:
                out += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16, uppercase: true)
            default: out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }

    public static func needsEscape(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s.value == 0x2028 || s.value == 0x2029
    }

    /// A path that would start the line with `::` (a workflow command) gets `./`, the same file:
    /// any path starting with `:`, since `:LINE` follows it (found by the `reports` fuzz target).
    static func notACommand(_ file: String) -> String { file.hasPrefix(":") ? "./" + file : file }

    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
}
