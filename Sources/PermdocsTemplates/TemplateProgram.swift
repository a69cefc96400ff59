import PermdocsSupport
import Foundation

/// A checked template compiled for rendering: literal text as byte ranges of the source, tags as
/// name paths, sections as nested programs. permdocs renders its templates itself, from the same
/// tag tree the strict checker reads, so what is checked is exactly what renders.
///
/// The Mustache subset is the one `TemplateScanner` accepts: variables (`{{name}}` escaped,
/// `{{{name}}}` and `{{&name}}` raw), sections and inverted sections over conditions, lists and
/// objects, partials and comments, with the spec's rules for standalone lines: a section, inverted
/// section, closing, comment or partial tag alone on its line (besides spaces and tabs) removes
/// that line, and a standalone partial is indented like its tag on every line it renders.
public struct TemplateProgram: Sendable {
    /// How `{{name}}` escapes a value.
    public enum Escaping: Sendable {
        /// `& < > " '` as entities: HTML templates.
        case html
        /// Markdown punctuation backslashed, line breaks as spaces: article Markdown.
        case markdown
    }

    indirect enum Op: Sendable {
        case text(Range<Int>)
        /// `at`: where the tag starts in the source (a byte offset).
        case variable([String], escaped: Bool, at: Int)
        case section([String], inverted: Bool, body: [Op])
        /// A partial by name; `indentation` (a byte range of the source) for a standalone one.
        case partial(String, indentation: Range<Int>?)
    }

    let source: [UInt8]
    let ops: [Op]

    /// Compiles `nodes` scanned from `source` (the scanner's tree; it reported every problem).
    public init(source: [UInt8], nodes: [TemplateNode]) {
        self.source = source
        ops = Self.compile(nodes, source: source, from: 0, to: source.count)
    }

    // MARK: - Compiling

    private static func compile(_ nodes: [TemplateNode], source: [UInt8], from: Int, to: Int) -> [Op] {
        var ops: [Op] = []
        var cursor = from
        func text(upTo end: Int) {
            if end > cursor { ops.append(.text(cursor..<end)) }
        }
        for node in nodes {
            switch node {
            case .tag(let tag):
                switch tag.kind {
                case .variable(let escaped):
                    text(upTo: tag.range.lowerBound)
                    ops.append(.variable(path(tag.name), escaped: escaped, at: tag.range.lowerBound))
                    cursor = tag.range.upperBound
                case .partial:
                    if let line = standalone(tag.range, in: source, from: cursor) {
                        text(upTo: line.lowerBound)
                        let indent = line.lowerBound..<tag.range.lowerBound
                        ops.append(.partial(tag.name, indentation: indent.isEmpty ? nil : indent))
                        cursor = line.upperBound
                    } else {
                        text(upTo: tag.range.lowerBound)
                        ops.append(.partial(tag.name, indentation: nil))
                        cursor = tag.range.upperBound
                    }
                case .section, .invertedSection:
                    break
                }
            case .comment(let range):
                let cut = standalone(range, in: source, from: cursor) ?? range
                text(upTo: cut.lowerBound)
                cursor = cut.upperBound
            case .section(let tag, let children, let close):
                let openCut = standalone(tag.range, in: source, from: cursor) ?? tag.range
                text(upTo: openCut.lowerBound)
                let closeCut = standalone(close, in: source, from: openCut.upperBound) ?? close
                let body = compile(children, source: source, from: openCut.upperBound, to: closeCut.lowerBound)
                ops.append(.section(path(tag.name), inverted: tag.kind == .invertedSection, body: body))
                cursor = closeCut.upperBound
            }
        }
        text(upTo: to)
        return ops
    }

    private static func path(_ name: String) -> [String] {
        name == "." ? ["."] : name.split(separator: ".").map(String.init)
    }

    /// When the tag at `range` is alone on its line (spaces and tabs aside), the whole line with its
    /// line break (`\n` or `\r\n`; none at the end of the text); otherwise nil. `floor` is where
    /// unconsumed text starts: a line shared with an earlier tag is never standalone.
    static func standalone(_ range: Range<Int>, in s: [UInt8], from floor: Int) -> Range<Int>? {
        var start = range.lowerBound
        let newline = UInt8(ascii: "\n")
        while start > 0, ASCII.isBlank(s[start - 1]) { start -= 1 }
        guard start == 0 || s[start - 1] == newline else { return nil }
        guard start >= floor else { return nil }
        var end = range.upperBound
        while end < s.count, ASCII.isBlank(s[end]) { end += 1 }
        if end == s.count { return start..<end }
        if s[end] == newline { return start..<(end + 1) }
        if s[end] == UInt8(ascii: "\r"), end + 1 < s.count, s[end + 1] == newline { return start..<(end + 2) }
        return nil
    }

    // MARK: - Rendering

    /// How deep partials may include partials while rendering.
    public static let maxPartialDepth = 256

    /// Renders into `out` with `context` as the root object; `partials` resolves `{{> name}}`.
    public func render(_ context: TemplateValue, escaping: Escaping, partials: [String: TemplateProgram], into out: inout [UInt8]) {
        render(context, partials: partials, into: &out) { _, s, out in Self.escape(s, escaping, into: &out) }
    }

    /// Renders with `emit` writing each `{{name}}` text value, given where its tag starts in the
    /// source; values are emitted in output order, the same order for the same context.
    public func render(
        _ context: TemplateValue, partials: [String: TemplateProgram], into out: inout [UInt8],
        emit: (_ tagOffset: Int, _ value: String, _ out: inout [UInt8]) -> Void
    ) {
        var stack = [context]
        source.withUnsafeBufferPointer { src in
            Self.run(ops, src, &stack, emit, partials, indentation: [], depth: 0, into: &out)
        }
    }

    private static func run(
        _ ops: [Op], _ src: UnsafeBufferPointer<UInt8>, _ stack: inout [TemplateValue],
        _ emit: (Int, String, inout [UInt8]) -> Void,
        _ partials: [String: TemplateProgram], indentation: [UInt8], depth: Int, into out: inout [UInt8]
    ) {
        for op in ops {
            switch op {
            case .text(let range):
                if indentation.isEmpty {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: src[range]))
                } else {
                    // Every line of an indented partial starts with the indentation.
                    var start = range.lowerBound
                    for k in range where src[k] == UInt8(ascii: "\n") && k + 1 < range.upperBound {
                        indent(&out, indentation)
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: src[start...k]))
                        start = k + 1
                    }
                    if start < range.upperBound {
                        indent(&out, indentation)
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: src[start..<range.upperBound]))
                    }
                }
            case .variable(let path, let escaped, let tagOffset):
                guard let value = resolve(path, stack) else { continue }
                switch value {
                case .string(let s):
                    if !indentation.isEmpty, !s.isEmpty { indent(&out, indentation) }
                    if escaped { emit(tagOffset, s, &out) } else { out.append(contentsOf: s.utf8) }
                case .bool(let b):
                    if !indentation.isEmpty { indent(&out, indentation) }
                    out.append(contentsOf: (b ? "true" : "false").utf8)
                case .list, .object:
                    break  // the checker refuses printing these
                }
            case .section(let path, let inverted, let body):
                let value = resolve(path, stack)
                if inverted {
                    let empty: Bool =
                        switch value {
                        case nil: true
                        case .bool(let b): !b
                        case .list(let items): items.isEmpty
                        default: false
                        }
                    if empty { run(body, src, &stack, emit, partials, indentation: indentation, depth: depth, into: &out) }
                    continue
                }
                switch value {
                case nil, .bool(false):
                    break
                case .bool(true):
                    run(body, src, &stack, emit, partials, indentation: indentation, depth: depth, into: &out)
                case .list(let items):
                    for item in items {
                        stack.append(item)
                        run(body, src, &stack, emit, partials, indentation: indentation, depth: depth, into: &out)
                        stack.removeLast()
                    }
                case .some(let v):
                    stack.append(v)
                    run(body, src, &stack, emit, partials, indentation: indentation, depth: depth, into: &out)
                    stack.removeLast()
                }
            case .partial(let name, let own):
                // The checker refuses a partial that includes itself outside a list section, and
                // YAML nesting is bounded; this bound is the last guard against a stack overflow.
                guard let partial = partials[name], depth < Self.maxPartialDepth else { continue }
                var inner = indentation
                if let own { inner.append(contentsOf: UnsafeBufferPointer(rebasing: src[own])) }
                partial.source.withUnsafeBufferPointer { psrc in
                    run(partial.ops, psrc, &stack, emit, partials, indentation: inner, depth: depth + 1, into: &out)
                }
            }
        }
    }

    /// Adds `indentation` when `out` is at the start of a line.
    @inline(__always)
    private static func indent(_ out: inout [UInt8], _ indentation: [UInt8]) {
        if out.isEmpty || out.last == UInt8(ascii: "\n") { out.append(contentsOf: indentation) }
    }

    /// Mustache lookup: the first name from the innermost context outwards, then object fields.
    @inline(__always)
    public static func resolve(_ path: [String], _ stack: [TemplateValue]) -> TemplateValue? {
        if path.count == 1, path[0] == "." { return stack.last }
        var found: TemplateValue?
        for frame in stack.reversed() {
            if case .object(let fields) = frame, let v = fields[path[0]] {
                found = v
                break
            }
        }
        guard var value = found else { return nil }
        for name in path.dropFirst() {
            guard let next = value[name] else { return nil }
            value = next
        }
        return value
    }

    static func escape(_ s: String, _ escaping: Escaping, into out: inout [UInt8]) {
        switch escaping {
        case .html: HTMLEscaping.append(s, into: &out)
        case .markdown: out.append(contentsOf: MarkdownEscaping.escape(s).utf8)
        }
    }
}
