import PermdocsSupport
import Foundation

/// A relative link as the link check sees it, read from an `href` as the HTML has it (entities
/// decoded, the file part percent-decoded); nil for what is not the site's to check (empty, a
/// scheme, `//host`).
package enum Link: Equatable {
    case local(fragment: String)
    case other(target: String, fragment: String?)

    package init?(_ href: String) {
        // One pass over the bytes: any ':' (a scheme), '&' (an entity), '%' (an escape), a
        // leading '//'.
        var scanned = href
        let (skip, hasEntity, hasPercent) = scanned.withUTF8 { b -> (Bool, Bool, Bool) in
            guard let base = b.baseAddress, b.count > 0 else { return (true, false, false) }
            let slash = UInt8(ascii: "/")
            if b.count >= 2, base[0] == slash, base[1] == slash { return (true, false, false) }
            if memchr(base, Int32(UInt8(ascii: ":")), b.count) != nil { return (true, false, false) }
            return (
                false, memchr(base, Int32(UInt8(ascii: "&")), b.count) != nil, memchr(base, Int32(UInt8(ascii: "%")), b.count) != nil
            )
        }
        if skip { return nil }
        let link = hasEntity ? HTMLScan.decoded(href) : href
        func decoded(_ s: Substring) -> String { hasPercent ? (s.removingPercentEncoding ?? String(s)) : String(s) }
        // '#' and '?' are ASCII, so their UTF-8 positions are valid string indices.
        guard let hash = link.utf8.firstIndex(of: UInt8(ascii: "#")) else {
            self = .other(target: decoded(Self.path(link[...])), fragment: nil)
            return
        }
        let before = link[..<hash]
        let fragment = decoded(link[link.utf8.index(after: hash)...])
        if before.isEmpty {
            self = .local(fragment: fragment)
        } else {
            self = .other(target: decoded(Self.path(before)), fragment: fragment)
        }
    }

    /// The file part of a link: up to a '?'.
    private static func path(_ s: Substring) -> Substring {
        s.utf8.firstIndex(of: UInt8(ascii: "?")).map { s[..<$0] } ?? s
    }
}

/// Every way a link can be broken, and its message: the one table of them.
package enum BrokenLink: Equatable, Sendable {
    /// The link names a file the site does not have.
    case noPage(target: String)
    /// The link's fragment names no element of its page.
    case noElement(page: String, fragment: String)

    /// The message for the link as its author wrote it (`link`).
    package func message(link: String) -> String {
        switch self {
        case .noPage(let target): "link to '\(link)': no page '\(target)' in the site"
        case .noElement(let page, let fragment): "link to '\(link)': '\(page)' has no element with id '\(fragment)'"
        }
    }
}

/// The ids a piece of HTML defines, the hrefs it links to, and the ids it defines twice.
package struct LinkSet: Sendable {
    package var ids: Set<String> = []
    package var hrefs: [String] = []
    package var repeatedIDs: [String] = []
}

/// Reads attribute values out of the HTML permdocs generated (double-quoted, as cmark and the
/// templates write them). Not a general HTML parser; it only needs to read what permdocs wrote.
package enum HTMLScan {
    private static let equals = UInt8(ascii: "="), quote = UInt8(ascii: "\"")
    private static let id = Array(" id".utf8), href = Array(" href".utf8)

    /// Every ` id="…"` and ` href="…"` value, in one pass over the bytes.
    package static func links(in bytes: [UInt8]) -> LinkSet {
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
                if !isID {
                    set.hrefs.append(value)
                } else if !set.ids.insert(value).inserted {
                    set.repeatedIDs.append(value)
                }
                i = end
            }
        }
        return set
    }

    /// An attribute value with its entities decoded: the ones cmark and the templates write
    /// (`&amp;`, `&quot;`, `&lt;`, `&gt;`, `&#39;`, `&#x27;`) and any numeric one.
    package static func decoded(_ value: String) -> String {
        guard value.utf8.contains(UInt8(ascii: "&")) else { return value }
        var out = ""
        var rest = value[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            guard let semi = after.prefix(10).firstIndex(of: ";") else {
                out.append("&")
                rest = after
                continue
            }
            let name = after[..<semi]
            let scalar: Unicode.Scalar? =
                switch name {
                case "amp": "&"
                case "quot": "\""
                case "lt": "<"
                case "gt": ">"
                default:
                    if name.hasPrefix("#x") || name.hasPrefix("#X") {
                        UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                    } else if name.hasPrefix("#") {
                        UInt32(name.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
                    } else {
                        nil
                    }
                }
            if let scalar {
                out.unicodeScalars.append(scalar)
                rest = after[after.index(after: semi)...]
            } else {
                out.append("&")
                rest = after
            }
        }
        return out + rest
    }

    /// Whether the bytes just before offset `end` are `name`.
    @inline(__always)
    private static func ends(_ base: UnsafePointer<UInt8>, at end: Int, with name: [UInt8]) -> Bool {
        guard end >= name.count else { return false }
        for (k, byte) in name.enumerated() where base[end - name.count + k] != byte { return false }
        return true
    }
}
