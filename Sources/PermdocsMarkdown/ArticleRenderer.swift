import PermdocsSupport

extension CommonMark {
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
        /// The work of naming the headings (`HeadingIDs.probes`).
        var idProbes: Int
    }

    static func renderBody(
        _ markdown: UnsafeBufferPointer<UInt8>, reservedIDs: Set<String>,
        directive: (UnsafeBufferPointer<UInt8>, Int) -> Int?, blocks: (Int) -> [UInt8]
    ) -> RenderedBody {
        let body = ArticleBody(
            [markdown], lines: markdown, reservedIDs: { reservedIDs.contains($0) }, arena: CmarkArena(chunkSize: 64 << 10),
            directive: directive)
        var html: [UInt8] = []
        var hrefs: [String] = []
        body.write(into: &html, hrefs: &hrefs) { i, append in blocks(i).withUnsafeBufferPointer(append) }
        return RenderedBody(html: html, headings: body.headings, hrefs: hrefs, blocks: body.blocks, idProbes: body.idProbes)
    }
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
        _ pieces: [UnsafeBufferPointer<UInt8>], lines: UnsafeBufferPointer<UInt8>, reservedIDs: (String) -> Bool,
        directive: (UnsafeBufferPointer<UInt8>, Int) -> Int?, _ use: (CommonMark.ArticleBody) -> R
    ) -> R {
        arenas.withArena { arena in
            use(CommonMark.ArticleBody(pieces, lines: lines, reservedIDs: reservedIDs, arena: arena, directive: directive))
        }
    }
}
