import PermdocsSupport
import Foundation

/// A relative link as the link check sees it; nil for what is not the site's to check (empty,
/// a scheme, `//host`).
enum Link {
    case local(Substring)
    case other(raw: String, target: String, fragment: Substring?)

    init?(_ raw: String) {
        // One pass over the bytes: any ':' (a scheme), '&' (an entity), a leading '//'.
        var scanned = raw
        let (skip, hasEntity) = scanned.withUTF8 { b -> (Bool, Bool) in
            guard let base = b.baseAddress, b.count > 0 else { return (true, false) }
            let slash = UInt8(ascii: "/")
            if b.count >= 2, base[0] == slash, base[1] == slash { return (true, false) }
            if memchr(base, Int32(UInt8(ascii: ":")), b.count) != nil { return (true, false) }
            return (false, memchr(base, Int32(UInt8(ascii: "&")), b.count) != nil)
        }
        if skip { return nil }
        let href = hasEntity ? raw.replacingOccurrences(of: "&amp;", with: "&") : raw
        // '#' and '?' are ASCII, so their UTF-8 positions are valid string indices.
        guard let hash = href.utf8.firstIndex(of: UInt8(ascii: "#")) else {
            self = .other(raw: raw, target: Self.path(href[...]), fragment: nil)
            return
        }
        let before = href[..<hash]
        let fragment = href[href.utf8.index(after: hash)...]
        if before.isEmpty {
            self = .local(fragment)
        } else {
            self = .other(raw: raw, target: Self.path(before), fragment: fragment)
        }
    }

    /// The file part of a link: up to a '?'.
    private static func path(_ s: Substring) -> String {
        String(s.utf8.firstIndex(of: UInt8(ascii: "?")).map { s[..<$0] } ?? s)
    }
}

/// Every way a link can be broken, and its message: the one table of them.
enum BrokenLink {
    /// The link names a file the site does not have.
    case noPage(raw: String, target: String)
    /// The link's fragment names no element of its page.
    case noElement(raw: String, page: String, fragment: Substring)

    var message: String {
        switch self {
        case .noPage(let raw, let target): "link to '\(raw)': no page '\(target)' in the site"
        case .noElement(let raw, let page, let fragment): "link to '\(raw)': '\(page)' has no element with id '\(fragment)'"
        }
    }
}

/// A page's own ids: an article's few heading ids as a list, a whole page's as a set.
enum PageIDs: Sendable {
    case list([String])
    case set(Set<String>)

    func contains(_ id: String) -> Bool {
        switch self {
        case .list(let ids): ids.contains(id)
        case .set(let ids): ids.contains(id)
        }
    }
}

/// The ids a piece of HTML defines and the hrefs it links to.
struct LinkSet: Sendable {
    var ids: Set<String> = []
    var hrefs: [String] = []
}

/// Reads attribute values out of the HTML permdocs generated (double-quoted, as cmark and the
/// templates write them). Not a general HTML parser; it only needs to read what permdocs wrote.
enum HTMLScan {
    private static let equals = UInt8(ascii: "="), quote = UInt8(ascii: "\""), space = UInt8(ascii: " ")
    private static let id = Array(" id".utf8), href = Array(" href".utf8)

    /// Every ` id="…"` and ` href="…"` value, in one pass over the bytes.
    static func links(in bytes: [UInt8]) -> LinkSet {
        var set = LinkSet()
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return }
            let n = b.count
            var i = 0
            // An attribute starts after a space: ` id="` or ` href="`; '=' is rarer than ' '.
            while let eq = Bytes.find(equals, in: base, from: i, to: n) {
                i = eq + 1
                guard eq + 1 < n, base[eq + 1] == quote else { continue }
                let isID: Bool
                if ends(base, at: eq, with: id) {
                    isID = true
                } else if ends(base, at: eq, with: href) {
                    isID = false
                } else {
                    continue
                }
                let start = eq + 2
                let end = Bytes.find(quote, in: base, from: start, to: n) ?? n
                let value = String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
                if isID { set.ids.insert(value) } else { set.hrefs.append(value) }
                i = end
            }
        }
        return set
    }

    /// Whether the bytes just before offset `end` are `name`.
    @inline(__always)
    private static func ends(_ base: UnsafePointer<UInt8>, at end: Int, with name: [UInt8]) -> Bool {
        guard end >= name.count else { return false }
        for (k, byte) in name.enumerated() where base[end - name.count + k] != byte { return false }
        return true
    }
}
