internal import CCmark
import PermdocsSupport
import Foundation

/// Markdown → HTML through libcmark, always in safe mode: `CMARK_OPT_UNSAFE` is never set, so raw
/// HTML typed by an author is replaced by a comment and `javascript:`, `vbscript:`, `file:` and
/// non-image `data:` link targets are emptied. The C node types never leave this file, and the
/// arena cmark allocates from (`CmarkArena`) never leaves this module: pages are rendered through
/// `ArticleRenderer`.
public enum CommonMark {
    /// cmark's defaults: safe. Smart punctuation is off so text is exactly what the author wrote.
    /// No `CMARK_OPT_VALIDATE_UTF8`: every input is a Swift string or an article whose bytes
    /// passed `TextScan.encodingError`, so it is valid UTF-8 already (and cmark replaces NUL
    /// bytes whatever the options).
    fileprivate static let options: Int32 = CMARK_OPT_DEFAULT

    /// One heading of a rendered document, for a table of contents.
    public struct Heading: Sendable, Equatable {
        public var level: Int
        public var id: String
        public var text: String

        public init(level: Int, id: String, text: String) {
            self.level = level
            self.id = id
            self.text = text
        }
    }

    public struct Document: Sendable {
        public var html: String
        public var headings: [Heading]
    }

    /// Renders Markdown that is meant to be inline (a step, a note): a single paragraph loses its
    /// `<p>` wrapper; anything else (a list, several paragraphs) is kept as blocks.
    public static func inlineHTML(_ markdown: String) -> String {
        let html = markdownToHTML(markdown)
        if html.hasPrefix("<p>"), html.hasSuffix("</p>\n") {
            let inner = Array(html.utf8.dropFirst(3).dropLast(5))
            if !holdsParagraph(inner) { return String(decoding: inner, as: UTF8.self) }
        }
        return html.hasSuffix("\n") ? String(html.dropLast()) : html
    }

    /// Whether `bytes` hold `<p>` (cmark's output: a second paragraph).
    private static func holdsParagraph(_ bytes: [UInt8]) -> Bool {
        var i = 0
        while i + 2 < bytes.count {
            if bytes[i] == UInt8(ascii: "<"), bytes[i + 1] == UInt8(ascii: "p"), bytes[i + 2] == UInt8(ascii: ">") { return true }
            i += 1
        }
        return false
    }

    /// Renders a whole Markdown document in safe mode.
    public static func markdownToHTML(_ markdown: String) -> String {
        var text = markdown
        return text.withUTF8 { buffer in
            guard
                let raw = cmark_markdown_to_html(
                    buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }, buffer.count, options)
            else { return "" }
            defer { free(raw) }
            return String(cString: raw)
        }
    }

    /// Renders an article. `directive` is asked about every top-level paragraph that is a single
    /// source line starting with `::` in column 1 and returns the HTML to put there (permdocs
    /// builds and escapes it). Headings get stable ids for links and the table of contents;
    /// `reservedIDs` are ids already used on the page (procedure anchors) that headings avoid.
    public static func renderDocument(_ markdown: String, reservedIDs: Set<String> = [], directive: (String, Int) -> String?) -> Document {
        var blocks: [[UInt8]] = []
        var text = markdown
        let body = text.withUTF8 { buffer in
            renderBody(
                buffer, reservedIDs: reservedIDs,
                directive: { line, number in
                    guard let html = directive(String(decoding: line, as: UTF8.self), number) else { return nil }
                    blocks.append(Array(html.utf8))
                    return blocks.count - 1
                }, blocks: { blocks[$0] })
        }
        return Document(html: String(decoding: body.html, as: UTF8.self), headings: body.headings)
    }

    /// An article body rendered for a page: the HTML, the headings with their ids, the targets of
    /// the links the author wrote, and which directive blocks it holds.
    struct RenderedBody {
        var html: [UInt8]
        /// Top-level headings (with ids), in order.
        var headings: [Heading]
        /// The `href` of every link cmark wrote, as written in the HTML (entities not decoded).
        var hrefs: [String]
        /// The directive blocks spliced in, by index, in order.
        var blocks: [Int]
    }

    static func renderBody(
        _ markdown: UnsafeBufferPointer<UInt8>, reservedIDs: Set<String>,
        directive: (UnsafeBufferPointer<UInt8>, Int) -> Int?, blocks: (Int) -> [UInt8]
    ) -> RenderedBody {
        let body = ArticleBody(
            [markdown], lines: markdown, reservedIDs: reservedIDs.sorted(), arena: CmarkArena(chunkSize: 64 << 10), directive: directive)
        var html: [UInt8] = []
        var hrefs: [String] = []
        body.write(into: &html, hrefs: &hrefs) { i, append in blocks(i).withUnsafeBufferPointer(append) }
        return RenderedBody(html: html, headings: body.headings, hrefs: hrefs, blocks: body.blocks)
    }

    /// An article parsed by cmark, its directive paragraphs replaced and its headings named, ready
    /// to be written into a page: one pass of cmark, and one pass over its output. Directive
    /// paragraphs become custom blocks holding a marker (`<` and U+0001, which cmark's own output
    /// cannot contain: it escapes every `<` of text and omits raw HTML), and the markers are
    /// replaced by the blocks' HTML while the output is copied. Every `<hN>` cmark writes is a
    /// heading node, in document order, so the ids go in during the same copy, as does collecting
    /// the links.
    public final class ArticleBody {
        private let tree: ParsedDocument
        /// Top-level headings with their ids, in order (the page's contents).
        public private(set) var headings: [Heading] = []
        /// The directive blocks the body holds, by index, in order.
        public private(set) var blocks: [Int] = []
        /// The id of every heading node in document order; nil for nested ones.
        private var ids: [String?] = []

        /// `directive` gets each candidate line (a one-line top-level paragraph starting with
        /// `::` in column 1, checked in the source so "\\:\\:…" never counts) and its line number,
        /// and returns the index of the block to put there, or nil to leave the paragraph.
        ///
        /// The Markdown comes in `pieces`, fed to cmark one after the other; `lines` holds the
        /// same lines (the article's source when only values without line breaks were spliced).
        ///
        /// cmark allocates everything in `arena` (`CmarkArena`): the body must be gone before the
        /// arena is reset.
        init(
            _ pieces: [UnsafeBufferPointer<UInt8>], lines markdown: UnsafeBufferPointer<UInt8>, reservedIDs: [String],
            arena: CmarkArena, directive: (UnsafeBufferPointer<UInt8>, Int) -> Int?
        ) {
            tree = ParsedDocument(pieces, arena: arena)
            arena.active { nameAndReplace(lines: markdown, reservedIDs: reservedIDs, directive: directive) }
        }

        /// Finds the directive paragraphs (replaced by block markers) and the headings (named).
        private func nameAndReplace(
            lines markdown: UnsafeBufferPointer<UInt8>, reservedIDs: [String],
            directive: (UnsafeBufferPointer<UInt8>, Int) -> Int?
        ) {
            var headingNodes: [(node: OpaquePointer, topLevel: Bool)] = []
            var directiveParagraphs: [(node: OpaquePointer, line: Int)] = []
            var containers: [OpaquePointer] = []
            headingNodes.reserveCapacity(32)
            directiveParagraphs.reserveCapacity(32)

            // Collect first: the tree must not change while it is walked. Only block containers
            // are entered; inline content is cmark's business.
            var child = cmark_node_first_child(tree.root)
            while let node = child {
                switch cmark_node_get_type(node) {
                case CMARK_NODE_PARAGRAPH:
                    let start = Int(cmark_node_get_start_line(node))
                    if start >= 1, start == Int(cmark_node_get_end_line(node)), cmark_node_get_start_column(node) == 1 {
                        directiveParagraphs.append((node, start))
                    }
                case CMARK_NODE_HEADING:
                    headingNodes.append((node, true))
                case CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_LIST:
                    collectNestedHeadings(node, into: &headingNodes, stack: &containers)
                default:
                    break
                }
                child = cmark_node_next(node)
            }

            if !directiveParagraphs.isEmpty, let base = markdown.baseAddress {
                var line = 1
                var offset = 0
                let n = markdown.count
                for (node, number) in directiveParagraphs {
                    while line < number, let newline = Bytes.find(UInt8(ascii: "\n"), in: base, from: offset, to: n) {
                        offset = newline + 1
                        line += 1
                    }
                    guard line == number, offset + 1 < n, base[offset] == UInt8(ascii: ":"), base[offset + 1] == UInt8(ascii: ":") else {
                        continue
                    }
                    let end = Bytes.find(UInt8(ascii: "\n"), in: base, from: offset, to: n) ?? n
                    guard let index = directive(UnsafeBufferPointer(rebasing: markdown[offset..<end]), number) else { continue }
                    replace(node, withHTML: "<\u{1}\(index)>", mem: tree.arena.mem)
                    blocks.append(index)
                }
            }

            // Ids for top-level headings, in order; nested ones keep none (not in the contents).
            // A page has a handful of ids, so a list beats a set.
            var used: [String] = []
            ids.reserveCapacity(headingNodes.count)
            for (node, topLevel) in headingNodes {
                guard topLevel else {
                    ids.append(nil)
                    continue
                }
                let level = Int(cmark_node_get_heading_level(node))
                let text = plainText(node)
                let base = slug(text)
                var id = base
                var k = 2
                while used.contains(id) || reservedIDs.contains(id) {
                    id = "\(base)-\(k)"
                    k += 1
                }
                used.append(id)
                ids.append(id)
                headings.append(Heading(level: level, id: id, text: text))
            }
        }

        /// Appends the body's HTML to `out`, with ids, blocks (`blocks(i)`) and links.
        /// `blocks(i, append)` hands block `i`'s bytes to `append`.
        public func write(into out: inout [UInt8], hrefs: inout [String], blocks: (Int, (UnsafeBufferPointer<UInt8>) -> Void) -> Void) {
            // The HTML is in the arena: it goes with the arena's reset, not with `free`.
            guard let raw = tree.arena.active({ cmark_render_html(tree.root, CommonMark.options) }) else { return }
            let count = strlen(raw)
            let start = out.count
            raw.withMemoryRebound(to: UInt8.self, capacity: count) { mp in
                let p = UnsafePointer(mp)
                out.reserveCapacity(out.count + count + 16384)
                var copied = 0
                var i = 0
                var headingIndex = 0
                while let at = Bytes.find(UInt8(ascii: "<"), in: p, from: i, to: count) {
                    i = at + 1
                    guard at + 3 < count else { break }
                    let next = p[at + 1]
                    if next == UInt8(ascii: "h"), p[at + 2] >= UInt8(ascii: "1"), p[at + 2] <= UInt8(ascii: "6"),
                        p[at + 3] == UInt8(ascii: ">")
                    {  // <hN>
                        defer { headingIndex += 1 }
                        guard headingIndex < ids.count, let id = ids[headingIndex] else { continue }
                        out.append(contentsOf: UnsafeBufferPointer(start: p + copied, count: at + 3 - copied))
                        out.append(contentsOf: " id=\"".utf8)
                        out.append(contentsOf: id.utf8)
                        out.append(UInt8(ascii: "\""))
                        copied = at + 3
                    } else if next == 1 {  // <\u{1}N>
                        var j = at + 2
                        var index = 0
                        while j < count, ASCII.isDigit(p[j]) {
                            index = index * 10 + ASCII.digitValue(p[j])
                            j += 1
                        }
                        guard j < count, p[j] == UInt8(ascii: ">") else { continue }
                        out.append(contentsOf: UnsafeBufferPointer(start: p + copied, count: at - copied))
                        blocks(index) { out.append(contentsOf: $0) }
                        copied = j + 1
                        // cmark ended the marker's line; with the block in its place, that line
                        // break is only there if the block did not end its own line (`cr()`).
                        if copied < count, p[copied] == UInt8(ascii: "\n"), out.count == start || out.last == UInt8(ascii: "\n") {
                            copied += 1
                        }
                        i = copied
                    } else if next == UInt8(ascii: "a"), at + 9 < count, CommonMark.holds("<a href=\"", in: p, at: at) {  // <a href="
                        let valueStart = at + 9
                        let end = Bytes.find(UInt8(ascii: "\""), in: p, from: valueStart, to: count) ?? count
                        hrefs.append(String(decoding: UnsafeBufferPointer(start: p + valueStart, count: end - valueStart), as: UTF8.self))
                        i = end
                    }
                }
                out.append(contentsOf: UnsafeBufferPointer(start: p + copied, count: count - copied))
            }
        }
    }

    /// Headings inside block quotes and lists, in document order (they render as `<hN>` too).
    private static func collectNestedHeadings(
        _ container: OpaquePointer, into headings: inout [(node: OpaquePointer, topLevel: Bool)], stack: inout [OpaquePointer]
    ) {
        var child = cmark_node_first_child(container)
        while let node = child {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING: headings.append((node, false))
            case CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_LIST, CMARK_NODE_ITEM: collectNestedHeadings(node, into: &headings, stack: &stack)
            default: break
            }
            child = cmark_node_next(node)
        }
    }

    // MARK: - Slugs

    /// A URL fragment from heading text: lowercase ASCII letters and digits joined by '-'.
    public static func slug(_ text: String) -> String {
        var text = text
        if let ascii = text.withUTF8({ bytes -> String? in
            // ASCII (most headings): the same mapping on bytes.
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            // Written straight into the string's storage (never longer than the text).
            let slug = String(unsafeUninitializedCapacity: max(1, bytes.count)) { out in
                var n = 0
                var pendingDash = false
                for b in bytes {
                    let c = ASCII.lowercased(b)
                    if ASCII.isLower(c) || ASCII.isDigit(c) {
                        if pendingDash && n > 0 {
                            out[n] = UInt8(ascii: "-")
                            n += 1
                        }
                        pendingDash = false
                        out[n] = c
                        n += 1
                    } else {
                        pendingDash = true
                    }
                }
                return n
            }
            return slug.isEmpty ? "section" : slug
        }) {
            return ascii
        }
        var out = ""
        var pendingDash = false
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingDash && !out.isEmpty { out.append("-") }
                pendingDash = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return out.isEmpty ? "section" : out
    }

    /// Whether the bytes at `p + at` are `text` (the caller checked there are enough of them).
    @inline(__always)
    fileprivate static func holds(_ text: StaticString, in p: UnsafePointer<UInt8>, at: Int) -> Bool {
        for k in 0..<text.utf8CodeUnitCount where p[at + k] != text.utf8Start[k] { return false }
        return true
    }

    // MARK: - cmark plumbing

    private static func replace(_ node: OpaquePointer, withHTML html: String, mem: UnsafeMutablePointer<cmark_mem>) {
        guard let block = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, mem) else { return }
        _ = html.withCString { cmark_node_set_on_enter(block, $0) }
        _ = cmark_node_replace(node, block)
        cmark_node_free(node)
    }

    /// Where a document has code, as cmark parses it: the literal of every code span and of
    /// every code block (fenced or indented), in document order. What an article puts into code
    /// is found by looking for it here, so "inside code" means exactly what cmark renders as code.
    public static func codeLiterals(_ markdown: UnsafeBufferPointer<UInt8>) -> (spans: [[UInt8]], blocks: [[UInt8]]) {
        var spans: [[UInt8]] = []
        var blocks: [[UInt8]] = []
        guard let base = markdown.baseAddress,
            let root = cmark_parse_document(UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), markdown.count, options)
        else { return ([], []) }
        defer { cmark_node_free(root) }
        guard let iterator = cmark_iter_new(root) else { return ([], []) }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_CODE || type == CMARK_NODE_CODE_BLOCK, let literal = cmark_node_get_literal(node) else { continue }
            let bytes = Array(UnsafeRawBufferPointer(start: literal, count: strlen(literal)))
            if type == CMARK_NODE_CODE { spans.append(bytes) } else { blocks.append(bytes) }
        }
        return (spans, blocks)
    }

    /// The text of a heading: its text and code literals, line breaks as spaces, in order.
    static func plainText(_ node: OpaquePointer) -> String {
        var text: [UInt8] = []
        appendText(of: node, to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    private static func appendText(of node: OpaquePointer, to text: inout [UInt8]) {
        var child = cmark_node_first_child(node)
        while let current = child {
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(current) {
                    text.append(contentsOf: UnsafeRawBufferPointer(start: literal, count: strlen(literal)))
                }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text.append(UInt8(ascii: " "))
            default:
                appendText(of: current, to: &text)
            }
            child = cmark_node_next(current)
        }
    }
}

/// A parsed cmark document whose every block is in `arena`; the arena's `reset` lets it go and
/// checks it is gone (`liveDocuments`), so no node outlives its memory.
private final class ParsedDocument {
    let root: OpaquePointer
    let arena: CmarkArena

    /// The document made of `pieces` in order, streamed to cmark's parser without joining them.
    init(_ pieces: [UnsafeBufferPointer<UInt8>], arena: CmarkArena) {
        self.arena = arena
        root = arena.active {
            let parser = cmark_parser_new_with_mem(CommonMark.options, arena.mem)
            defer { cmark_parser_free(parser) }
            for piece in pieces where piece.count > 0 {
                piece.baseAddress.map { cmark_parser_feed(parser, UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self), piece.count) }
            }
            return cmark_parser_finish(parser)
        }
        arena.liveDocuments += 1
    }

    deinit { arena.liveDocuments -= 1 }
}

/// The module's entry point for pages: renders article bodies on any number of threads, each
/// parse drawing on an arena of its own core (`CmarkArena`), given back reset when the page is
/// done with the body.
public final class ArticleRenderer: Sendable {
    private let arenas = CmarkArenaPool()

    public init() {}

    /// Parses an article (see `CommonMark.ArticleBody.init`) and hands it to `use`; the body and
    /// all of cmark's memory for it are gone when `use` returns, so `use` must not keep it.
    public func withBody<R>(
        _ pieces: [UnsafeBufferPointer<UInt8>], lines: UnsafeBufferPointer<UInt8>, reservedIDs: [String],
        directive: (UnsafeBufferPointer<UInt8>, Int) -> Int?, _ use: (CommonMark.ArticleBody) -> R
    ) -> R {
        arenas.withArena { arena in
            use(CommonMark.ArticleBody(pieces, lines: lines, reservedIDs: reservedIDs, arena: arena, directive: directive))
        }
    }
}
