import PermdocsLinks
import PermdocsMarkdown
import PermdocsSupport
import PermdocsTemplates
import Foundation

/// Renders the page layout fast without changing a byte of it.
///
/// The layout's output depends on a page's *shape* — its conditions (`has_toc`, `printable`, the
/// `current` navigation item) and list lengths (`toc`) — and otherwise only on text that
/// the renderer prints: the strict checker forbids sections over text, and an inverted section
/// over a string does not look at its value. So the layout is rendered once per shape with
/// sentinel values (private-use characters that no escaping touches), cut into literal pieces and
/// value slots, and each page fills the slots with its own values, escaped exactly as `{{name}}`
/// would escape them (`content` is HTML and goes in raw). A page whose values contain the
/// sentinel character is rendered the ordinary way.
final class LayoutCache: @unchecked Sendable {
    private let layout: Layout
    /// Each shape's pieces and the handle on its links.
    private let shapes = Locked<[Key: (links: SharedLinks, pieces: [Piece])]>([:])
    /// Where the shapes' own links (navigation, skip link, stylesheet) are read, once per shape.
    private let links: SharedLinkTable
    /// Every id the layout's own markup defines, in any shape (`main`, …): a page's other ids
    /// must avoid them.
    let ids: Set<String>

    enum Piece {
        /// Bytes owned by the cache, at a fixed address: pages copy them without retaining.
        case literal(UnsafeBufferPointer<UInt8>)
        /// The page's text value `n` (see `page`), escaped.
        case text(Int)
        /// The page's body, raw.
        case content
    }

    /// Every literal's bytes, freed with the cache.
    private let literals = ByteStore()

    /// A text value's sentinel is `mark`, its number, `end`; the body's has no number.
    static let mark = "\u{E000}"
    static let end = "\u{E001}"
    static let contentSentinel = mark + end

    init(layout: Layout, links: SharedLinkTable) {
        self.layout = layout
        self.links = links
        var ids: Set<String> = []
        for toc in [0, 1] {
            for printable in [false, true] {
                let heading = CommonMark.Heading(level: 2, id: Self.contentSentinel, text: Self.contentSentinel)
                let rendered = layout.page(
                    "\u{E002}none", title: "", description: "", kind: "", body: "", toc: Array(repeating: heading, count: toc),
                    printable: printable)
                ids.formUnion(HTMLScan.links(in: rendered.bytes).ids.filter { !Self.holdsMark($0) })
            }
        }
        self.ids = ids
    }

    /// The page for `href` around `body`, and the handle on its shape's links; nil when the page
    /// was rendered the ordinary way (the caller reads it whole).
    func page(
        _ href: String, title: String, description: String, kind: String, body: [UInt8], toc: [CommonMark.Heading], printable: Bool
    ) -> (file: OutputFile, shape: SharedLinks?) {
        page(href, title: title, description: description, kind: kind, toc: toc, printable: printable) { $0.append(contentsOf: body) }
    }

    /// The same, with `writeBody` appending the body straight into the page.
    ///
    /// The body is never looked at: it fills its place as raw HTML. Only the short text values
    /// are checked for the sentinel, since the layout would print them where they stand.
    func page(
        _ href: String, title: String, description: String, kind: String, toc: [CommonMark.Heading], printable: Bool,
        writeBody: (inout [UInt8]) -> Void
    ) -> (file: OutputFile, shape: SharedLinks?) {
        // The text values, numbered as their sentinels: title, description, kind, then each toc
        // item's id and title.
        var values = [title, description, kind]
        for h in toc { values += [h.id, h.text] }
        if values.contains(where: Self.holdsMark) {
            var body: [UInt8] = []
            writeBody(&body)
            let file = layout.page(
                href, title: title, description: description, kind: kind, body: String(decoding: body, as: UTF8.self), toc: toc,
                printable: printable)
            return (file, nil)
        }
        let current = layout.nav.firstIndex { $0.href == href } ?? -1
        let (shapeLinks, pieces) = shape(Key(toc: toc.count, printable: printable, current: current)) {
            var number = 0
            func sentinel() -> String {
                defer { number += 1 }
                return "\(Self.mark)\(number)\(Self.end)"
            }
            let (title, description, kind) = (sentinel(), sentinel(), sentinel())
            var sentinelToc: [CommonMark.Heading] = []
            for _ in 0..<toc.count { sentinelToc.append(CommonMark.Heading(level: 2, id: sentinel(), text: sentinel())) }
            let currentHref = current >= 0 ? layout.nav[current].href : "\u{E002}none"
            let rendered = layout.page(
                currentHref, title: title, description: description, kind: kind, body: Self.contentSentinel, toc: sentinelToc,
                printable: printable)
            // The shape's own links and ids; those holding a slot are the table of contents,
            // whose targets are the page's own headings.
            return (self.own(Self.cut(rendered.bytes)), links.add(rendered.bytes, dropping: Self.holdsMark))
        }
        var out: [UInt8] = []
        out.reserveCapacity(32768)
        for piece in pieces {
            switch piece {
            case .literal(let bytes): out.append(contentsOf: bytes)
            case .content: writeBody(&out)
            case .text(let n): HTMLEscaping.append(values[n], into: &out)
            }
        }
        return (OutputFile(path: href, bytes: out), shapeLinks)
    }

    /// What a page's layout depends on besides its text values.
    struct Key: Hashable {
        var toc: Int
        var printable: Bool
        var current: Int
    }

    private func shape(_ key: Key, _ make: () -> ([Piece], SharedLinks)) -> (SharedLinks, [Piece]) {
        if let cached = shapes.withLock({ $0[key] }) { return cached }
        let (pieces, links) = make()
        return shapes.withLock { shapes in
            if let cached = shapes[key] { return cached }
            shapes[key] = (links, pieces)
            return (links, pieces)
        }
    }

    /// Whether `s` holds U+E000 (UTF-8 EE 80 80), with memchr over the contiguous bytes: iterating
    /// `String.utf8` or Foundation's `contains` are each far slower on a whole page.
    static func holdsMark(_ s: String) -> Bool {
        var s = s
        return s.withUTF8(holdsMark)
    }

    static func holdsMark(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard var p = buffer.baseAddress else { return false }
        var left = buffer.count
        while left >= 3, let hit = memchr(p, 0xEE, left) {
            let q = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self))
            let offset = q - p
            if offset + 3 <= left, q[1] == 0x80, q[2] == 0x80 { return true }
            p = q + 1
            left -= offset + 1
        }
        return false
    }

    /// A piece of a rendered shape, before its literals are owned by the cache.
    enum Cut: Equatable {
        case literal([UInt8])
        case text(Int)
        case content
    }

    /// Copies the literals of `pieces` into storage the cache owns.
    private func own(_ pieces: [Cut]) -> [Piece] {
        pieces.map { piece in
            switch piece {
            case .literal(let bytes): .literal(literals.add(bytes))
            case .text(let n): .text(n)
            case .content: .content
            }
        }
    }

    /// Splits rendered bytes at sentinels: `\u{E000}N\u{E001}` (text value N) and
    /// `\u{E000}\u{E001}` (the body).
    static func cut(_ bytes: [UInt8]) -> [Cut] {
        let mark = Array(Self.mark.utf8)
        let end = Array(Self.end.utf8)
        let zero = UInt8(ascii: "0")
        let nine = UInt8(ascii: "9")
        var pieces: [Cut] = []
        var literal: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == mark[0], i + mark.count <= bytes.count, Array(bytes[i..<(i + mark.count)]) == mark {
                var j = i + mark.count
                var n = 0
                while j < bytes.count, bytes[j] >= zero, bytes[j] <= nine {
                    n = n * 10 + Int(bytes[j] - zero)
                    j += 1
                }
                if j + end.count <= bytes.count, Array(bytes[j..<(j + end.count)]) == end {
                    pieces.append(.literal(literal))
                    literal = []
                    pieces.append(j == i + mark.count ? .content : .text(n))
                    i = j + end.count
                    continue
                }
            }
            literal.append(bytes[i])
            i += 1
        }
        pieces.append(.literal(literal))
        return pieces
    }
}
