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
    static let options: Int32 = CMARK_OPT_DEFAULT

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
        /// The work of naming the headings (`HeadingIDs.probes`), for tests.
        package var idProbes = 0
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
    /// `reservedIDs` are ids already used on the page (its layout's and blocks') that headings avoid.
    public static func renderDocument(_ markdown: String, reservedIDs: Set<String> = [], directive: (String, Int) -> String?) -> Document {
        var blocks: [[UInt8]] = []
        let body = renderBody(
            Array(markdown.utf8), reservedIDs: reservedIDs,
            directive: { line, number in
                guard let html = directive(String(decoding: line, as: UTF8.self), number) else { return nil }
                blocks.append(Array(html.utf8))
                return blocks.count - 1
            }, blocks: { blocks[$0] })
        return Document(html: String(decoding: body.html, as: UTF8.self), headings: body.headings, idProbes: body.idProbes)
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
    static func holds(_ text: StaticString, in p: UnsafePointer<UInt8>, at: Int) -> Bool {
        for k in 0..<text.utf8CodeUnitCount where p[at + k] != text.utf8Start[k] { return false }
        return true
    }

    // MARK: - cmark plumbing

    static func replace(_ node: OpaquePointer, withHTML html: String, mem: UnsafeMutablePointer<cmark_mem>) {
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
