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

    /// Escaping of a command's message, as the Actions toolkit does it.
    static func data(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Escaping of a property value: also ':' and ','.
    static func property(_ s: String) -> String {
        data(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
