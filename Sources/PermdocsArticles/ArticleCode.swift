public import PermdocsDiagnostics
public import PermdocsTemplates
import PermdocsMarkdown
import PermdocsSupport

/// Which of an article's `{{name}}` values land inside code, where CommonMark shows backslash
/// escapes as they are: the n-th text value the article emits (in output order, the same for the
/// same context) is in a code span (`spans`) or a fenced code block (`blocks`).
///
/// Found in two steps, so a value is raw only where both agree it is code: the article is
/// rendered with a marker for each value, a quick scan of that Markdown finds the markers that
/// may sit in a code span or after a fence line, and only then does cmark parse it and say which
/// markers it really puts into code. Everywhere else values stay escaped as text: an indented
/// code block keeps the escapes (a fenced block does not), and so does a value the scan misses.
public struct CodePlaces: Sendable, Equatable {
    public var spans: Set<Int> = []
    public var blocks: Set<Int> = []

    public init(spans: Set<Int> = [], blocks: Set<Int> = []) {
        self.spans = spans
        self.blocks = blocks
    }
}

extension ArticleTemplate {
    /// Renders the article's Markdown, calling `emit(n, tagOffset, value, &out)` for the n-th
    /// text value (a `true`/`false` is written as is, and not counted).
    func render(
        _ context: TemplateValue, source: [UInt8], into out: inout [UInt8],
        emit: (_ n: Int, _ tagOffset: Int, _ value: String, _ out: inout [UInt8]) -> Void
    ) {
        var n = 0
        switch plan {
        case .none:
            out.append(contentsOf: source)
        case .splice(let splices):
            var at = 0
            for (range, name) in splices {
                out.append(contentsOf: source[at..<range.lowerBound])
                let path = name == "." ? ["."] : name.split(separator: ".").map(String.init)
                switch TemplateProgram.resolve(path, [context]) {
                case .string(let s)?:
                    emit(n, range.lowerBound, s, &out)
                    n += 1
                case .bool(let b)?: out.append(contentsOf: (b ? "true" : "false").utf8)
                default: break
                }
                at = range.upperBound
            }
            out.append(contentsOf: source[at...])
        case .program(let program):
            program.render(context, partials: [:], into: &out) { offset, s, out in
                emit(n, offset, s, &out)
                n += 1
            }
        }
    }

    /// Whether any value could land in code at all, asked without the values: the article has
    /// tags and a backtick or a tilde (a code span or a fence), and, when its tags are all
    /// variables, one of them may sit in code as written (tags are text to Markdown as markers
    /// are). The usual article, with its tags in plain text, needs no more look.
    public func mayPutValuesInCode(_ source: [UInt8]) -> Bool {
        if case .none = plan { return false }
        let hasCode = source.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return false }
            return Bytes.find(UInt8(ascii: "`"), in: base, from: 0, to: b.count) != nil
                || Bytes.find(UInt8(ascii: "~"), in: base, from: 0, to: b.count) != nil
        }
        guard hasCode else { return false }
        guard case .splice(let splices) = plan else { return true }
        let maybe = CodeScan.mayBeCode(source, markers: splices.enumerated().map { ($0.offset, $0.element.range) })
        return !maybe.spans.isEmpty || !maybe.blocks.isEmpty
    }

    /// Where the article's values land in code (nil: nowhere), and a located `unsafe-code-value`
    /// error for each value that would end the code it is in: a backtick in a code span (the
    /// span's end is its first run of as many backticks as opened it, so no value with a backtick
    /// is taken there: the tag belongs outside the span), or a value that makes its line of a
    /// fenced block a closing fence.
    public func codePlaces(_ context: TemplateValue, source: [UInt8], file: String) -> (CodePlaces?, [Diagnostic]) {
        guard mayPutValuesInCode(source) else { return (nil, []) }
        // The Markdown with a marker for each value (an empty value is nothing either way).
        var marked: [UInt8] = []
        marked.reserveCapacity(source.count + 64)
        var markers: [(n: Int, range: Range<Int>)] = []
        render(context, source: source, into: &marked) { n, _, value, out in
            guard !value.isEmpty else { return }
            let start = out.count
            out.append(contentsOf: CodeScan.marker(n))
            markers.append((n, start..<out.count))
        }
        let maybe = CodeScan.mayBeCode(marked, markers: markers)
        guard !maybe.spans.isEmpty || !maybe.blocks.isEmpty else { return (nil, []) }
        let literals = marked.withUnsafeBufferPointer { CommonMark.codeLiterals($0) }
        let inSpans = Set(literals.spans.flatMap(CodeScan.markers(in:)))
        let inBlocks = Set(literals.blocks.flatMap(CodeScan.markers(in:)))
        let places = CodePlaces(spans: maybe.spans.intersection(inSpans), blocks: Set(maybe.blocks.keys).intersection(inBlocks))
        guard !places.spans.isEmpty || !places.blocks.isEmpty else { return (nil, []) }

        // The Markdown as it will render, to check what each value in code does there.
        var findings: [Diagnostic] = []
        var out: [UInt8] = []
        var blockValues: [(offset: Int, range: Range<Int>, value: String, fence: UInt8)] = []
        render(context, source: source, into: &out) { n, offset, value, out in
            if places.spans.contains(n) {
                let code = MarkdownEscaping.escapeCode(value)
                if code.utf8.contains(UInt8(ascii: "`")) {
                    findings.append(
                        Self.finding(
                            at: offset, in: source, file: file, value: value,
                            "is in a code span, and its value holds a backtick, which would end the span; take the tag out of the code span"
                        ))
                }
                out.append(contentsOf: code.utf8)
            } else if places.blocks.contains(n) {
                let start = out.count
                out.append(contentsOf: MarkdownEscaping.escapeCode(value).utf8)
                blockValues.append((offset, start..<out.count, value, maybe.blocks[n]?.byte ?? UInt8(ascii: "`")))
            } else {
                out.append(contentsOf: MarkdownEscaping.escape(value).utf8)
            }
        }
        for (offset, range, value, fence) in blockValues where CodeScan.mayCloseFence(out, around: range, fence: fence) {
            findings.append(
                Self.finding(
                    at: offset, in: source, file: file, value: value,
                    "is in a fenced code block, and its value makes its line a closing fence, which can end the block; move the tag or change the value"
                ))
        }
        return (places, findings)
    }

    private static func finding(at offset: Int, in source: [UInt8], file: String, value: String, _ what: String) -> Diagnostic {
        let (line, column) = source.withUnsafeBufferPointer { TextScan.lineAndColumn(ofOffset: offset, in: $0) }
        var end = offset
        while end + 1 < source.count, !(source[end] == UInt8(ascii: "}") && source[end + 1] == UInt8(ascii: "}")) { end += 1 }
        var tag = String(decoding: source[offset..<min(source.count, end + 2)], as: UTF8.self)
        if source.indices.contains(end + 2), source[end + 2] == UInt8(ascii: "}") { tag += "}" }
        let shown = value.count > 40 ? String(value.prefix(40)) + "…" : value
        return .error(
            ArticleRule.unsafeCodeValue, "'\(tag)' \(what) (the value is '\(shown)')",
            at: SourceLocation(file: file, line: line, column: column))
    }
}

/// The quick, conservative half of finding values in code (see `CodePlaces`).
enum CodeScan {
    private static let open: [UInt8] = [0xEE, 0x80, 0x80]  // U+E000, private use
    private static let close: [UInt8] = [0xEE, 0x80, 0x81]  // U+E001

    /// The marker of the n-th value: text to cmark everywhere (private-use characters and digits).
    static func marker(_ n: Int) -> [UInt8] { open + Array(String(n).utf8) + close }

    /// The numbers of the markers in a code literal.
    static func markers(in literal: [UInt8]) -> [Int] {
        var found: [Int] = []
        var i = 0
        while i + 2 < literal.count {
            guard literal[i] == open[0], literal[i + 1] == open[1], literal[i + 2] == open[2] else {
                i += 1
                continue
            }
            var j = i + 3
            var n = 0
            while j < literal.count, ASCII.isDigit(literal[j]), n < 1 << 40 {
                n = n * 10 + Int(literal[j] - UInt8(ascii: "0"))
                j += 1
            }
            if j > i + 3, j + 2 < literal.count, literal[j] == close[0], literal[j + 1] == close[1], literal[j + 2] == close[2] {
                found.append(n)
                i = j + 3
            } else {
                i += 1
            }
        }
        return found
    }

    /// Markers that may be in a code span (between backtick runs of one length, within a run of
    /// non-blank lines) or in a fenced block (after a line of three or more backticks or tildes,
    /// at any indentation, before its closing line). Generous: cmark decides.
    static func mayBeCode(
        _ text: [UInt8], markers: [(n: Int, range: Range<Int>)]
    ) -> (spans: Set<Int>, blocks: [Int: (byte: UInt8, count: Int)]) {
        var spanRanges: [Range<Int>] = []
        var blockRanges: [(range: Range<Int>, byte: UInt8, count: Int)] = []
        let newline = UInt8(ascii: "\n")
        let backtick = UInt8(ascii: "`")
        var fence: (byte: UInt8, count: Int, start: Int)?
        var paragraph: Int?  // where the current run of non-blank lines outside fences starts
        var start = 0
        // Only what can hold a marker is looked at: paragraphs with one, and lines up to the
        // last one (an article's tags are usually in a few paragraphs of its text).
        let lastMarker = markers.map(\.range.upperBound).max() ?? 0
        func spans(in range: Range<Int>) {
            guard markers.contains(where: { range.lowerBound <= $0.range.lowerBound && $0.range.upperBound <= range.upperBound }) else {
                return
            }
            var i = range.lowerBound
            while i < range.upperBound {
                let b = text[i]
                if b == UInt8(ascii: "\\") {
                    i += 2
                    continue
                }
                guard b == backtick else {
                    i += 1
                    continue
                }
                var k = i
                while k < range.upperBound, text[k] == backtick { k += 1 }
                let length = k - i
                // The next run of exactly that length closes the span.
                var j = k
                var closed: Int?
                while j < range.upperBound {
                    if text[j] == backtick {
                        var m = j
                        while m < range.upperBound, text[m] == backtick { m += 1 }
                        if m - j == length {
                            closed = j
                            break
                        }
                        j = m
                    } else {
                        j += 1
                    }
                }
                if let closed {
                    spanRanges.append(k..<closed)
                    i = closed + length
                } else {
                    i = k
                }
            }
        }
        while start <= text.count {
            if start > lastMarker, paragraph == nil { break }
            let end =
                text.withUnsafeBufferPointer { b in b.baseAddress.flatMap { Bytes.find(newline, in: $0, from: start, to: b.count) } }
                ?? text.count
            var j = start
            while j < end, text[j] == UInt8(ascii: " ") || text[j] == UInt8(ascii: "\t") || text[j] == UInt8(ascii: ">") { j += 1 }
            var isFence = false
            if j < end, text[j] == backtick || text[j] == UInt8(ascii: "~") {
                let marker = text[j]
                var k = j
                while k < end, text[k] == marker { k += 1 }
                if k - j >= 3 {
                    if let open = fence {
                        var rest = k
                        while rest < end, ASCII.isBlank(text[rest]) { rest += 1 }
                        if marker == open.byte, k - j >= open.count, rest == end {
                            blockRanges.append((open.start..<start, open.byte, open.count))
                            fence = nil
                            isFence = true
                        }
                    } else if marker == UInt8(ascii: "~") || !text[k..<end].contains(backtick) {
                        if let p = paragraph { spans(in: p..<start) }
                        paragraph = nil
                        fence = (marker, k - j, min(end + 1, text.count))
                        isFence = true
                    }
                }
            }
            if !isFence, fence == nil {
                if j == end {
                    if let p = paragraph { spans(in: p..<start) }
                    paragraph = nil
                } else if paragraph == nil {
                    paragraph = start
                }
            }
            if end == text.count { break }
            start = end + 1
        }
        if let open = fence { blockRanges.append((open.start..<text.count, open.byte, open.count)) }
        if let p = paragraph { spans(in: p..<text.count) }
        var result: (spans: Set<Int>, blocks: [Int: (byte: UInt8, count: Int)]) = ([], [:])
        for (n, range) in markers {
            if spanRanges.contains(where: { $0.lowerBound <= range.lowerBound && range.upperBound <= $0.upperBound }) {
                result.spans.insert(n)
            }
            if let block = blockRanges.first(where: { $0.range.lowerBound <= range.lowerBound && range.upperBound <= $0.range.upperBound })
            {
                result.blocks[n] = (block.byte, block.count)
            }
        }
        return result
    }

    /// Whether the line holding `range` of `text` could close a block fenced with `fence`: at any
    /// indentation (a block in a list item or quote is indented), three or more of that
    /// character, then only spaces and tabs. Generous on purpose: a line that might close the
    /// block is refused, not guessed about.
    static func mayCloseFence(_ text: [UInt8], around range: Range<Int>, fence: UInt8) -> Bool {
        var start = range.lowerBound
        while start > 0, text[start - 1] != UInt8(ascii: "\n") { start -= 1 }
        var end = range.upperBound
        while end < text.count, text[end] != UInt8(ascii: "\n") { end += 1 }
        var i = start
        while i < end, ASCII.isBlank(text[i]) || text[i] == UInt8(ascii: ">") { i += 1 }
        var k = i
        while k < end, text[k] == fence { k += 1 }
        guard k - i >= 3 else { return false }
        while k < end, ASCII.isBlank(text[k]) { k += 1 }
        return k == end
    }
}
