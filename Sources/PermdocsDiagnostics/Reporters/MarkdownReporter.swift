/// A pull-request-readable Markdown summary (README "Scope drift", "In the client repository's CI"):
/// the counts, then per feature a table of its findings — severity, rule (linked to its README
/// section), scope, `file:line` and message — then the findings that belong to no feature. `--format markdown` prints it for any CI
/// (a GitLab job, a pull-request comment bot); `--format github` also appends it to
/// `$GITHUB_STEP_SUMMARY` with `annotationLimit`, which says how many annotations GitHub will not
/// show (it shows at most 10 errors and 10 warnings per step).
///
/// Every text from the findings is escaped: a scope string from client code is data, so it can
/// neither close a table cell nor become HTML, a link or a heading.
public struct MarkdownReporter: Sendable {
    /// GitHub's cap on `::error` and on `::warning` annotations per step.
    public static let githubAnnotationLimit = 10

    /// Set for the step summary: the cap to report annotations beyond.
    public var annotationLimit: Int?

    public init(annotationLimit: Int? = nil) { self.annotationLimit = annotationLimit }

    public func report(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.lazy.filter { $0.severity == .error }.count
        let warnings = diagnostics.lazy.filter { $0.severity == .warning }.count
        var out = "## permdocs check\n\n"
        out += "**\(TextReporter.plural(errors, "error")), \(TextReporter.plural(warnings, "warning"))**"
        if diagnostics.isEmpty {
            out += ": the catalog, the client code and the app registration agree.\n"
            return out
        }
        var features: [String] = []
        var byFeature: [String: [Diagnostic]] = [:]
        var other: [Diagnostic] = []
        for d in diagnostics {
            guard let f = d.feature else {
                other.append(d)
                continue
            }
            if byFeature[f] == nil { features.append(f) }
            byFeature[f, default: []].append(d)
        }
        features.sort()
        let drifted = features.count
        out += drifted == 0 ? ".\n" : " in \(TextReporter.plural(drifted, "feature")).\n"
        if let limit = annotationLimit {
            let hiddenErrors = max(0, errors - limit)
            let hiddenWarnings = max(0, warnings - limit)
            if hiddenErrors + hiddenWarnings > 0 {
                var parts: [String] = []
                if hiddenErrors > 0 { parts.append(TextReporter.plural(hiddenErrors, "error")) }
                if hiddenWarnings > 0 { parts.append(TextReporter.plural(hiddenWarnings, "warning")) }
                out += "\nGitHub shows at most \(limit) error and \(limit) warning annotations per step: "
                out += "\(parts.joined(separator: " and ")) are not annotated on the pull request and appear only here.\n"
            }
        }
        for feature in features {
            out += "\n### Feature `\(Self.code(feature))`\n\n"
            out += table(byFeature[feature]!)
        }
        if !other.isEmpty {
            out += "\n### \(features.isEmpty ? "Findings" : "Other findings")\n\n"
            out += table(other)
        }
        return out
    }

    private func table(_ diagnostics: [Diagnostic]) -> String {
        var out = "| | Rule | Scope | Where | Finding |\n|---|---|---|---|---|\n"
        for d in diagnostics {
            let mark =
                switch d.severity {
                case .error: "error"
                case .warning: "warning"
                case .note: "note"
                }
            let scope = d.scope.map { Self.isPlain($0) ? "`\($0)`" : Self.text($0) } ?? ""
            let place = d.location.map { "\(Self.text(FindingPaths.repositoryRelative($0.file))):\($0.line)" } ?? ""
            var message = Self.text(d.message)
            for note in d.notes {
                let at = note.location.map { "\(Self.text(FindingPaths.repositoryRelative($0.file))):\($0.line): " } ?? ""
                message += "<br>" + at + Self.text(note.message)
            }
            // The rule links the README section that explains it (as SARIF's helpUri does).
            out += "| \(mark) | [`\(Self.code(d.kind))`](\(RuleHelp.helpURI(d.kind))) | \(scope) | \(place) | \(message) |\n"
        }
        return out
    }

    /// GitHub's limit on one step's summary (1 MiB); a longer one is not shown at all.
    public static let githubSummaryLimit = 1 << 20

    /// `summary` cut at the last whole line that leaves room for a closing sentence within `bytes`,
    /// saying how many of the findings' rows are shown; `summary` itself when it fits.
    public static func fitted(_ summary: String, bytes: Int) -> String {
        let utf8 = Array(summary.utf8)
        guard utf8.count > bytes else { return summary }
        func isRow(_ line: Substring) -> Bool { line.hasPrefix("| error |") || line.hasPrefix("| warning |") || line.hasPrefix("| note |") }
        let total = summary.split(separator: "\n").filter(isRow).count
        var end = max(0, bytes - 200)
        while end > 0 && utf8[end - 1] != UInt8(ascii: "\n") { end -= 1 }
        let kept = String(decoding: utf8[..<end], as: UTF8.self)
        let shown = kept.split(separator: "\n").filter(isRow).count
        return kept + "\n**The summary stops at GitHub's limit for a step summary: \(shown) of \(total) findings are listed; "
            + "the annotations and `permdocs check` list them all.**\n"
    }

    /// Text for a table cell: HTML and Markdown punctuation escaped, lines joined with `<br>`.
    /// On Unicode scalars: a newline followed by a combining mark is one `Character`, which a
    /// match on characters would leave raw, ending the table row.
    static func text(_ s: String) -> String {
        var out = ""
        var afterCR = false
        for c in s.unicodeScalars {
            defer { afterCR = c == "\r" }
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "|": out += "&#124;"
            case "\n": if !afterCR { out += "<br>" }
            case "\r": out += "<br>"
            case "\\", "`", "*", "_", "[", "]", "~":
                out += "\\" + String(c)
            case "@": out += "&#64;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// A scope that can stand in a code span as it is (a Graph permission, a URL-prefixed one).
    static func isPlain(_ s: String) -> Bool {
        !s.isEmpty
            && s.unicodeScalars.allSatisfy { c in
                (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || ".:/_-".unicodeScalars.contains(c)
            }
    }

    /// An identifier inside a code span (rule ids and feature ids are `[a-z0-9-]`).
    static func code(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.filter { $0 != "`" && $0 != "\n" && $0 != "\r" && $0 != "|" }))
    }
}
