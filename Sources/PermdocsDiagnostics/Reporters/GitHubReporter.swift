/// GitHub Actions workflow commands, one per finding, so findings appear on the pull request:
/// `::error file=lib/x.ex,line=12,col=5,title=undocumented-scope::message`.
public struct GitHubReporter: Sendable {
    public init() {}

    public func report(_ diagnostics: [Diagnostic]) -> String {
        var out = ""
        for d in diagnostics {
            let command = d.severity == .error ? "error" : d.severity == .warning ? "warning" : "notice"
            var properties: [String] = []
            if let l = d.location {
                properties.append("file=\(Self.property(FindingPaths.repositoryRelative(l.file)))")
                properties.append("line=\(l.line)")
                properties.append("col=\(l.column)")
            }
            properties.append("title=\(Self.property(d.kind))")
            var message = d.message
            for note in d.notes {
                message +=
                    "\n" + (note.location.map { "\(FindingPaths.repositoryRelative($0.file)):\($0.line):\($0.column): " } ?? "")
                    + note.message
            }
            out += "::\(command) \(properties.joined(separator: ","))::\(Self.data(message))\n"
        }
        return out
    }

    /// Escaping of a command's message, as the Actions toolkit does it. Done on Unicode scalars:
    /// `replacingOccurrences` matches whole characters, and a newline followed by a combining
    /// mark is one character, so it would leave that newline raw and start a line of its own.
    static func data(_ s: String) -> String { escaped(s, property: false) }

    /// Escaping of a property value: also ':' and ','.
    static func property(_ s: String) -> String { escaped(s, property: true) }

    private static func escaped(_ s: String, property: Bool) -> String {
        var out = String.UnicodeScalarView()
        for c in s.unicodeScalars {
            switch c {
            case "%": out.append(contentsOf: "%25".unicodeScalars)
            case "\r": out.append(contentsOf: "%0D".unicodeScalars)
            case "\n": out.append(contentsOf: "%0A".unicodeScalars)
            case ":" where property: out.append(contentsOf: "%3A".unicodeScalars)
            case "," where property: out.append(contentsOf: "%2C".unicodeScalars)
            default: out.append(c)
            }
        }
        return String(out)
    }
}
