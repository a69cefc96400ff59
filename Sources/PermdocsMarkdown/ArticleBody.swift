internal import CCmark
import PermdocsSupport
import Foundation

extension CommonMark {
    /// An article parsed by cmark, its directive paragraphs replaced and its headings named, ready
    /// to be written into a page: one pass of cmark, and one pass over its output. Directive
    /// paragraphs become custom blocks holding a marker (`<` and U+0001, which cmark's own output
    /// cannot contain: it escapes every `<` of text and omits raw HTML), and the markers are
    /// replaced by the blocks' HTML while the output is copied. Every `<hN>` cmark writes is a
    /// heading node, in document order, so the ids go in during the same copy, as does collecting
    /// the links.
    final class ArticleBody {
        private let tree: ParsedDocument
        /// Top-level headings with their ids, in order (the page's contents).
        private(set) var headings: [Heading] = []
        /// The directive blocks the body holds, by index, in order.
        private(set) var blocks: [Int] = []
        /// The id of every heading node in document order; nil for nested ones.
        private var ids: [String?] = []
        /// The work of naming the headings (`HeadingIDs.probes`), for tests.
        package private(set) var idProbes = 0

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
            _ pieces: [ArraySlice<UInt8>], lines markdown: UnsafeBufferPointer<UInt8>, reservedIDs: (String) -> Bool,
            arena: CmarkArena, directive: (UnsafeBufferPointer<UInt8>, Int) -> Int?
        ) {
            tree = ParsedDocument(pieces, arena: arena)
            arena.active { nameAndReplace(lines: markdown, reservedIDs: reservedIDs, directive: directive) }
        }

        /// Finds the directive paragraphs (replaced by block markers) and the headings (named).
        private func nameAndReplace(
            lines markdown: UnsafeBufferPointer<UInt8>, reservedIDs: (String) -> Bool,
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
            var names = HeadingIDs()
            ids.reserveCapacity(headingNodes.count)
            for (node, topLevel) in headingNodes {
                guard topLevel else {
                    ids.append(nil)
                    continue
                }
                let level = Int(cmark_node_get_heading_level(node))
                let text = plainText(node)
                let id = names.id(for: slug(text), reserved: reservedIDs)
                ids.append(id)
                headings.append(Heading(level: level, id: id, text: text))
            }
            idProbes = names.probes
        }

        /// Appends the body's HTML to `out`, with ids, blocks (`blocks(i)`) and links.
        /// `blocks(i, append)` hands block `i`'s bytes to `append`.
        func write(into out: inout [UInt8], hrefs: inout [String], blocks: (Int, (UnsafeBufferPointer<UInt8>) -> Void) -> Void) {
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
    static func collectNestedHeadings(
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
}

/// A parsed cmark document whose every block is in `arena`; the arena's `reset` lets it go and
/// checks it is gone (`liveDocuments`), so no node outlives its memory.
final class ParsedDocument {
    let root: OpaquePointer
    let arena: CmarkArena

    /// The document made of `pieces` in order, streamed to cmark's parser without joining them
    /// (cmark keeps nothing of a piece once it is fed).
    init(_ pieces: [ArraySlice<UInt8>], arena: CmarkArena) {
        self.arena = arena
        root = arena.active {
            let parser = cmark_parser_new_with_mem(CommonMark.options, arena.mem)
            defer { cmark_parser_free(parser) }
            for piece in pieces where piece.count > 0 {
                piece.withUnsafeBufferPointer { b in
                    b.baseAddress.map { cmark_parser_feed(parser, UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self), b.count) }
                }
            }
            return cmark_parser_finish(parser)
        }
        arena.liveDocuments += 1
    }

    deinit { arena.liveDocuments -= 1 }
}
