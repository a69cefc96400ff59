/// An article body rendered for a page: the HTML, the headings with their ids, the targets of the
/// links the author wrote, and which directive blocks it holds.
public struct RenderedArticle: Sendable {
    public let html: [UInt8]
    /// Top-level headings (with ids), in order.
    public let headings: [CommonMark.Heading]
    /// The `href` of every link cmark wrote, as written in the HTML (entities not decoded).
    public let hrefs: [String]
    /// The directive blocks spliced in, by index, in order.
    public let blocks: [Int]
    /// The work of naming the headings (`HeadingIDs.probes`), for tests.
    package let idProbes: Int
}

/// The module's entry point for pages: renders article bodies on any number of threads, each
/// parse drawing on an arena of its own core (`CmarkArena`), given back reset once the body is
/// copied out. cmark's nodes, its output and every pointer into them stay inside this module: a
/// page gets a value.
public final class ArticleRenderer: Sendable {
    private let arenas = CmarkArenaPool()

    public init() {}

    /// Renders the Markdown made of `pieces` (in order; see `CommonMark.ArticleBody.init`).
    /// `lines` holds the same lines (the article's source when only values without line breaks
    /// were spliced); `directive` gets each candidate directive line and its number and returns
    /// the index of the block in `blocks` to put there, or nil to leave the paragraph;
    /// `reservedIDs` says which ids the page has already (headings avoid them).
    ///
    /// The HTML is copied out of cmark's arena once, with the heading ids and the blocks spliced
    /// in on the way (a copy the size of the body, against cmark's parse and render of it).
    public func render(
        _ pieces: [ArraySlice<UInt8>], lines: [UInt8], reservedIDs: (String) -> Bool,
        directive: (ArraySlice<UInt8>, Int) -> Int?, blocks: [[UInt8]]
    ) -> RenderedArticle {
        arenas.withArena { arena in
            lines.withUnsafeBufferPointer { buffer in
                let body = CommonMark.ArticleBody(pieces, lines: buffer, reservedIDs: reservedIDs, arena: arena) { line, number in
                    let start = buffer.baseAddress.map { line.baseAddress! - $0 } ?? 0
                    return directive(lines[start..<(start + line.count)], number)
                }
                return CommonMark.copy(body) { blocks[$0] }
            }
        }
    }
}

extension CommonMark {
    /// An article (or any Markdown) through the page path with an arena of its own: for tests
    /// and tools.
    static func renderBody(
        _ markdown: [UInt8], reservedIDs: Set<String>, directive: (ArraySlice<UInt8>, Int) -> Int?, blocks: (Int) -> [UInt8]
    ) -> RenderedArticle {
        markdown.withUnsafeBufferPointer { buffer in
            let body = ArticleBody(
                [markdown[...]], lines: buffer, reservedIDs: { reservedIDs.contains($0) }, arena: CmarkArena(chunkSize: 64 << 10)
            ) { line, number in
                let start = buffer.baseAddress.map { line.baseAddress! - $0 } ?? 0
                return directive(markdown[start..<(start + line.count)], number)
            }
            return copy(body, blocks: blocks)
        }
    }

    /// The body's HTML, with ids and blocks, and what it holds, out of the arena.
    fileprivate static func copy(_ body: ArticleBody, blocks: (Int) -> [UInt8]) -> RenderedArticle {
        var html: [UInt8] = []
        var hrefs: [String] = []
        body.write(into: &html, hrefs: &hrefs) { i, append in blocks(i).withUnsafeBufferPointer(append) }
        return RenderedArticle(html: html, headings: body.headings, hrefs: hrefs, blocks: body.blocks, idProbes: body.idProbes)
    }
}
