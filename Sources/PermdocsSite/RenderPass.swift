import PermdocsLinks
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
    private(set) var articles: [Article]
    let templates: TemplateSet
    /// Where values land in code, by article index (`SiteBuilder.codePlaces`).
    private(set) var codePlaces: [Int: CodePlaces]
    private(set) var sink: SiteSink
    private(set) var parts: SiteParts
    let layout: Layout
    let layoutCache: LayoutCache
    /// Every page, in rendering order.
    let pages: [SitePage]
    /// The links of the HTML pages share (directive blocks, layout shapes), each read once.
    let sharedLinks: SharedLinkTable
    /// Every article renders with the same context: each spliced variable is escaped once.
    let articleContext: TemplateValue
    private(set) var articleValues: SplicedValues
    let renderer = ArticleRenderer()
    /// The first I/O failure of the parallel pass.
    private(set) var failure = Locked<IOFailure?>(nil)

    var content: Content { builder.content }
    var appName: String { content.catalog.app.name.value }
    var mainArticle: Article? { articles.first }

    /// `previous`: an earlier pass with the same layout (`LiveSite.rerender`), whose layout cache
    /// and shared links this one goes on with, so page records kept from it stay valid.
    init(
        builder: SiteBuilder, articles: [Article], templates: TemplateSet, codePlaces: [Int: CodePlaces], sink: SiteSink,
        reusing previous: RenderPass? = nil
    ) {
        self.builder = builder
        let sharedLinks = previous?.sharedLinks ?? SharedLinkTable()
        self.sharedLinks = sharedLinks
        self.articles = articles
        self.templates = templates
        self.codePlaces = codePlaces
        self.sink = sink
        let parts = builder.parts(articles: articles, templates: templates, links: sharedLinks)
        self.parts = parts
        let appName = builder.content.catalog.app.name.value
        var nav: [(href: String, title: String)] = [(SiteBuilder.indexPage, "\(appName) help center")]
        nav += articles.compactMap { a in a.navTitle.map { (a.href, $0) } }
        nav.append((SiteBuilder.consentPage, "Grant consent"))
        layout = Layout(templates: templates, appName: appName, nav: nav)
        layoutCache = previous?.layoutCache ?? LayoutCache(layout: layout, links: sharedLinks)
        pages = SitePage.all(checklists: parts.checklists, articles: articles, hasChangeLog: builder.content.changes != nil)
        articleContext = parts.contexts.article(checklists: parts.checklistLinks)
        articleValues = SplicedValues(articles: articles, context: articleContext)
    }

    /// The same pass with article `index` replaced by an edit that changes nothing other pages
    /// show (`LiveSite.replace`), writing to `sink`: everything else is shared, not rebuilt.
    func replacing(article index: Int, with article: Article, code: CodePlaces?, parts: SiteParts, sink: SiteSink) -> RenderPass {
        var pass = self
        pass.articles[index] = article
        pass.codePlaces[index] = code
        pass.parts = parts
        pass.sink = sink
        pass.failure = Locked(nil)
        if !articleValues.covers(article) { pass.articleValues = SplicedValues(articles: pass.articles, context: articleContext) }
        return pass
    }

    /// Every page in one parallel pass, each written as soon as it is rendered, then the data
    /// files and assets; returns the index of the site's files and their links.
    func run() throws(IOFailure) -> LinkIndex {
        try run(keeping: { _ in nil })
    }

    /// The same, rendering only the pages `kept` has no record for (a page's record, by its
    /// position in `pages`, from an earlier pass over the same pages; see `init(reusing:)`).
    func run(keeping kept: (Int) -> PageLinks?) throws(IOFailure) -> LinkIndex {
        var records: [PageLinks] = parallelMap(pages.count) { kept($0) ?? render(pages[$0]) }
        if let failure = failure.current { throw failure }
        // Data and assets (no links to check, but they are link targets).
        for path in Self.dataFiles(content) { records.append(.file(path)) }
        for file in templates.assets.map({ OutputFile(path: $0.name, bytes: $0.bytes) }) {
            try sink.write(file)
            records.append(.file(file.path))
        }
        return LinkIndex(records, shared: sharedLinks)
    }

    /// Renders one page, writes it, and returns its links.
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
            return .file(page.href(articles: articles))
        }
        // Else a page read whole (site-wide pages, and an article rendered without the cache).
        return links ?? .page(file.path, html: file.bytes)
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

    /// An article, cut into the cached layout; with its links, unless it was rendered without
    /// the cache.
    private func article(_ index: Int) -> (OutputFile, PageLinks?) {
        let article = articles[index]
        let markdown = article.template.markdown(articleContext, values: articleValues, source: article.source, code: codePlaces[index])
        // Headings avoid every id the layout and the article's blocks define.
        let blocks = parts.articleBlocks[index]
        let body = renderer.render(
            markdown.pieces, lines: markdown.lines,
            reservedIDs: { id in layoutCache.ids.contains(id) || blocks.contains { parts.blockIDs[$0].contains(id) } },
            directive: { line, number in parts.block(article, index, line: line, number: number) }, blocks: parts.blockHTML)
        let (page, shape) = layoutCache.page(
            article.href, title: article.title.value, description: article.summary ?? article.title.value, kind: "article",
            body: body.html, toc: body.headings.filter { $0.level == 2 }, printable: false)
        guard let shape else { return (page, nil) }
        let shared = [shape] + body.blocks.map { parts.blockLinks[$0] }
        return (page, .assembled(page.path, ids: body.headings.map(\.id), hrefs: body.hrefs, shared: shared))
    }
}
