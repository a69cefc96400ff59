import PermdocsPages
import PermdocsArticles
import PermdocsConsent
import PermdocsDiagnostics
import PermdocsMarkdown
import PermdocsSupport
import PermdocsTemplates
import PermdocsValidate

/// One rendering of the site: everything the page jobs share, built before the parallel pass,
/// and the job for each kind of page.
struct RenderPass {
    let builder: SiteBuilder
    let articles: [Article]
    let templates: TemplateSet
    let codePlaces: [Int: CodePlaces]
    let sink: SiteSink
    let parts: SiteParts
    let layout: Layout
    let layoutCache: LayoutCache
    /// The directive blocks' HTML at fixed addresses, copied into pages without retaining.
    let blockStore: ByteStore
    /// Every page, in rendering order.
    let pages: [SitePage]
    /// Every file the site will have, with its place among the records `run` returns: the
    /// pages', then the data files' and assets'.
    let sitePaths: [String: Int]
    /// Every article renders with the same context: each spliced variable is escaped once.
    let articleContext: TemplateValue
    let articleValues: SplicedValues
    let markdown = ArticleRenderer()
    /// The first I/O failure of the parallel pass.
    let failure = Locked<IOFailure?>(nil)

    var content: Content { builder.content }
    var appName: String { content.catalog.app.name.value }
    var mainArticle: Article? { articles.first }

    init(builder: SiteBuilder, articles: [Article], templates: TemplateSet, codePlaces: [Int: CodePlaces], sink: SiteSink) {
        self.builder = builder
        self.articles = articles
        self.templates = templates
        self.codePlaces = codePlaces
        self.sink = sink
        let parts = builder.parts(articles: articles, templates: templates)
        self.parts = parts
        let appName = builder.content.catalog.app.name.value
        var nav: [(href: String, title: String)] = [(SiteBuilder.indexPage, "\(appName) help center")]
        nav += articles.compactMap { a in a.navTitle.map { (a.href, $0) } }
        nav.append((SiteBuilder.consentPage, "Grant consent"))
        layout = Layout(templates: templates, appName: appName, nav: nav)
        layoutCache = LayoutCache(layout: layout)
        blockStore = ByteStore(parts.blockHTML)
        pages = SitePage.all(checklists: parts.checklists, articles: articles, hasChangeLog: builder.content.changes != nil)
        var sitePaths: [String: Int] = [:]
        sitePaths.reserveCapacity(pages.count + 8)
        for (i, page) in pages.enumerated() {
            let href = page.href(articles: articles)
            if sitePaths[href] == nil { sitePaths[href] = i }
        }
        let extra = Self.dataFiles(builder.content) + templates.assets.map(\.name)
        for (i, path) in extra.enumerated() { sitePaths[path] = pages.count + i }
        self.sitePaths = sitePaths
        articleContext = parts.contexts.article(checklists: parts.checklistLinks)
        articleValues = SplicedValues(articles: articles, context: articleContext)
    }

    /// Every page in one parallel pass, each written as soon as it is rendered, then the data
    /// files and assets; returns what the link check needs of each.
    func run() throws(IOFailure) -> SiteLinks {
        var records: [PageLinks] = parallelMap(pages.count) { render(pages[$0]) }
        if let failure = failure.current { throw failure }
        // Data and assets (no links to check, but they are link targets).
        for path in Self.dataFiles(content) { records.append(PageLinks(path: path)) }
        for file in templates.assets.map({ OutputFile(path: $0.name, bytes: $0.bytes) }) {
            try sink.write(file)
            records.append(PageLinks(path: file.path))
        }
        return SiteLinks(pages: records, blocks: parts.blockLinks, shapes: layoutCache.shapeLinks, index: sitePaths)
    }

    /// Renders one page, writes it, and checks its links as far as one page can.
    func render(_ page: SitePage) -> PageLinks {
        let file: OutputFile
        var links: PageLinks?
        do throws(IOFailure) {
            switch page {
            case .checklist(let c): file = checklist(c)
            case .consent: file = try consent()
            case .index: file = index()
            case .changes: file = try changes()
            case .article(let i): (file, links) = article(i)
            }
            try sink.write(file)
        } catch {
            failure.withLock { if $0 == nil { $0 = error } }
            return PageLinks(path: page.href(articles: articles))
        }
        if let links { return links }
        // A page read whole (site-wide pages, and an article rendered without the cache).
        let scanned = HTMLScan.links(in: file.bytes)
        var whole = PageLinks(path: file.path, ids: .set(scanned.ids))
        whole.check(scanned.hrefs, sitePaths: sitePaths) { scanned.ids.contains($0) }
        return whole
    }

    // MARK: - Page kinds

    private func checklist(_ c: Checklist) -> OutputFile {
        let contexts = parts.contexts
        let body = templates.render("checklist", c.context(parts.ordered, contexts: contexts, articleHref: mainArticle?.href))
        return layout.page(
            c.href, title: c.title(app: appName), description: c.summary(app: appName, managedPolicyScopes: contexts.managedPolicyScopes),
            kind: "checklist", body: body, printable: true, version: contexts.contentVersion)
    }

    /// The consent page; writes the consent links and `permissions.json` as data on the way.
    private func consent() throws(IOFailure) -> OutputFile {
        let consentLinks = parts.contexts.consentLinks()
        let body = templates.render(
            "consent", parts.contexts.consent(links: consentLinks, articleHref: mainArticle?.href, dataHref: SiteBuilder.consentData))
        let page = layout.page(
            SiteBuilder.consentPage, title: "Grant \(appName) access for your organization",
            description: "Admin consent links for \(appName)",
            kind: "consent", body: body)
        try sink.write(OutputFile(path: SiteBuilder.consentData, text: ConsentLinksJSON.render(consentLinks)))
        try sink.write(
            OutputFile(
                path: SiteBuilder.dataFile,
                text: PermissionsJSON.render(content, reference: builder.reference, procedureHref: parts.procedureHref)))
        return page
    }

    /// The data files pages write on the way (`consent-urls.json`, `permissions.json`, the feed).
    static func dataFiles(_ content: Content) -> [String] {
        [SiteBuilder.consentData, SiteBuilder.dataFile] + (content.changes != nil ? [ChangesPage.feed] : [])
    }

    /// The permission change log; writes its Atom feed on the way.
    private func changes() throws(IOFailure) -> OutputFile {
        guard let log = content.changes else { preconditionFailure("the changes page exists only with a change log") }
        let contexts = parts.contexts
        let body = templates.render("changes", ChangesPage.context(log, contexts: contexts, articleHref: mainArticle?.href))
        try sink.write(
            OutputFile(path: ChangesPage.feed, text: ChangesPage.atom(log, catalog: content.catalog, model: contexts.consentModel)))
        return layout.page(
            ChangesPage.page, title: "\(appName): permission changes",
            description: "Microsoft Graph permissions \(appName) added or removed, and who must consent again",
            kind: "changes", body: body)
    }

    private func index() -> OutputFile {
        let body = templates.render(
            "index",
            [
                "app_name": .text(appName),
                "articles": .list(
                    articles.map {
                        [
                            "href": .text($0.href), "title": .text($0.title.value), "summary": .text($0.summary ?? ""),
                            "has_summary": .bool($0.summary != nil),
                        ]
                    }),
                "checklists": .list(parts.checklistLinks), "consent_href": .text(SiteBuilder.consentPage),
                "data_href": .text(SiteBuilder.dataFile),
                "changes_href": .text(content.changes != nil ? ChangesPage.page : ""), "has_changes": .bool(content.changes != nil),
                "feed_href": .text(ChangesPage.feed),
            ])
        return layout.page(
            SiteBuilder.indexPage, title: "\(appName) help center", description: "\(appName) help center", kind: "index", body: body)
    }

    /// An article, cut into the cached layout; with the links it could check on its own, unless
    /// it was rendered without the cache.
    private func article(_ index: Int) -> (OutputFile, PageLinks?) {
        let article = articles[index]
        let reserved = article.procedureIDs.map(\.value)
        // cmark's memory for the article comes from this core's arena and goes back in one step
        // once the page is written out of it.
        return article.template.withMarkdown(
            articleContext, values: articleValues, source: article.source, code: codePlaces[index]
        ) { pieces, lines in
            markdown.withBody(
                pieces, lines: lines, reservedIDs: reserved,
                directive: { line, number in
                    parts.block(article, index, line: line, number: number)
                }
            ) { body in
                let toc = body.headings.filter { $0.level == 2 }
                var hrefs: [String] = []
                let (page, shape) = layoutCache.page(
                    article.href, title: article.title.value, description: article.summary ?? article.title.value,
                    kind: "article", toc: toc, printable: false
                ) { out in
                    body.write(into: &out, hrefs: &hrefs) { i, append in append(blockStore[i]) }
                }
                guard let shape else { return (page, nil) }
                // The article's own links are checked here, on all cores, as far as they can be
                // before every page exists: local fragments and the files they reach.
                var own = PageLinks(path: page.path, ids: .list(body.headings.map(\.id)))
                for b in body.blocks where !own.blocks.contains(b) { own.blocks.append(b) }
                own.shape = shape
                let (probe, shapeLinks, blockLinks) = (own, layoutCache.links(ofShape: shape), parts.blockLinks)
                own.check(hrefs, sitePaths: sitePaths) { probe.hasID($0, shape: shapeLinks, blockLinks: blockLinks) }
                return (page, own)
            }
        }
    }
}
