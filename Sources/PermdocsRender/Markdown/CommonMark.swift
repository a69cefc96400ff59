internal import CCmark
import Foundation

/// Markdown → HTML through libcmark, always in safe mode: `CMARK_OPT_UNSAFE` is never set, so raw
/// HTML typed by an author is replaced by a comment and `javascript:`, `vbscript:`, `file:` and
/// non-image `data:` link targets are emptied. The C node types never leave this file.
public enum CommonMark {
    /// cmark's defaults: safe. Smart punctuation is off so text is exactly what the author wrote.
    static let options: Int32 = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8

    /// One heading of a rendered document, for a table of contents.
    public struct Heading: Sendable, Equatable {
        public var level: Int
        public var id: String
        public var text: String
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
            let inner = html.dropFirst(3).dropLast(5)
            if !inner.contains("<p>") { return String(inner) }
        }
        return html.hasSuffix("\n") ? String(html.dropLast()) : html
    }

    /// Renders a whole Markdown document in safe mode.
    public static func markdownToHTML(_ markdown: String) -> String {
        var text = markdown
        return text.withUTF8 { buffer in
            guard let raw = cmark_markdown_to_html(buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }, buffer.count, options) else { return "" }
            defer { free(raw) }
            return String(cString: raw)
        }
    }

    /// Renders an article. `directive` is asked about every top-level paragraph that is a single
    /// source line starting with `::` in column 1 and returns the HTML to put there (permdocs
    /// builds and escapes it). Headings get stable ids for links and the table of contents;
    /// `reservedIDs` are ids already used on the page (procedure anchors) that headings avoid.
    public static func renderDocument(_ markdown: String, reservedIDs: Set<String> = [], directive: (String, Int) -> String?) -> Document {
        let tree = ParsedDocument(markdown)
        let utf8 = Array(markdown.utf8)
        var usedIDs = reservedIDs
        var headings: [Heading] = []

        // Collect first: the tree must not change while cmark iterates over it.
        var paragraphs: [OpaquePointer] = []
        var headingNodes: [OpaquePointer] = []
        var child = cmark_node_first_child(tree.root)
        while let node = child {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_PARAGRAPH: paragraphs.append(node)
            case CMARK_NODE_HEADING: headingNodes.append(node)
            default: break
            }
            child = cmark_node_next(node)
        }

        // Line starts are found only when a paragraph could be a directive.
        var lineStarts: [Int]?
        func line(_ number: Int) -> String? {
            if lineStarts == nil {
                var starts = [0]
                for (i, b) in utf8.enumerated() where b == 10 { starts.append(i + 1) }
                lineStarts = starts
            }
            let starts = lineStarts!
            guard number >= 1, number <= starts.count else { return nil }
            let a = starts[number - 1]
            let b = number < starts.count ? starts[number] - 1 : utf8.count
            return String(decoding: utf8[a..<max(a, b)], as: UTF8.self)
        }
        for node in paragraphs {
            let start = Int(cmark_node_get_start_line(node)), end = Int(cmark_node_get_end_line(node))
            guard start == end, start >= 1 else { continue }
            // A paragraph that cmark started in column 1 with "::"; checked in the source, so an
            // escaped value ("\\:\\:…") never counts.
            guard Int(cmark_node_get_start_column(node)) == 1, let text = line(start), text.hasPrefix("::") else { continue }
            guard let html = directive(text, start) else { continue }
            replace(node, withHTML: html)
        }

        for node in headingNodes {
            let level = Int(cmark_node_get_heading_level(node))
            let text = plainText(node)
            let id = uniqueID(slug(text), used: &usedIDs)
            var html = render(node)
            let open = "<h\(level)>"
            if html.hasPrefix(open) {
                html = "<h\(level) id=\"\(id)\">" + html.dropFirst(open.count)
            }
            if html.hasSuffix("\n") { html.removeLast() }
            headings.append(Heading(level: level, id: id, text: text))
            replace(node, withHTML: html)
        }
        return Document(html: render(tree.root), headings: headings)
    }

    // MARK: - Slugs

    /// A URL fragment from heading text: lowercase ASCII letters and digits joined by '-'.
    public static func slug(_ text: String) -> String {
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

    static func uniqueID(_ base: String, used: inout Set<String>) -> String {
        var id = base
        var n = 2
        while used.contains(id) {
            id = "\(base)-\(n)"
            n += 1
        }
        used.insert(id)
        return id
    }

    // MARK: - cmark plumbing

    private static func replace(_ node: OpaquePointer, withHTML html: String) {
        guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
        _ = html.withCString { cmark_node_set_on_enter(block, $0) }
        _ = cmark_node_replace(node, block)
        cmark_node_free(node)
    }

    private static func render(_ node: OpaquePointer) -> String {
        guard let raw = cmark_render_html(node, options) else { return "" }
        defer { free(raw) }
        return String(cString: raw)
    }

    private static func plainText(_ node: OpaquePointer) -> String {
        var text = ""
        guard let iter = cmark_iter_new(node) else { return "" }
        defer { cmark_iter_free(iter) }
        while true {
            let event = cmark_iter_next(iter)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iter) else { continue }
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(current) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default:
                break
            }
        }
        return text
    }
}

/// Owns a parsed cmark document; `deinit` frees the tree, so no exit path leaks it.
private final class ParsedDocument {
    let root: OpaquePointer

    init(_ markdown: String) {
        var text = markdown
        root = text.withUTF8 { buffer in
            let bytes = buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            return cmark_parse_document(bytes, buffer.count, CommonMark.options)
        }
    }

    deinit { cmark_node_free(root) }
}
