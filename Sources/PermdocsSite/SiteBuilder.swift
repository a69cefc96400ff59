import PermdocsLinks
import PermdocsPages
public import PermdocsArticles
public import PermdocsDiagnostics
public import PermdocsModel
public import PermdocsSupport
public import PermdocsTemplates
public import PermdocsValidate

/// Renders the whole site from validated content and the templates folder, streaming each file
/// to a `SiteSink`. Pages are flat (`index.html`, `SLUG.html`, `checklist-SCENARIO.html`,
/// `consent.html`, `permissions.json`, `style.css`), so every link is relative and works from
/// `file://` and under any sub-path. The same input always gives the same bytes: no timestamps,
/// no unordered iteration.
///
/// Two phases: `prepare` loads and checks templates and articles (nothing is written), `render`
/// renders every page (`SitePage`) on all cores into the sink, then checks every link.
public struct SiteBuilder: Sendable {
    public let content: Content
    public let reference: GraphReference
    /// Sub-phase times for `PERMDOCS_TIMINGS=1`.
    public var timings: PhaseTimings?

    public init(content: Content, reference: GraphReference = .shared) {
        self.content = content
        self.reference = reference
    }

    public static let indexPage = "index.html"
    public static let consentPage = "consent.html"
    public static let dataFile = "permissions.json"
    public static let consentData = "consent-urls.json"

    /// Templates and articles, loaded and checked: everything needed to render.
    public struct Prepared: Sendable {
        public let templates: TemplateSet
        public let articles: [Article]
        /// Where values land in code, by article index (`ArticleTemplate.codePlaces`).
        let codePlaces: [Int: CodePlaces]
    }

    /// What rendering found, and what it is done with.
    public struct Rendered: Sendable {
        /// Broken links; with an error the caller drops what the sink holds.
        public var diagnostics: Diagnostics
        /// The build's large structures (link records, shared blocks, the layout cache), handed
        /// back instead of freed, so a caller about to exit can keep them to the end (see
        /// `Leftovers`); dropping the value frees them as usual.
        public let leftovers: Leftovers
    }

    /// Phase 1: loads and checks templates and articles. Nil (with errors) when anything is wrong;
    /// nothing has been written anywhere.
    public func prepare(templatesFolder: String) throws(IOFailure) -> (Prepared?, Diagnostics) {
        var diagnostics = Diagnostics()
        let (templates, templateDiagnostics) = try TemplateSet.load(folder: templatesFolder, contract: SiteSchemas.contract)
        diagnostics.append(contentsOf: templateDiagnostics)
        timings?.mark("  templates")
        let articles = try ArticleLoader.load(
            contentFolder: content.folder, content: content, schema: SiteSchemas.articles,
            into: &diagnostics, timings: timings)
        guard let templates, !diagnostics.hasErrors else { return (nil, diagnostics) }
        let codePlaces = codePlaces(articles, into: &diagnostics)
        timings?.mark("  values in code")
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (Prepared(templates: templates, articles: articles, codePlaces: codePlaces), diagnostics)
    }

    /// Which articles put catalog values into code, and the values that would end the code they
    /// are in (`unsafe-code-value`): found before anything is written, since the values are the
    /// content's. Only articles whose tags may sit in code are looked at (most have none), and
    /// the context is built only for them.
    func codePlaces(_ articles: [Article], into diagnostics: inout Diagnostics) -> [Int: CodePlaces] {
        let candidates = parallelMap(articles.count) { articles[$0].template.mayPutValuesInCode(articles[$0].source) }
            .enumerated().filter(\.element).map(\.offset)
        guard !candidates.isEmpty else { return [:] }
        let context = articleContext()
        let found = parallelMap(candidates.count) { i in
            let article = articles[candidates[i]]
            return article.template.codePlaces(context, source: article.source, file: article.file)
        }
        var places: [Int: CodePlaces] = [:]
        for (i, (place, findings)) in found.enumerated() {
            diagnostics.append(contentsOf: findings)
            if let place { places[candidates[i]] = place }
        }
        return places
    }

    /// Phase 2: renders every page on all cores and streams it to `sink`, then checks every link.
    public func render(_ prepared: Prepared, into sink: SiteSink) throws(IOFailure) -> Rendered {
        var diagnostics = Diagnostics()
        let pass = RenderPass(
            builder: self, articles: prepared.articles, templates: prepared.templates, codePlaces: prepared.codePlaces, sink: sink)
        timings?.mark("  directive blocks (\(pass.parts.blockHTML.count))")
        let links = try pass.run()
        timings?.mark("  pages, on all cores")
        LinkIndex.report(links.check(), articles: prepared.articles, content: content, into: &diagnostics)
        timings?.mark("  link check")
        return Rendered(diagnostics: diagnostics, leftovers: Leftovers([links, pass.parts, pass.layoutCache]))
    }

    /// Both phases into memory: for tests and tools. `files` is nil when there is an error.
    public func build(templatesFolder: String) throws(IOFailure) -> (files: [OutputFile]?, diagnostics: Diagnostics) {
        var (prepared, diagnostics) = try prepare(templatesFolder: templatesFolder)
        guard let prepared else { return (nil, diagnostics) }
        let sink = MemorySink()
        diagnostics.append(contentsOf: try render(prepared, into: sink).diagnostics.all)
        let files = sink.files.map { OutputFile(path: $0.key, bytes: $0.value) }.sorted { $0.path < $1.path }
        return (diagnostics.hasErrors ? nil : files, diagnostics)
    }
}
