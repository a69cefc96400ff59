import PermdocsArticles
import PermdocsDiagnostics
import PermdocsMarkdown
import PermdocsSupport
import PermdocsValidate

extension LinkIndex {
    /// Reports `findings` where they are written: a broken link of an article's at its destination
    /// in the article, its message quoting the link as written (`<no page.html>` is the link
    /// `no page.html`, `a.html?x=1&y=2` is not shown as `&amp;`); an id defined twice at the
    /// procedure that has it, once. Anything else (a link a template wrote) at the start of the
    /// page's article, or of the page. Each article is read once, only if it has a finding: linear
    /// in the findings and the articles' size. Returns that work (bytes read, destinations and
    /// findings), for the test that doubles the findings.
    @discardableResult
    package static func report(_ findings: [LinkFinding], articles: [Article], content: Content, into diagnostics: inout Diagnostics) -> Int
    {
        guard !findings.isEmpty else { return 0 }
        var work = 0
        let articlesByHref = Dictionary(articles.map { ($0.href, $0) }, uniquingKeysWith: { a, _ in a })
        var sources: (page: String, links: ArticleLinkSources?)?
        var reportedProcedures: Set<String> = []
        for finding in findings {
            work += 1
            let article = articlesByHref[finding.page]
            let start = SourceLocation(file: article?.file ?? finding.page, line: 1, column: 1)
            switch finding {
            case .broken(let page, let href, let problem):
                if sources?.page != page {
                    sources = (page, article.map(ArticleLinkSources.init))
                    work += sources?.links?.work ?? 0
                }
                let written = sources?.links?[href]
                diagnostics.error(
                    LinkRule.brokenLink, problem.message(link: written?.link ?? HTMLScan.decoded(href)), at: written?.location ?? start)
            case .repeatedID(let page, let id):
                if let procedure = content.procedure(id) {
                    guard reportedProcedures.insert(id).inserted else { continue }
                    diagnostics.error(
                        LinkRule.repeatedID,
                        "procedure '\(id)' takes an id '\(page)' already has (its layout's, a step's or another block's): rename the procedure",
                        at: procedure.id.location)
                } else {
                    diagnostics.error(LinkRule.repeatedID, "'\(page)' has two elements with id '\(id)'", at: start)
                }
            }
        }
        return work
    }
}

/// Where an article writes each link destination (`](…)`, `](<…>)`, `[label]: …`), read from its
/// source in one pass, by the `href` cmark makes of it.
package struct ArticleLinkSources {
    private var byHref: [String: (link: String, location: SourceLocation)] = [:]
    /// Bytes read and destinations rendered.
    private(set) var work = 0

    package init(_ article: Article) {
        let source = article.source
        let n = source.count
        var rendered: [ArraySlice<UInt8>: String] = [:]
        var line = 1
        var column = 1
        var i = 0
        while i < n {
            let byte = source[i]
            // `](` or `]:`, then spaces: a destination.
            if byte == UInt8(ascii: "]"), i + 1 < n, source[i + 1] == UInt8(ascii: "(") || source[i + 1] == UInt8(ascii: ":") {
                var start = i + 2
                var startColumn = column + 2
                while start < n, source[start] == UInt8(ascii: " ") || source[start] == UInt8(ascii: "\t") {
                    start += 1
                    startColumn += 1
                }
                let (end, inner) = Self.destination(source, from: start)
                if !inner.isEmpty {
                    let written = source[start..<end]
                    let href: String
                    if let known = rendered[written] {
                        href = known
                    } else {
                        href = Self.href(of: written)
                        rendered[written] = href
                        work += 1
                    }
                    if byHref[href] == nil {
                        byHref[href] = (
                            String(decoding: inner, as: UTF8.self), SourceLocation(file: article.file, line: line, column: startColumn)
                        )
                    }
                }
                // On past the destination (a newline ends it), counting columns.
                column = startColumn
                for k in start..<end where source[k] & 0xC0 != 0x80 { column += 1 }
                i = end
                continue
            }
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        work += n
    }

    /// The destination as written and where, for the `href` cmark wrote.
    subscript(href: String) -> (link: String, location: SourceLocation)? { byHref[href] }

    private static let plain = Set("-_.+!*(),%#@?=;:/$~".utf8)

    /// A link destination at `start`: `<…>` on one line, or up to a space or an unbalanced `)`;
    /// its end and the link inside.
    private static func destination(_ s: [UInt8], from start: Int) -> (end: Int, inner: ArraySlice<UInt8>) {
        var i = start
        if i < s.count, s[i] == UInt8(ascii: "<") {
            i += 1
            while i < s.count, s[i] != UInt8(ascii: ">"), s[i] != UInt8(ascii: "\n"), s[i] != UInt8(ascii: "<") {
                i += s[i] == UInt8(ascii: "\\") && i + 1 < s.count && s[i + 1] != UInt8(ascii: "\n") ? 2 : 1
            }
            guard i < s.count, s[i] == UInt8(ascii: ">") else { return (i, []) }
            return (i + 1, s[(start + 1)..<i])
        }
        var depth = 0
        while i < s.count, s[i] > UInt8(ascii: " ") {
            if s[i] == UInt8(ascii: "(") {
                depth += 1
            } else if s[i] == UInt8(ascii: ")") {
                if depth == 0 { break }
                depth -= 1
            }
            i += s[i] == UInt8(ascii: "\\") && i + 1 < s.count && s[i + 1] > UInt8(ascii: " ") ? 2 : 1
        }
        return (i, s[start..<i])
    }

    /// The `href` cmark writes for a link destination written `destination`: the same when every
    /// byte is one cmark neither unescapes nor escapes (letters, digits, `-_.+!*(),%#@?=;:/$~`),
    /// else what cmark makes of it.
    package static func href(of destination: ArraySlice<UInt8>) -> String {
        if destination.allSatisfy({ ASCII.isLower(ASCII.lowercased($0)) || ASCII.isDigit($0) || plain.contains($0) }) {
            return String(decoding: destination, as: UTF8.self)
        }
        return cmarkHref(of: destination)
    }

    /// The `href` cmark writes for a link destination, from cmark.
    package static func cmarkHref(of destination: ArraySlice<UInt8>) -> String {
        let html = CommonMark.markdownToHTML("[x](" + String(decoding: destination, as: UTF8.self) + ")")
        guard let open = html.range(of: "<a href=\"") else { return "" }
        let rest = html[open.upperBound...]
        return String(rest[..<(rest.firstIndex(of: "\"") ?? rest.endIndex)])
    }
}
