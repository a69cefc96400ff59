import PermdocsArticles
import PermdocsDiagnostics

/// What the link check needs of a page once its bytes are written: its ids (it may be a link
/// target) and its links, its own and those of the blocks it shares with other pages (a
/// directive's HTML, the layout's navigation), which are read once for the whole site.
struct PageLinks: Sendable {
    var path: String
    var ids: PageIDs
    /// Broken links already found while the page was rendered (the article's own links).
    var problems: [(raw: String, message: String)] = []
    /// Links to a fragment of another page, checked once every page's ids are known.
    var fragments: [(raw: String, target: String, fragment: Substring)] = []
    /// Directive blocks on the page (indexes into the site's block links).
    var blocks: [Int] = []
    /// The layout shape the page was cut from (index into the layout cache's links).
    var shape: Int?

    init(path: String, ids: PageIDs = .list([])) {
        self.path = path
        self.ids = ids
    }

    /// Checks the page's own links as far as they can be before every page exists (on all
    /// cores): fragments on the page (`hasID`) and the files they reach. Links to a fragment
    /// of another page wait in `fragments`.
    mutating func check(_ hrefs: [String], sitePaths: [String: Int], hasID: (String) -> Bool) {
        // Repeats are checked again (cheaply); each problem is reported once, in `SiteLinks.check`.
        for raw in hrefs {
            switch Link(raw) {
            case .local(let fragment):
                if !fragment.isEmpty, !hasID(String(fragment)) {
                    problems.append((raw, BrokenLink.noElement(raw: raw, page: path, fragment: fragment).message))
                }
            case .other(_, let target, let fragment):
                if sitePaths[target] == nil {
                    problems.append((raw, BrokenLink.noPage(raw: raw, target: target).message))
                } else if let fragment, !fragment.isEmpty, target.hasSuffix(".html") {
                    fragments.append((raw, target, fragment))
                }
            case nil:
                break
            }
        }
    }

    /// Whether the page has an element `id`: one of its own, of its layout shape (`shape`,
    /// its links), or of a directive block on it (`blockLinks`, the site's).
    func hasID(_ id: String, shape: LinkSet?, blockLinks: [LinkSet]) -> Bool {
        ids.contains(id) || shape?.ids.contains(id) == true || blocks.contains { blockLinks[$0].ids.contains(id) }
    }
}

/// The site's links, checked after rendering: every file's record (`pages`, found by path through
/// `index`, the one index of the site's files), the shared directive blocks' and layout shapes'.
struct SiteLinks {
    var pages: [PageLinks]
    var blocks: [LinkSet]
    var shapes: [LinkSet]
    /// Where each file's record is in `pages`.
    var index: [String: Int]

    /// Every relative link of every HTML page must reach a file of the site and, with a fragment,
    /// an element id on that page. A broken link in an article is reported where the article
    /// writes it.
    func check(articles: [Article], into diagnostics: inout Diagnostics) {
        func hasID(_ id: Substring, on page: PageLinks) -> Bool {
            page.hasID(String(id), shape: page.shape.map { shapes[$0] }, blockLinks: blocks)
        }
        // A link to another file means the same on every page: each distinct one is checked once.
        var verdicts: [String: String?] = [:]
        func external(_ link: Link) -> String? {
            guard case .other(let raw, let target, let fragment) = link else { return nil }
            if let cached = verdicts[raw] { return cached }
            let verdict: String?
            if let page = index[target] {
                if let fragment, !fragment.isEmpty, target.hasSuffix(".html"), !hasID(fragment, on: pages[page]) {
                    verdict = BrokenLink.noElement(raw: raw, page: target, fragment: fragment).message
                } else {
                    verdict = nil
                }
            } else {
                verdict = BrokenLink.noPage(raw: raw, target: target).message
            }
            verdicts[raw] = verdict
            return verdict
        }
        // Shared blocks: their links to other files are checked once for all the pages they are on.
        func classified(_ set: LinkSet) -> (problems: [(String, String)], local: [(String, Substring)]) {
            var problems: [(String, String)] = []
            var local: [(String, Substring)] = []
            for raw in set.hrefs {
                switch Link(raw) {
                case .local(let fragment): local.append((raw, fragment))
                case let link?: if let v = external(link) { problems.append((raw, v)) }
                case nil: break
                }
            }
            return (problems, local)
        }
        let blockLinks = blocks.map(classified)
        let shapeLinks = shapes.map(classified)
        let cleanBlock = blockLinks.map { $0.problems.isEmpty && $0.local.isEmpty }
        let cleanShape = shapeLinks.map { $0.problems.isEmpty && $0.local.isEmpty }
        // Where a broken link is reported: built only when there is one.
        var articlesByHref: [String: Article]?
        for index in pages.indices {
            // Most pages: nothing found while rendering, nothing left to look up, and blocks whose
            // links were all fine (checked without copying the page's record).
            if pages[index].problems.isEmpty, pages[index].fragments.isEmpty,
                pages[index].shape.map({ cleanShape[$0] }) ?? true, pages[index].blocks.allSatisfy({ cleanBlock[$0] })
            {
                continue
            }
            let p = pages[index]
            guard p.path.hasSuffix(".html") else { continue }
            var problems: [(raw: String, message: String)] = []
            var reported: Set<String> = []
            func add(_ raw: String, _ message: String) {
                if reported.insert(raw).inserted { problems.append((raw, message)) }
            }
            var shared = p.blocks.map { blockLinks[$0] }
            if let shape = p.shape { shared.append(shapeLinks[shape]) }
            // In page order: the layout's links come first on the page, then the article's.
            for set in shared.reversed() {
                for (raw, fragment) in set.local where !fragment.isEmpty && !hasID(fragment, on: p) {
                    add(raw, BrokenLink.noElement(raw: raw, page: p.path, fragment: fragment).message)
                }
                for (raw, message) in set.problems { add(raw, message) }
            }
            for (raw, message) in p.problems { add(raw, message) }
            for (raw, target, fragment) in p.fragments {
                if let v = external(.other(raw: raw, target: target, fragment: fragment)) { add(raw, v) }
            }
            if !problems.isEmpty, articlesByHref == nil {
                articlesByHref = Dictionary(articles.map { ($0.href, $0) }, uniquingKeysWith: { a, _ in a })
            }
            for problem in problems {
                let location =
                    articlesByHref?[p.path].flatMap { Self.locate(problem.raw, in: $0) } ?? SourceLocation(file: p.path, line: 1, column: 1)
                diagnostics.error(SiteRule.brokenLink, problem.message, at: location)
            }
        }
    }

    /// Where an article writes `href`: at the link target itself (after '(' in a Markdown
    /// link), else wherever it occurs; else its first line.
    private static func locate(_ href: String, in article: Article) -> SourceLocation? {
        for (i, line) in article.body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let r = line.range(of: "(" + href) {
                return SourceLocation(
                    file: article.file, line: i + 1, column: line.unicodeScalars.distance(from: line.startIndex, to: r.lowerBound) + 2)
            }
            if let r = line.range(of: href) {
                return SourceLocation(
                    file: article.file, line: i + 1, column: line.unicodeScalars.distance(from: line.startIndex, to: r.lowerBound) + 1)
            }
        }
        return SourceLocation(file: article.file, line: 1, column: 1)
    }
}
