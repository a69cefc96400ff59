import Testing
@testable import PermdocsMarkdown

/// cmark's memory in a bump arena must give exactly what cmark gives with malloc, whatever the
/// chunk size, across resets that reuse dirty memory.
@Suite("cmark arena")
struct CmarkArenaTests {
    /// A document much bigger than a 4 KB chunk: nodes, text and the growing output buffer
    /// spill over many chunks, and `realloc` copies across them.
    static let bigDocument: String = (0..<600).map { i in
        "## Section \(i)\n\nSome *emphasis* and **strong** text with a [link](https://example.com/\(i)) and `code \(i)`.\n\n- item \(i)\n- item with <b>raw</b> html\n\n> quote \(i)\n"
    }.joined(separator: "\n")

    private func render(_ markdown: String, in arena: CmarkArena) -> String {
        var markdown = markdown
        return markdown.withUTF8 { b in
            let body = CommonMark.ArticleBody([ArraySlice(b)], lines: b, reservedIDs: { _ in false }, arena: arena) { _, _ in nil }
            var html: [UInt8] = []
            var hrefs: [String] = []
            body.write(into: &html, hrefs: &hrefs) { _, _ in }
            // Heading ids go in while copying; take them out to compare with cmark alone.
            return String(decoding: html, as: UTF8.self).replacing(#/ id="[a-z0-9-]+"/#, with: "")
        }
    }

    @Test func smallChunksRenderWhatMallocRenders() {
        let expected = CommonMark.markdownToHTML(Self.bigDocument)
        for chunk in [4096, 64 << 10, 1 << 20] {
            let arena = CmarkArena(chunkSize: chunk)
            #expect(render(Self.bigDocument, in: arena) == expected, "chunk \(chunk)")
            arena.reset()
        }
    }

    /// After a reset the memory is reused (and dirty): `calloc` must still hand out zeros, and the
    /// kept chunk grows to hold the biggest document seen.
    @Test func resetReusesMemoryAndGrowsTheFirstChunk() {
        let arena = CmarkArena(chunkSize: 4096)
        let small = "Just *one* paragraph.\n"
        #expect(render(Self.bigDocument, in: arena) == CommonMark.markdownToHTML(Self.bigDocument))
        let big = arena.bytesInUse
        #expect(big > 4096)
        arena.reset()
        #expect(arena.bytesInUse == CmarkArena.header)
        for _ in 0..<3 {
            #expect(render(small, in: arena) == CommonMark.markdownToHTML(small))
            arena.reset()
            #expect(render(Self.bigDocument, in: arena) == CommonMark.markdownToHTML(Self.bigDocument))
            arena.reset()
        }
    }

    @Test func reallocGrowsTheNewestBlockInPlaceAndCopiesOthers() {
        let arena = CmarkArena(chunkSize: 4096)
        arena.active {
            let s = CmarkArena.current()
            let a = CmarkArena.allocate(s, 10)
            #expect(Int(bitPattern: a) % 16 == 0)
            #expect(CmarkArena.owner(of: a) == s)
            for i in 0..<10 { a.storeBytes(of: UInt8(i), toByteOffset: i, as: UInt8.self) }
            // The newest block grows where it is.
            #expect(CmarkArena.reallocate(s, a, 1000) == a)
            let b = CmarkArena.allocate(s, 24)
            #expect(b == a + 1008 + CmarkArena.header)
            // No longer the newest: it moves, its bytes with it.
            let moved = CmarkArena.reallocate(s, a, 2000)
            #expect(moved != a && moved > b)
            #expect((0..<10).allSatisfy { moved.load(fromByteOffset: $0, as: UInt8.self) == UInt8($0) })
            // Shrinking an older block keeps it.
            #expect(CmarkArena.reallocate(s, b, 8) == b)
            // Freeing the newest block takes its bytes back; freeing another waits for reset.
            let before = arena.bytesInUse
            let c = CmarkArena.allocate(s, 100)
            CmarkArena.release(s, c)
            #expect(arena.bytesInUse == before)
            CmarkArena.release(s, b)
            #expect(arena.bytesInUse == before)
            // A block bigger than a chunk gets a chunk of its own.
            let huge = CmarkArena.allocate(s, 100_000)
            huge.initializeMemory(as: UInt8.self, repeating: 7, count: 100_000)
            #expect(arena.bytesInUse > 100_000)
        }
        arena.reset()
        #expect(arena.bytesInUse == CmarkArena.header)
    }
}
