import PermdocsLinks
public import PermdocsArticles
public import PermdocsDiagnostics

/// A rendered site kept between builds, for `permdocs serve`: after an edit to one article that
/// changes nothing other pages show, only that page is rendered again and every link checked
/// again (from the records of the other pages, which stay as they were).
///
/// What other pages show of an article is its *signature* (`Signature`): its file name, title,
/// navigation title, summary, order and the procedures it shows (the navigation, the index, the
/// checklists' and procedures' links depend on them). An edit that keeps it, and shows only
/// directive blocks the site already has, is re-rendered alone; any other edit is a full render.
public final class LiveSite: @unchecked Sendable {
    /// Changed only by `replace`, which one thread calls at a time (`permdocs serve`'s builds).
    private(set) var pass: RenderPass
    private var links: LinkIndex
    /// The link check's findings for the site as it now is.
    public private(set) var diagnostics: Diagnostics

    /// Every file of the site (pages, data files, assets), by path: what may be served.
    public let files: Set<String>

    init(pass: RenderPass, links: LinkIndex, diagnostics: Diagnostics) {
        self.pass = pass
        self.links = links
        self.diagnostics = diagnostics
        files = links.paths
    }

    /// The site's articles, in site order.
    public var articles: [Article] { pass.articles }

    /// What other pages show of an article.
    struct Signature: Equatable {
        var file, slug, title: String
        var navTitle, summary: String?
        var order: Int
        var procedures: [Int]

        init(_ a: Article) {
            (file, slug, title, navTitle, summary) = (a.file, a.slug.value, a.title.value, a.navTitle, a.summary)
            order = a.order
            procedures = a.procedureNumbers
        }
    }

    /// Renders `article` (an edit of the article read from the same file) into `sink` alone and
    /// checks every link again. Nil when the edit changes what other pages show, or shows a
    /// directive block no page had: then only a full render is right. With errors in what it
    /// returns, the site stays as it was (the caller writes nothing); without, the site now has
    /// the edit, and the caller writes what `sink` received.
    public func replace(_ article: Article, into sink: SiteSink) throws(IOFailure) -> Diagnostics? {
        guard let index = pass.articles.firstIndex(where: { $0.file == article.file }),
            Signature(pass.articles[index]) == Signature(article),
            let parts = pass.parts.replacing(article: index, with: article),
            let position = links.position(of: article.href)
        else { return nil }
        // Where its values land in code, checked as a build checks them (`unsafe-code-value`).
        var found = Diagnostics()
        var code: CodePlaces?
        if article.template.mayPutValuesInCode(article.source) {
            let (places, findings) = article.template.codePlaces(pass.articleContext, source: article.source, file: article.file)
            found.append(contentsOf: findings)
            if found.hasErrors { return found }
            code = places
        }
        let next = pass.replacing(article: index, with: article, code: code, parts: parts, sink: sink)
        let page = next.render(.article(index))
        if let failure = next.failure.current { throw failure }
        // The records change in place (20,000 of them are not copied for one page). The last
        // good site had no broken link: only the pages the edit can change are checked again.
        let previous = links.record(at: position)
        let affected = links.replace(at: position, with: page, shared: next.sharedLinks)
        LinkIndex.report(links.check(affected), articles: next.articles, content: next.content, into: &found)
        if found.hasErrors {
            _ = links.replace(at: position, with: previous, shared: next.sharedLinks)
        } else {
            pass = next
            diagnostics = found
        }
        return found
    }
}

extension LiveSite {
    /// After an edit to the catalog, procedures or change log (`prepared`: everything loaded and
    /// checked again from the edited content, the same templates): renders the site-wide pages,
    /// and of the articles only those whose page can differ — the article changed, or it shows a
    /// directive block whose HTML changed, or it splices a value that changed, or its template is
    /// a program over the whole context. The others keep their page and link record. Nil when the
    /// edit changes the site's shape (the pages, their layout, how blocks are numbered): then
    /// only a full render is right. Like `replace`, the site changes only when what it returns
    /// has no error.
    public func rerender(
        _ builder: SiteBuilder, _ prepared: SiteBuilder.Prepared, into sink: SiteSink
    ) throws(IOFailure) -> (
        Diagnostics, rendered: Int
    )? {
        let old = pass
        let articles = prepared.articles
        guard articles.count == old.articles.count,
            zip(articles, old.articles).allSatisfy({ $0.href == $1.href }),
            (builder.content.changes != nil) == (old.content.changes != nil)
        else { return nil }
        let next = RenderPass(
            builder: builder, articles: articles, templates: prepared.templates, codePlaces: prepared.codePlaces, sink: sink, reusing: old)
        guard next.layout.sameShell(as: old.layout), next.pages.count == old.pages.count,
            next.parts.articleBlocks == old.parts.articleBlocks
        else { return nil }
        let changedBlocks = Set(next.parts.blockHTML.indices.filter { next.parts.blockHTML[$0] != old.parts.blockHTML[$0] })
        let sameValues = next.articleValues.same(as: old.articleValues)
        let keep: [Bool] = next.pages.indices.map { i in
            guard case .article(let a) = next.pages[i] else { return false }
            let (new, before) = (articles[a], old.articles[a])
            if case .program = new.template.plan { return false }
            if case .splice = new.template.plan, !sameValues { return false }
            return new.source == before.source && Signature(new) == Signature(before)
                && !next.parts.articleBlocks[a].contains(where: changedBlocks.contains)
        }
        let rendered = keep.count { !$0 }
        let records = links
        var found = Diagnostics()
        let nextLinks = try next.run(keeping: { keep[$0] ? records.record(at: $0) : nil })
        LinkIndex.report(nextLinks.check(), articles: articles, content: builder.content, into: &found)
        if !found.hasErrors {
            pass = next
            links = nextLinks
            diagnostics = found
        }
        return (found, rendered)
    }
}

extension SiteBuilder {
    /// Renders every page into `sink`, like `render`, and keeps what a later edit needs to
    /// render only the pages it changes (`LiveSite.replacing`).
    public func renderLive(_ prepared: Prepared, into sink: SiteSink) throws(IOFailure) -> LiveSite {
        let pass = RenderPass(
            builder: self, articles: prepared.articles, templates: prepared.templates, codePlaces: prepared.codePlaces, sink: sink)
        let links = try pass.run()
        var diagnostics = Diagnostics()
        LinkIndex.report(links.check(), articles: prepared.articles, content: content, into: &diagnostics)
        return LiveSite(pass: pass, links: links, diagnostics: diagnostics)
    }
}
