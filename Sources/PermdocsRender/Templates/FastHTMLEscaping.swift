import Mustache

/// HTML escaping for `{{name}}` with the same five entities as swift-mustache's own
/// (`&amp; &lt; &gt; &quot; &#39;`), working on UTF-8 bytes and returning the string untouched
/// when nothing needs escaping. swift-mustache escapes one Character at a time through a
/// dictionary, which was a sixth of a large build. Every template gets it through a pragma that
/// permdocs adds on line 1 (see `TemplateSet`).
struct FastHTMLContentType: MustacheContentType {
    func escapeText(_ text: String) -> String {
        var needs = false
        for b in text.utf8 where b == 38 || b == 60 || b == 62 || b == 34 || b == 39 {
            needs = true
            break
        }
        if !needs { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for b in text.utf8 {
            switch b {
            case 38: out.append(contentsOf: "&amp;".utf8)
            case 60: out.append(contentsOf: "&lt;".utf8)
            case 62: out.append(contentsOf: "&gt;".utf8)
            case 34: out.append(contentsOf: "&quot;".utf8)
            case 39: out.append(contentsOf: "&#39;".utf8)
            default: out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static let name = "PERMDOCS_HTML"
    static let registered: Bool = {
        MustacheContentTypes.register(FastHTMLContentType(), named: name)
        return true
    }()
}
