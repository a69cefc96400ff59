public import PermdocsDiagnostics
public import PermdocsModel
public import PermdocsValidate
import PermdocsLoad
import PermdocsConsent
public import PermdocsWrite
import Foundation

/// Renders the whole site in memory from validated content and the templates folder. Pages are
/// flat (`index.html`, `SLUG.html`, `checklist-SCENARIO.html`, `consent.html`, `permissions.json`,
/// `style.css`), so every link is relative and works from `file://` and under any sub-path.
/// The same input always gives the same bytes: no timestamps, no unordered iteration.
public struct SiteBuilder: Sendable {
    public let content: Content
    public let reference: GraphReference
    /// Sub-phase times for `PERMDOCS_TIMINGS=1`.
    public var timings: PhaseTimings?
    /// Where large structures go when the build is done with them (see `Leftovers`).
    public var leftovers: Leftovers?

    public init(content: Content, reference: GraphReference = .shared) {
        self.content = content
        self.reference = reference
    }

    public static let consentPage = "consent.html"
    public static let dataFile = "permissions.json"
    public static let consentData = "consent-urls.json"

    /// Templates and articles, loaded and checked: everything needed to render.
    public struct Prepared: Sendable {
        public let templates: TemplateSet
        public let articles: [Article]
    }

    /// Phase 1: loads and checks templates and articles. Nil (with errors) when anything is wrong;
    /// nothing has been written anywhere.
    public func prepare(templatesFolder: String) throws(IOFailure) -> (Prepared?, Diagnostics) {
        var diagnostics = Diagnostics()
        let (templates, templateDiagnostics) = try TemplateSet.load(folder: templatesFolder)
        diagnostics.append(contentsOf: templateDiagnostics)
        timings?.mark("  templates")
        let articles = try ArticleLoader.load(contentFolder: content.folder, content: content, into: &diagnostics, timings: timings)
        checkProcedureUse(articles, into: &diagnostics)
        timings?.mark("  procedure use")
        guard let templates, !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (Prepared(templates: templates, articles: articles), diagnostics)
    }

    /// Phase 2: renders every page on all cores and streams it to `sink`, then checks every link.
    /// Returns the findings (broken links); with an error the caller drops what the sink holds.
    public func render(_ prepared: Prepared, into sink: SiteSink) throws(IOFailure) -> Diagnostics {
        var diagnostics = Diagnostics()
        let links = try render(articles: prepared.articles, templates: prepared.templates, sink: sink, diagnostics: &diagnostics)
        checkLinks(links, articles: prepared.articles, into: &diagnostics)
        timings?.mark("  link check")
        leftovers?.keep(links)
        return diagnostics
    }

    /// Both phases into memory: for tests and tools. `files` is nil when there is an error.
    public func build(templatesFolder: String) throws(IOFailure) -> (files: [OutputFile]?, diagnostics: Diagnostics) {
        var (prepared, diagnostics) = try prepare(templatesFolder: templatesFolder)
        guard let prepared else { return (nil, diagnostics) }
        let sink = MemorySink()
        diagnostics.append(contentsOf: try render(prepared, into: sink).all)
        let files = sink.files.map { OutputFile(path: $0.key, bytes: $0.value) }.sorted { $0.path < $1.path }
        return (diagnostics.hasErrors ? nil : files, diagnostics)
    }

    // MARK: - Where procedures are shown

    /// A procedure shown twice on one page would repeat its anchors; one shown nowhere is dead text.
    func checkProcedureUse(_ articles: [Article], into diagnostics: inout Diagnostics) {
        var shown = [Bool](repeating: false, count: content.procedures.count)
        for article in articles {
            // An article shows a few procedures: a list is enough to find a repeat.
            let numbers = article.procedureNumbers
            for (k, n) in numbers.enumerated() {
                if let first = numbers[..<k].firstIndex(of: n) {
                    let id = article.procedureIDs[k]
                    diagnostics.error("duplicate-directive", "procedure '\(id.value)' is already shown in this article", at: id.location,
                                      notes: [.init("shown here", at: article.procedureIDs[first].location)])
                }
                shown[n] = true
            }
        }
        if !articles.isEmpty {
            for (n, p) in content.procedures.enumerated() where !shown[n] && p.audience == .user {
                diagnostics.warning("unused-procedure", "procedure '\(p.id.value)' is shown in no article (and is not an admin procedure, so no checklist holds it)", at: p.id.location)
            }
        }
    }

    /// Procedures in the order articles first show them, then the rest by id.
    func procedureOrder(_ articles: [Article]) -> [Procedure] {
        var rank = [Int](repeating: Int.max, count: content.procedures.count)
        var next = 0
        for a in articles {
            for n in a.procedureNumbers where rank[n] == Int.max {
                rank[n] = next
                next += 1
            }
        }
        // `procedures` is sorted by id: among the unshown, index order is id order.
        return content.procedures.indices.sorted { (rank[$0], $0) < (rank[$1], $1) }.map { content.procedures[$0] }
    }

    // MARK: - Rendering

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

        /// Checks the page's own links as far as they can be before every page exists (on all
        /// cores): fragments on the page (`hasID`) and the files they reach. Links to a fragment
        /// of another page wait in `fragments`.
        mutating func check(_ hrefs: [String], sitePaths: [String: Int], hasID: (String) -> Bool) {
            // Repeats are checked again (cheaply); each problem is reported once, in `checkLinks`.
            for raw in hrefs {
                switch Link(raw) {
                case .local(let fragment):
                    if !fragment.isEmpty, !hasID(String(fragment)) {
                        problems.append((raw, "link to '\(raw)': '\(path)' has no element with id '\(fragment)'"))
                    }
                case .other(_, let target, let fragment):
                    if sitePaths[target] == nil {
                        problems.append((raw, "link to '\(raw)': no page '\(target)' in the site"))
                    } else if let fragment, !fragment.isEmpty, target.hasSuffix(".html") {
                        fragments.append((raw, target, fragment))
                    }
                case nil:
                    break
                }
            }
        }

        init(path: String, ids: PageIDs = .list([])) {
            self.path = path
            self.ids = ids
        }

        /// Whether the page has an element `id`: one of its own, of its layout shape (`shape`,
        /// its links), or of a directive block on it (`blockLinks`, the site's).
        func hasID(_ id: String, shape: LinkSet?, blockLinks: [LinkSet]) -> Bool {
            ids.contains(id) || shape?.ids.contains(id) == true || blocks.contains { blockLinks[$0].ids.contains(id) }
        }
    }

    /// The page shell: the same navigation on every page (home, articles with a `nav_title`, the
    /// consent page), so its size does not grow with the number of articles.
    struct Layout: Sendable {
        let templates: TemplateSet
        let appName: String
        let nav: [(href: String, title: String)]

        /// `version`: the content version a printed page carries (printable pages only).
        func page(_ href: String, title: String, description: String, kind: String, body: String, toc: [CommonMark.Heading] = [], printable: Bool = false,
                  version: String = "") -> OutputFile {
            let context: TemplateValue = [
                "title": .text(title), "description": .text(description), "app_name": .text(appName), "content": .text(body),
                "nav": .list(nav.map { ["href": .text($0.href), "title": .text($0.title), "current": .bool($0.href == href)] }),
                "toc": .list(toc.map { ["id": .text($0.id), "title": .text($0.text)] }), "has_toc": .bool(!toc.isEmpty),
                "page_kind": .text(kind), "generator": .text("permdocs \(PermdocsBuildInfo.version)"), "stylesheet": "style.css",
                "printable": .bool(printable),
                "print_title": .text(CSSString.quoted(title)), "print_app": .text(CSSString.quoted("\(appName) help center")),
                "print_version": .text(CSSString.quoted(version.isEmpty ? "" : "Content version \(version)")),
            ]
            var out: [UInt8] = []
            out.reserveCapacity(body.utf8.count + 4096)
            templates.render("layout", context, into: &out)
            return OutputFile(path: href, bytes: out)
        }
    }

    /// The site's links checked after rendering: every page's, and the shared blocks'.
    struct RenderedLinks {
        var pages: [PageLinks]
        var blocks: [LinkSet]
        var shapes: [LinkSet]
        /// Where each file's record is in `pages`.
        var index: [String: Int]
    }

    /// What every page shares: where procedures are shown, the contexts, the checklists, and
    /// each distinct directive's HTML (`::permissions mailbox` is the same on every page), with
    /// its links and ids read once.
    /// A class: the page workers share one instance instead of copying (and retaining) every
    /// field of it per page.
    final class Shared {
        let ordered: [Procedure]
        let checklists: [Checklist]
        let checklistLinks: [TemplateValue]
        let procedureHref: [String: String]
        let contexts: Contexts
        /// Block numbers by directive words, for articles whose template moves lines.
        let blockIndex: [String: Int]
        /// Each article's directives' block numbers, in order.
        let articleBlocks: [[Int]]
        let blockHTML: [[UInt8]]
        let blockLinks: [LinkSet]

        init(ordered: [Procedure], checklists: [Checklist], checklistLinks: [TemplateValue], procedureHref: [String: String],
             contexts: Contexts, blockIndex: [String: Int], articleBlocks: [[Int]], blockHTML: [[UInt8]], blockLinks: [LinkSet]) {
            self.ordered = ordered
            self.checklists = checklists
            self.checklistLinks = checklistLinks
            self.procedureHref = procedureHref
            self.contexts = contexts
            self.blockIndex = blockIndex
            self.articleBlocks = articleBlocks
            self.blockHTML = blockHTML
            self.blockLinks = blockLinks
        }

        /// The block for directive line `number` (its bytes `line`) of article `index`: found by
        /// its line while the template keeps the lines (the usual case), else by its words.
        func block(_ article: Article, _ index: Int, line: UnsafeBufferPointer<UInt8>, number: Int) -> Int? {
            if article.template.keepsLines {
                return article.directiveKeys.firstIndex { $0.line == number }.map { articleBlocks[index][$0] }
            }
            return blockIndex[SiteBuilder.normalizedDirective(line)]
        }
    }

    func shared(articles: [Article], templates: TemplateSet) -> Shared {
        let appName = content.catalog.app.name.value
        let ordered = procedureOrder(articles)
        let checklists = Checklist.scenarios.map { Checklist(scenario: $0) }

        // Each procedure links to the first article that shows it.
        var firstArticle = [Int](repeating: -1, count: content.procedures.count)
        for (i, a) in articles.enumerated() {
            for n in a.procedureNumbers where firstArticle[n] < 0 { firstArticle[n] = i }
        }
        var procedureHref: [String: String] = [:]
        for (n, i) in firstArticle.enumerated() where i >= 0 {
            let id = content.procedures[n].id.value
            procedureHref[id] = "\(articles[i].href)#\(id)"
        }
        for c in checklists {
            for p in ordered where p.audience == .admin && p.applies(to: c.scenario) && procedureHref[p.id.value] == nil {
                procedureHref[p.id.value] = "\(c.href)#\(p.id.value)"
            }
        }
        let contexts = Contexts(content: content, reference: reference, procedureHref: procedureHref, consentHref: Self.consentPage)
        let checklistLinks: [TemplateValue] = checklists.map {
            ["href": .text($0.href), "title": .text($0.title(app: appName)), "summary": .text($0.summary(app: appName, managedPolicyScopes: contexts.managedPolicyScopes)), "has_summary": true]
        }
        // One block per thing shown (`Directive.block`), numbered in order of first use.
        var blockOf = [Int](repeating: -1, count: Directive.blockCount(features: content.catalog.features.count, procedures: content.procedures.count))
        var blockIndex: [String: Int] = [:]
        var blockDirectives: [Directive] = []
        var articleBlocks: [[Int]] = []
        articleBlocks.reserveCapacity(articles.count)
        for a in articles {
            var numbers: [Int] = []
            numbers.reserveCapacity(a.directiveKeys.count)
            for (i, key) in a.directiveKeys.enumerated() {
                if blockOf[key.block] < 0 {
                    blockOf[key.block] = blockDirectives.count
                    blockDirectives.append(a.directives[i])
                }
                numbers.append(blockOf[key.block])
                // A template that moves lines: its directives are found again by their words.
                if !a.template.keepsLines { blockIndex[key.source] = blockOf[key.block] }
            }
            articleBlocks.append(numbers)
        }
        let work = UncheckedSendable((contexts, checklistLinks))
        let blocks: [([UInt8], LinkSet)] = parallelMap(blockDirectives.count) { i in
            let (contexts, checklistLinks) = work.value
            let html = Array(renderDirective(blockDirectives[i], templates: templates, contexts: contexts, checklistLinks: checklistLinks).utf8)
            return (html, HTMLScan.links(in: html))
        }
        return Shared(ordered: ordered, checklists: checklists, checklistLinks: checklistLinks, procedureHref: procedureHref,
                      contexts: contexts, blockIndex: blockIndex, articleBlocks: articleBlocks, blockHTML: blocks.map(\.0), blockLinks: blocks.map(\.1))
    }

    /// Each article's Markdown as cmark receives it, with every directive line replaced by its
    /// HTML as a raw HTML block (blank lines inside dropped, so it stays one block): what
    /// `permdocs build --expanded-markdown` writes, and what the benchmark's cmark-alone limit
    /// renders.
    public func expandedMarkdown(_ prepared: Prepared) -> [(name: String, bytes: [UInt8])] {
        let parts = shared(articles: prepared.articles, templates: prepared.templates)
        let context = parts.contexts.article(checklists: parts.checklistLinks)
        let values = SplicedValues(articles: prepared.articles, context: context)
        return prepared.articles.enumerated().map { articleIndex, article in
            var markdown: [UInt8] = []
            article.template.withMarkdown(context, values: values, source: article.source) { pieces, _ in
                for piece in pieces { markdown.append(contentsOf: piece) }
            }
            var out: [UInt8] = []
            out.reserveCapacity(markdown.count * 3)
            var lineStart = 0
            var number = 1
            while lineStart <= markdown.count {
                defer { number += 1 }
                let lineEnd = markdown[lineStart...].firstIndex(of: 10) ?? markdown.count
                let line = markdown[lineStart..<lineEnd]
                if line.starts(with: [58, 58]),
                   let index = line.withUnsafeBufferPointer({ parts.block(article, articleIndex, line: $0, number: number) }) {
                    var html = parts.blockHTML[index][...]
                    while html.last == 10 { html = html.dropLast() }
                    var previous: UInt8 = 10
                    for b in html where !(b == 10 && previous == 10) {
                        out.append(b)
                        previous = b
                    }
                } else if !line.allSatisfy({ $0 == 32 }) {
                    // Lines of spaces (the front matter, blanked) are written empty.
                    out.append(contentsOf: line)
                }
                if lineEnd < markdown.count { out.append(10) }
                lineStart = lineEnd + 1
            }
            return (article.slug.value + ".md", out)
        }
    }

    func render(articles: [Article], templates: TemplateSet, sink: SiteSink, diagnostics: inout Diagnostics) throws(IOFailure) -> RenderedLinks {
        let appName = content.catalog.app.name.value
        let parts = shared(articles: articles, templates: templates)
        let (ordered, checklists, checklistLinks, procedureHref, contexts) = (parts.ordered, parts.checklists, parts.checklistLinks, parts.procedureHref, parts.contexts)
        let (blockHTML, blockLinks) = (parts.blockHTML, parts.blockLinks)
        let mainArticle = articles.first
        var nav: [(href: String, title: String)] = [("index.html", "\(appName) help center")]
        nav += articles.compactMap { a in a.navTitle.map { (a.href, $0) } }
        nav.append((Self.consentPage, "Grant consent"))
        let layout = Layout(templates: templates, appName: appName, nav: nav)
        let layoutCache = LayoutCache(layout: layout)
        let blockStore = ByteStore(blockHTML)

        timings?.mark("  directive blocks (\(blockHTML.count))")

        // Every file the site will have, with its place among the rendered pages' records: the
        // jobs' order, then the data files and assets.
        var sitePaths: [String: Int] = [:]
        sitePaths.reserveCapacity(articles.count + checklists.count + 8)
        for (i, c) in checklists.enumerated() { sitePaths[c.href] = i }
        sitePaths[Self.consentPage] = checklists.count
        sitePaths["index.html"] = checklists.count + 1
        for (i, a) in articles.enumerated() where sitePaths[a.href] == nil { sitePaths[a.href] = checklists.count + 2 + i }
        let extraPaths = [Self.consentData, Self.dataFile] + templates.assets.map(\.name)
        for (i, path) in extraPaths.enumerated() { sitePaths[path] = checklists.count + 2 + articles.count + i }

        // Every page in one parallel pass, each written as soon as it is rendered. The site-wide
        // pages (over every procedure or feature) go first so they never run last alone.
        let articleContext = contexts.article(checklists: checklistLinks)
        // Every article renders with the same context: each spliced variable is escaped once.
        let articleValues = SplicedValues(articles: articles, context: articleContext)
        let siteWide = checklists.count + 2
        let failures = FirstFailure()
        let arenas = CmarkArenaPool()
        var pages: [PageLinks] = parallelMap(siteWide + articles.count) { job in
            let file: OutputFile
            var links: PageLinks?
            if job < checklists.count {
                let c = checklists[job]
                let body = templates.render("checklist", c.context(ordered, contexts: contexts, articleHref: mainArticle?.href))
                file = layout.page(c.href, title: c.title(app: appName), description: c.summary(app: appName, managedPolicyScopes: contexts.managedPolicyScopes),
                                   kind: "checklist", body: body, printable: true, version: contexts.contentVersion)
            } else if job == checklists.count {
                let consentLinks = contexts.consentLinks()
                let body = templates.render("consent", contexts.consent(links: consentLinks, articleHref: mainArticle?.href, dataHref: Self.consentData))
                file = layout.page(Self.consentPage, title: "Grant \(appName) access for your organization", description: "Admin consent links for \(appName)", kind: "consent", body: body)
                do throws(IOFailure) {
                    try sink.write(OutputFile(path: Self.consentData, text: ConsentLinksJSON.render(consentLinks)))
                    try sink.write(OutputFile(path: Self.dataFile, text: PermissionsJSON.render(content, reference: reference, procedureHref: procedureHref)))
                } catch {
                    failures.record(error)
                    return PageLinks(path: Self.consentPage)
                }
            } else if job == checklists.count + 1 {
                let body = templates.render("index", [
                    "app_name": .text(appName),
                    "articles": .list(articles.map { ["href": .text($0.href), "title": .text($0.title.value), "summary": .text($0.summary ?? ""), "has_summary": .bool($0.summary != nil)] }),
                    "checklists": .list(checklistLinks), "consent_href": .text(Self.consentPage), "data_href": .text(Self.dataFile),
                ])
                file = layout.page("index.html", title: "\(appName) help center", description: "\(appName) help center", kind: "index", body: body)
            } else {
                // cmark's memory for the article comes from this core's arena and goes
                // back in one step once the page is written out of it.
                (file, links) = arenas.withArena { arena -> (OutputFile, PageLinks?) in
                    var pageLinks: PageLinks?
                    let pageFile: OutputFile
                    let article = articles[job - siteWide]
                    let reserved = article.procedureIDs.map(\.value)
                    let body = article.template.withMarkdown(articleContext, values: articleValues, source: article.source) { pieces, lines in
                        CommonMark.ArticleBody(pieces, lines: lines, reservedIDs: reserved, arena: arena) { line, number in
                            parts.block(article, job - siteWide, line: line, number: number)
                        }
                    }
                    let toc = body.headings.filter { $0.level == 2 }
                    var hrefs: [String] = []
                    let (page, shape) = layoutCache.page(article.href, title: article.title.value, description: article.summary ?? article.title.value,
                                                         kind: "article", toc: toc, printable: false) { out in
                        body.write(into: &out, hrefs: &hrefs) { i, append in append(blockStore[i]) }
                    }
                    pageFile = page
                    if let shape {
                        // The article's own links are checked here, on all cores, as far as they can
                        // be before every page exists: local fragments and the files they reach.
                        var own = PageLinks(path: page.path, ids: .list(body.headings.map(\.id)))
                        for b in body.blocks where !own.blocks.contains(b) { own.blocks.append(b) }
                        own.shape = shape
                        let (probe, shapeLinks) = (own, layoutCache.links(ofShape: shape))
                        own.check(hrefs, sitePaths: sitePaths) { probe.hasID($0, shape: shapeLinks, blockLinks: blockLinks) }
                        pageLinks = own
                    }
                    return (pageFile, pageLinks)
                }
            }
            do throws(IOFailure) { try sink.write(file) } catch {
                failures.record(error)
                return PageLinks(path: file.path)
            }
            if let links { return links }
            // A page read whole (site-wide pages, and an article rendered without the cache).
            let scanned = HTMLScan.links(in: file.bytes)
            var whole = PageLinks(path: file.path, ids: .set(scanned.ids))
            whole.check(scanned.hrefs, sitePaths: sitePaths) { scanned.ids.contains($0) }
            return whole
        }
        timings?.mark("  pages, on all cores")
        if let failure = failures.first { throw failure }

        // Data and assets (no links to check, but they are link targets).
        for path in [Self.consentData, Self.dataFile] { pages.append(PageLinks(path: path)) }
        for file in templates.assets.map({ OutputFile(path: $0.name, bytes: $0.bytes) }) {
            try sink.write(file)
            pages.append(PageLinks(path: file.path))
        }
        let shapes = (0..<layoutCache.shapeCount).map { layoutCache.links(ofShape: $0) }
        leftovers?.keep(parts)
        leftovers?.keep(layoutCache)
        return RenderedLinks(pages: pages, blocks: blockLinks, shapes: shapes, index: sitePaths)
    }

    func renderDirective(_ d: Directive, templates: TemplateSet, contexts: Contexts, checklistLinks: [TemplateValue]) -> String {
        switch d.name {
        case .permissions:
            guard let id = d.arguments.first?.value, let f = content.catalog.feature(id) else { return "" }
            return templates.render("permissions", contexts.permissions(f))
        case .procedure:
            guard let id = d.arguments.first?.value, let p = content.procedure(id) else { return "" }
            return templates.render("procedure", contexts.procedure(p, heading: d.options["heading"]?.value ?? "h3"))
        case .checklists:
            return templates.render("checklists", ["checklists": .list(checklistLinks)])
        }
    }

    /// Directives are matched by their words, so spacing does not matter.
    public static func normalizedDirective(_ line: String) -> String {
        var line = line
        return line.withUTF8(normalizedDirective)
    }

    /// The words of a directive line single-spaced (spaces and tabs between words).
    static func normalizedDirective(_ line: UnsafeBufferPointer<UInt8>) -> String {
        // Usually written single-spaced already: then the words are the line as it is.
        var spaced = line.first != 32 && line.last != 32
        var previous: UInt8 = 0
        for b in line {
            if b == 9 || (b == 32 && previous == 32) { spaced = false; break }
            previous = b
        }
        if spaced { return String(decoding: line, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(line.count)
        var pendingSpace = false
        for b in line {
            if b == 32 || b == 9 {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(32) }
                pendingSpace = false
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Links

    /// Every relative link of every HTML page must reach a file of the site and, with a fragment,
    /// an element id on that page. A broken link in an article is reported where the article
    /// writes it.
    func checkLinks(_ site: RenderedLinks, articles: [Article], into diagnostics: inout Diagnostics) {
        let pages = site.pages
        let byPath = site.index
        func hasID(_ id: Substring, on page: PageLinks) -> Bool {
            page.hasID(String(id), shape: page.shape.map { site.shapes[$0] }, blockLinks: site.blocks)
        }
        // A link to another file means the same on every page: each distinct one is checked once.
        var verdicts: [String: String?] = [:]
        func external(_ link: Link) -> String? {
            guard case .other(let raw, let target, let fragment) = link else { return nil }
            if let cached = verdicts[raw] { return cached }
            let verdict: String?
            if let index = byPath[target] {
                if let fragment, !fragment.isEmpty, target.hasSuffix(".html"), !hasID(fragment, on: pages[index]) {
                    verdict = "link to '\(raw)': '\(target)' has no element with id '\(fragment)'"
                } else {
                    verdict = nil
                }
            } else {
                verdict = "link to '\(raw)': no page '\(target)' in the site"
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
        let blockLinks = site.blocks.map(classified)
        let shapeLinks = site.shapes.map(classified)
        let cleanBlock = blockLinks.map { $0.problems.isEmpty && $0.local.isEmpty }
        let cleanShape = shapeLinks.map { $0.problems.isEmpty && $0.local.isEmpty }
        // Where a broken link is reported: built only when there is one.
        var articlesByHref: [String: Article]?
        for index in pages.indices {
            // Most pages: nothing found while rendering, nothing left to look up, and blocks whose
            // links were all fine (checked without copying the page's record).
            if pages[index].problems.isEmpty, pages[index].fragments.isEmpty,
               pages[index].shape.map({ cleanShape[$0] }) ?? true, pages[index].blocks.allSatisfy({ cleanBlock[$0] }) {
                continue
            }
            let p = pages[index]
            guard p.path.hasSuffix(".html") else { continue }
            var problems: [(raw: String, message: String)] = []
            var reported: Set<String> = []
            func add(_ raw: String, _ message: String) {
                if reported.insert(raw).inserted { problems.append((raw, message)) }
            }
            func checkLocal(_ raw: String, _ fragment: Substring) {
                if !fragment.isEmpty, !hasID(fragment, on: p) { add(raw, "link to '\(raw)': '\(p.path)' has no element with id '\(fragment)'") }
            }
            var shared = p.blocks.map { blockLinks[$0] }
            if let shape = p.shape { shared.append(shapeLinks[shape]) }
            // In page order: the layout's links come first on the page, then the article's.
            for set in shared.reversed() {
                for (raw, fragment) in set.local { checkLocal(raw, fragment) }
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
                let location = articlesByHref?[p.path].flatMap { locate(problem.raw, in: $0) } ?? SourceLocation(file: p.path, line: 1, column: 1)
                diagnostics.error("broken-link", problem.message, at: location)
            }
        }
    }

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
                if b.count >= 2, base[0] == 47, base[1] == 47 { return (true, false) }    // '//'
                if memchr(base, 58, b.count) != nil { return (true, false) }               // ':'
                return (false, memchr(base, 38, b.count) != nil)                          // '&'
            }
            if skip { return nil }
            let href = hasEntity ? raw.replacingOccurrences(of: "&amp;", with: "&") : raw
            // '#' and '?' are ASCII, so their UTF-8 positions are valid string indices.
            guard let hash = href.utf8.firstIndex(of: 35) else {
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
            String(s.utf8.firstIndex(of: 63).map { s[..<$0] } ?? s)
        }
    }

    private func locate(_ href: String, in article: Article) -> SourceLocation? {
        for (i, line) in article.body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            // At the link target itself: after '(' in a Markdown link, else wherever it occurs.
            if let r = line.range(of: "(" + href) {
                return SourceLocation(file: article.file, line: i + 1, column: line.unicodeScalars.distance(from: line.startIndex, to: r.lowerBound) + 2)
            }
            if let r = line.range(of: href) {
                return SourceLocation(file: article.file, line: i + 1, column: line.unicodeScalars.distance(from: line.startIndex, to: r.lowerBound) + 1)
            }
        }
        return SourceLocation(file: article.file, line: 1, column: 1)
    }
}

/// Version shown in the generator meta tag and `permdocs --version`.
public enum PermdocsBuildInfo {
    public static let version = "0.1.0"
}

/// The first I/O failure of a parallel pass.
final class FirstFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var failure: IOFailure?
    func record(_ error: IOFailure) {
        lock.lock()
        if failure == nil { failure = error }
        lock.unlock()
    }
    var first: IOFailure? {
        lock.lock()
        defer { lock.unlock() }
        return failure
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
    /// Every ` id="…"` and ` href="…"` value, in one pass over the bytes.
    static func links(in bytes: [UInt8]) -> LinkSet {
        var set = LinkSet()
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return }
            let n = b.count
            var i = 0
            // An attribute starts after a space: ` id="` or ` href="`; '=' is rarer than ' '.
            while let eq = Bytes.find(61, in: base, from: i, to: n) {
                i = eq + 1
                guard eq + 1 < n, base[eq + 1] == 34 else { continue }
                var isID = false
                if eq >= 3, base[eq - 3] == 32, base[eq - 2] == 105, base[eq - 1] == 100 {
                    isID = true
                } else if eq >= 5, base[eq - 5] == 32, base[eq - 4] == 104, base[eq - 3] == 114, base[eq - 2] == 101, base[eq - 1] == 102 {
                    isID = false
                } else {
                    continue
                }
                let start = eq + 2
                let end = Bytes.find(34, in: base, from: start, to: n) ?? n
                let value = String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
                if isID { set.ids.insert(value) } else { set.hrefs.append(value) }
                i = end
            }
        }
        return set
    }
}
