public import PermdocsTemplates
import PermdocsSupport

/// An article's Markdown after its template tags were checked: renders with Markdown escaping.
///
/// Most articles have no tag (their bytes go to cmark as they are) or only variables such as
/// `{{app.name}}`: every article renders with the same context, so each variable's escaped value
/// is computed once per build (`values`) and spliced in. Sections go through `TemplateProgram`.
public struct ArticleTemplate: Sendable {
    public enum Plan: Sendable {
        case none
        /// Each tag's byte range and name.
        case splice([(range: Range<Int>, name: String)])
        case program(TemplateProgram)
    }

    public let plan: Plan

    init(_ body: [UInt8], nodes: [TemplateNode]) {
        if nodes.isEmpty {
            plan = .none
            return
        }
        var splices: [(range: Range<Int>, name: String)] = []
        for node in nodes {
            guard case .tag(let tag) = node, tag.kind == .variable(escaped: true) else {
                plan = .program(TemplateProgram(source: body, nodes: nodes))
                return
            }
            splices.append((tag.range, tag.name))
        }
        plan = .splice(splices)
    }

    /// Whether the rendered Markdown has the source's lines (a spliced value has no line break:
    /// escaping makes them spaces), so a directive is still on the line the scanner found it.
    public var keepsLines: Bool {
        if case .program = plan { return false }
        return true
    }

    /// A variable's value as it is spliced: escaped for Markdown.
    public static func value(_ name: String, in context: TemplateValue) -> [UInt8] {
        let path = name == "." ? ["."] : name.split(separator: ".").map(String.init)
        switch TemplateProgram.resolve(path, [context]) {
        case .string(let s)?: return Array(MarkdownEscaping.escape(s).utf8)
        case .bool(let b)?: return Array((b ? "true" : "false").utf8)
        default: return []
        }
    }

    /// The rendered Markdown as consecutive pieces (slices of the source's text between tags and
    /// of the values spliced in, so nothing is copied), and bytes with the same lines to read
    /// directive lines from. With `code` (`codePlaces`), values inside code are written without
    /// escapes.
    public func markdown(
        _ context: TemplateValue, values: SplicedValues, source: [UInt8], code: CodePlaces? = nil
    ) -> (
        pieces: [ArraySlice<UInt8>], lines: [UInt8]
    ) {
        if let code {
            // The rare article with values in code: rendered in one piece, each value escaped
            // for where it lands.
            var out: [UInt8] = []
            out.reserveCapacity(source.count + 256)
            render(context, source: source, into: &out) { n, _, value, out in
                if code.spans.contains(n) || code.blocks.contains(n) {
                    out.append(contentsOf: MarkdownEscaping.escapeCode(value).utf8)
                } else {
                    out.append(contentsOf: MarkdownEscaping.escape(value).utf8)
                }
            }
            if case .program = plan { return ([out[...]], out) }
            return ([out[...]], source)
        }
        switch plan {
        case .none:
            return ([source[...]], source)
        case .splice(let splices):
            var pieces: [ArraySlice<UInt8>] = []
            pieces.reserveCapacity(2 * splices.count + 1)
            var last = 0
            for (range, name) in splices {
                guard let value = values[name] else {
                    // Not precomputed (no build does this): the Markdown in one piece.
                    var out: [UInt8] = []
                    var at = 0
                    for (range, name) in splices {
                        out.append(contentsOf: source[at..<range.lowerBound])
                        out.append(contentsOf: Self.value(name, in: context))
                        at = range.upperBound
                    }
                    out.append(contentsOf: source[at...])
                    return ([out[...]], source)
                }
                pieces.append(source[last..<range.lowerBound])
                pieces.append(value[...])
                last = range.upperBound
            }
            pieces.append(source[last...])
            return (pieces, source)
        case .program(let program):
            var out: [UInt8] = []
            out.reserveCapacity(source.count + 256)
            program.render(context, escaping: .markdown, partials: [:], into: &out)
            return ([out[...]], out)
        }
    }
}

/// The escaped value of every variable articles splice, computed once per build (every article
/// renders with the same context).
public final class SplicedValues: Sendable {
    /// Written once in `init`, only read afterwards (from every thread).
    private let values: [String: [UInt8]]

    public init(articles: [Article], context: TemplateValue) {
        // A handful of names (the schema's text fields) over thousands of articles: comparing
        // short strings beats hashing each one.
        var names: [String] = []
        for article in articles {
            guard case .splice(let splices) = article.template.plan else { continue }
            for splice in splices where !names.contains(splice.name) { names.append(splice.name) }
        }
        var values: [String: [UInt8]] = [:]
        for name in names { values[name] = ArticleTemplate.value(name, in: context) }
        self.values = values
    }

    public subscript(name: String) -> [UInt8]? { values[name] }

    /// Whether both hold the same values by the same names.
    public func same(as other: SplicedValues) -> Bool { values == other.values }

    /// Whether every variable `article` splices has its value here (an edited article that
    /// splices a new one needs values computed again).
    public func covers(_ article: Article) -> Bool {
        guard case .splice(let splices) = article.template.plan else { return true }
        return splices.allSatisfy { values[$0.name] != nil }
    }
}
