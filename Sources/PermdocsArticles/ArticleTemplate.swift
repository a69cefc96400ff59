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

    /// Calls `body` with the rendered Markdown as consecutive pieces (the source's text between
    /// tags and the values spliced in, so nothing is copied) and a buffer with the same lines to
    /// read directive lines from.
    /// With `code` (`codePlaces`), values inside code are written without escapes.
    public func withMarkdown<R>(
        _ context: TemplateValue, values: SplicedValues, source: [UInt8], code: CodePlaces? = nil,
        _ body: (_ pieces: [UnsafeBufferPointer<UInt8>], _ lines: UnsafeBufferPointer<UInt8>) -> R
    ) -> R {
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
            return out.withUnsafeBufferPointer { rendered in
                if case .program = plan { return body([rendered], rendered) }
                return source.withUnsafeBufferPointer { body([rendered], $0) }
            }
        }
        switch plan {
        case .none:
            return source.withUnsafeBufferPointer { body([$0], $0) }
        case .splice(let splices):
            return source.withUnsafeBufferPointer { src in
                var pieces: [UnsafeBufferPointer<UInt8>] = []
                pieces.reserveCapacity(2 * splices.count + 1)
                var last = 0
                for (range, name) in splices {
                    guard let value = values[name] else {
                        // Not precomputed (no build does this): the Markdown in one piece.
                        var out: [UInt8] = []
                        var at = 0
                        for (range, name) in splices {
                            out.append(contentsOf: src[at..<range.lowerBound])
                            out.append(contentsOf: Self.value(name, in: context))
                            at = range.upperBound
                        }
                        out.append(contentsOf: src[at...])
                        return out.withUnsafeBufferPointer { body([$0], src) }
                    }
                    pieces.append(UnsafeBufferPointer(rebasing: src[last..<range.lowerBound]))
                    pieces.append(value)
                    last = range.upperBound
                }
                pieces.append(UnsafeBufferPointer(rebasing: src[last...]))
                return withExtendedLifetime(values) { body(pieces, src) }
            }
        case .program(let program):
            var out: [UInt8] = []
            out.reserveCapacity(source.count + 256)
            program.render(context, escaping: .markdown, partials: [:], into: &out)
            return out.withUnsafeBufferPointer { body([$0], $0) }
        }
    }
}

/// The escaped value of every variable articles splice, computed once per build (every article
/// renders with the same context) and kept at a fixed address until the build ends.
public final class SplicedValues: @unchecked Sendable {
    private let store = ByteStore()
    /// Written once in `init`, only read afterwards (from every thread).
    private let values: [String: UnsafeBufferPointer<UInt8>]

    public init(articles: [Article], context: TemplateValue) {
        // A handful of names (the schema's text fields) over thousands of articles: comparing
        // short strings beats hashing each one.
        var names: [String] = []
        for article in articles {
            guard case .splice(let splices) = article.template.plan else { continue }
            for splice in splices where !names.contains(splice.name) { names.append(splice.name) }
        }
        var values: [String: UnsafeBufferPointer<UInt8>] = [:]
        for name in names { values[name] = store.add(ArticleTemplate.value(name, in: context)) }
        self.values = values
    }

    public subscript(name: String) -> UnsafeBufferPointer<UInt8>? { values[name] }
}
