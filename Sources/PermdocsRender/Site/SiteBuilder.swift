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
        let articles = try ArticleLoader.load(contentFolder: content.folder, content: content, into: &diagnostics)
        checkProcedureUse(articles, into: &diagnostics)
        guard let templates, !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (Prepared(templates: templates, articles: articles), diagnostics)
    }

    /// Phase 2: renders every page on all cores and streams it to `sink`, then checks every link.
    /// Returns the findings (broken links); with an error the caller drops what the sink holds.
    public func render(_ prepared: Prepared, into sink: SiteSink) throws(IOFailure) -> Diagnostics {
        var diagnostics = Diagnostics()
        let pages = try render(articles: prepared.articles, templates: prepared.templates, sink: sink, diagnostics: &diagnostics)
        checkLinks(pages, articles: prepared.articles, into: &diagnostics)
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
        var shown: Set<String> = []
        for article in articles {
            var onPage: [String: SourceLocation] = [:]
            for d in article.directives where d.name == .procedure {
                guard let id = d.arguments.first else { continue }
                if let first = onPage[id.value] {
                    diagnostics.error("duplicate-directive", "procedure '\(id.value)' is already shown in this article", at: id.location, notes: [.init("shown here", at: first)])
                }
                onPage[id.value] = id.location
                shown.insert(id.value)
            }
        }
        if !articles.isEmpty {
            for p in content.procedures where !shown.contains(p.id.value) && p.audience == .user {
                diagnostics.warning("unused-procedure", "procedure '\(p.id.value)' is shown in no article (and is not an admin procedure, so no checklist holds it)", at: p.id.location)
            }
        }
    }

    /// Procedures in the order articles first show them, then the rest by id.
    func procedureOrder(_ articles: [Article]) -> [Procedure] {
        var order: [String] = []
        var seen: Set<String> = []
        for a in articles {
            for d in a.directives where d.name == .procedure {
                if let id = d.arguments.first?.value, seen.insert(id).inserted { order.append(id) }
            }
        }
        let rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        return content.procedures.sorted { (rank[$0.id.value] ?? Int.max, $0.id.value) < (rank[$1.id.value] ?? Int.max, $1.id.value) }
    }

    // MARK: - Rendering

    /// What the link check needs of a page once its bytes are written: its ids (it may be a link
    /// target), its links to other files, and the problems already found with links into itself.
    struct PageLinks: Sendable {
        var path: String
        var ids: Set<String>
        /// Relative links to another file: raw href, target file, fragment.
        var external: [(raw: String, target: String, fragment: Substring?)]
        /// Raw hrefs of `#fragment` links to an id this page does not have.
        var brokenLocal: [String]

        init(_ file: OutputFile) {
            path = file.path
            let (ids, hrefs) = HTMLScan.idsAndHrefs(in: file.bytes)
            self.ids = Set(ids)
            external = []
            brokenLocal = []
            var seen: Set<String> = []
            for raw in hrefs where !raw.isEmpty && seen.insert(raw).inserted {
                // Absolute links (a scheme, or '//') are not the site's to check.
                if raw.utf8.contains(58) || raw.hasPrefix("//") { continue }
                let href = raw.utf8.contains(38) ? raw.replacingOccurrences(of: "&amp;", with: "&") : raw
                guard let hash = href.firstIndex(of: "#") else {
                    external.append((raw, String(href.split(separator: "?").first ?? ""), nil))
                    continue
                }
                let before = href[..<hash]
                let fragment = href[href.index(after: hash)...]
                if before.isEmpty {
                    if !fragment.isEmpty && !self.ids.contains(String(fragment)) { brokenLocal.append(raw) }
                } else {
                    external.append((raw, String(before.split(separator: "?").first ?? ""), fragment))
                }
            }
        }

        init(path: String) {
            self.path = path
            ids = []
            external = []
            brokenLocal = []
        }
    }

    /// The page shell: the same navigation on every page (home, articles with a `nav_title`, the
    /// consent page), so its size does not grow with the number of articles.
    struct Layout: Sendable {
        let templates: TemplateSet
        let appName: String
        let nav: [(href: String, title: String)]

        func page(_ href: String, title: String, description: String, kind: String, body: String, toc: [CommonMark.Heading] = [], printable: Bool = false) -> OutputFile {
            let context: [String: Any] = [
                "title": title, "description": description, "app_name": appName, "content": body,
                "nav": nav.map { ["href": $0.href, "title": $0.title, "current": $0.href == href] as [String: Any] },
                "toc": toc.map { ["id": $0.id, "title": $0.text] }, "has_toc": !toc.isEmpty,
                "page_kind": kind, "generator": "permdocs \(PermdocsBuildInfo.version)", "stylesheet": "style.css",
                "printable": printable,
            ]
            return OutputFile(path: href, text: templates.render("layout", context))
        }
    }

    func render(articles: [Article], templates: TemplateSet, sink: SiteSink, diagnostics: inout Diagnostics) throws(IOFailure) -> [PageLinks] {
        let appName = content.catalog.app.name.value
        let ordered = procedureOrder(articles)
        let checklists = Checklist.scenarios.map { Checklist(scenario: $0) }

        var procedureHref: [String: String] = [:]
        for a in articles {
            for d in a.directives where d.name == .procedure {
                if let id = d.arguments.first?.value, procedureHref[id] == nil { procedureHref[id] = "\(a.href)#\(id)" }
            }
        }
        for c in checklists {
            for p in ordered where p.audience == .admin && p.applies(to: c.scenario) && procedureHref[p.id.value] == nil {
                procedureHref[p.id.value] = "\(c.href)#\(p.id.value)"
            }
        }
        let contexts = Contexts(content: content, reference: reference, procedureHref: procedureHref, consentHref: Self.consentPage)
        let checklistLinks: [[String: Any]] = checklists.map {
            ["href": $0.href, "title": $0.title(app: appName), "summary": $0.summary(app: appName), "has_summary": true]
        }
        let mainArticle = articles.first
        var nav: [(href: String, title: String)] = [("index.html", "\(appName) help center")]
        nav += articles.compactMap { a in a.navTitle.map { (a.href, $0) } }
        nav.append((Self.consentPage, "Grant consent"))
        let layout = Layout(templates: templates, appName: appName, nav: nav)
        let layoutCache = LayoutCache(layout: layout)

        // Each distinct directive renders once: `::permissions mailbox` is the same HTML on every page.
        var directiveHTML: [String: String] = [:]
        for a in articles {
            for d in a.directives where directiveHTML[d.source] == nil {
                directiveHTML[d.source] = renderDirective(d, templates: templates, contexts: contexts, checklistLinks: checklistLinks)
            }
        }

        // Every page in one parallel pass, each written as soon as it is rendered. The site-wide
        // pages (over every procedure or feature) go first so they never run last alone.
        let articleContext = UncheckedSendable(contexts.article(checklists: checklistLinks))
        let shared = UncheckedSendable((contexts, checklistLinks))
        let siteWide = checklists.count + 2
        let results: [(PageLinks?, [Diagnostic], IOFailure?)] = parallelMap(siteWide + articles.count) { job in
            let (contexts, checklistLinks) = shared.value
            let file: OutputFile
            if job < checklists.count {
                let c = checklists[job]
                let procedures = ordered.filter { $0.audience == .admin && $0.applies(to: c.scenario) }
                var contexts = contexts
                contexts.onThisPage = Set(procedures.map(\.id.value))
                let body = templates.render("checklist", [
                    "title": c.title(app: appName), "scenario": c.scenario.rawValue,
                    "summary_html": CommonMark.inlineHTML(MarkdownContentType().escapeText(c.summary(app: appName))),
                    "app_name": appName,
                    "procedures": procedures.map { contexts.procedure($0, checklist: true, heading: "h2") },
                    "article_href": mainArticle?.href ?? "", "has_article": mainArticle != nil,
                ])
                file = layout.page(c.href, title: c.title(app: appName), description: c.summary(app: appName), kind: "checklist", body: body, printable: true)
            } else if job == checklists.count {
                let links = contexts.consentLinks()
                let body = templates.render("consent", contexts.consent(links: links, articleHref: mainArticle?.href, dataHref: Self.consentData))
                file = layout.page(Self.consentPage, title: "Grant \(appName) access for your organization", description: "Admin consent links for \(appName)", kind: "consent", body: body)
                do throws(IOFailure) {
                    try sink.write(OutputFile(path: Self.consentData, text: ConsentLinksJSON.render(links)))
                    try sink.write(OutputFile(path: Self.dataFile, text: PermissionsJSON.render(content, reference: reference, procedureHref: procedureHref)))
                } catch { return (nil, [], error) }
            } else if job == checklists.count + 1 {
                let body = templates.render("index", [
                    "app_name": appName,
                    "articles": articles.map { ["href": $0.href, "title": $0.title.value, "summary": $0.summary ?? "", "has_summary": $0.summary != nil] as [String: Any] },
                    "checklists": checklistLinks, "consent_href": Self.consentPage, "data_href": Self.dataFile,
                ])
                file = layout.page("index.html", title: "\(appName) help center", description: "\(appName) help center", kind: "index", body: body)
            } else {
                let article = articles[job - siteWide]
                let markdown: String
                do throws(DiagnosticError) { markdown = try ArticleTemplate(article.body, file: article.file, nodes: article.template).render(articleContext.value) } catch {
                    return (nil, error.diagnostics, nil)
                }
                let reserved = Set(article.directives.filter { $0.name == .procedure }.compactMap { $0.arguments.first?.value })
                let document = CommonMark.renderDocument(markdown, reservedIDs: reserved) { line, _ in
                    directiveHTML[Self.normalizedDirective(line)]
                }
                let toc = document.headings.filter { $0.level == 2 }
                file = layoutCache.page(article.href, title: article.title.value, description: article.summary ?? article.title.value,
                                        kind: "article", body: document.html, toc: toc, printable: false)
            }
            do throws(IOFailure) { try sink.write(file) } catch { return (nil, [], error) }
            return (PageLinks(file), [], nil)
        }
        var pages: [PageLinks] = []
        for (page, found, failure) in results {
            if let failure { throw failure }
            diagnostics.append(contentsOf: found)
            if let page { pages.append(page) }
        }

        // Data and assets (no links to check, but they are link targets).
        for path in [Self.consentData, Self.dataFile] { pages.append(PageLinks(path: path)) }
        for file in templates.assets.map({ OutputFile(path: $0.name, bytes: $0.bytes) }) {
            try sink.write(file)
            pages.append(PageLinks(path: file.path))
        }
        return pages
    }

    func renderDirective(_ d: Directive, templates: TemplateSet, contexts: Contexts, checklistLinks: [[String: Any]]) -> String {
        switch d.name {
        case .permissions:
            guard let id = d.arguments.first?.value, let f = content.catalog.feature(id) else { return "" }
            return templates.render("permissions", contexts.permissions(f))
        case .procedure:
            guard let id = d.arguments.first?.value, let p = content.procedure(id) else { return "" }
            return templates.render("procedure", contexts.procedure(p, checklist: false, heading: d.options["heading"]?.value ?? "h3"))
        case .checklists:
            return templates.render("checklists", ["checklists": checklistLinks])
        }
    }

    /// Directives are matched by their words, so spacing does not matter.
    public static func normalizedDirective(_ line: String) -> String {
        line.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    // MARK: - Links

    /// Every relative link of every HTML page must reach a file of the site and, with a fragment,
    /// an element id on that page. A broken link in an article is reported where the article
    /// writes it.
    func checkLinks(_ pages: [PageLinks], articles: [Article], into diagnostics: inout Diagnostics) {
        var ids: [String: Set<String>] = [:]
        for p in pages where p.path.hasSuffix(".html") { ids[p.path] = p.ids }
        let paths = Set(pages.map(\.path))
        let articlesByHref = Dictionary(articles.map { ($0.href, $0) }, uniquingKeysWith: { a, _ in a })
        // A link to another file means the same on every page: each distinct one is checked once.
        var verdicts: [String: String?] = [:]
        for p in pages where p.path.hasSuffix(".html") {
            var problems: [(raw: String, message: String)] = p.brokenLocal.map { ($0, "link to '\($0)': '\(p.path)' has no element with id '\($0.dropFirst())'") }
            for link in p.external {
                let verdict: String?
                if let cached = verdicts[link.raw] {
                    verdict = cached
                } else {
                    if !paths.contains(link.target) {
                        verdict = "link to '\(link.raw)': no page '\(link.target)' in the site"
                    } else if let fragment = link.fragment, !fragment.isEmpty, let targetIDs = ids[link.target], !targetIDs.contains(String(fragment)) {
                        verdict = "link to '\(link.raw)': '\(link.target)' has no element with id '\(fragment)'"
                    } else {
                        verdict = nil
                    }
                    verdicts[link.raw] = verdict
                }
                if let verdict { problems.append((link.raw, verdict)) }
            }
            for problem in problems {
                let location = articlesByHref[p.path].flatMap { locate(problem.raw, in: $0) } ?? SourceLocation(file: p.path, line: 1, column: 1)
                diagnostics.error("broken-link", problem.message, at: location)
            }
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

/// Reads attribute values out of the HTML permdocs generated (double-quoted, as cmark and
/// Mustache write them). Not a general HTML parser; it only needs to read what permdocs wrote.
enum HTMLScan {
    /// Every ` id="…"` and ` href="…"` value, in one pass over the bytes.
    static func idsAndHrefs(in bytes: [UInt8]) -> (ids: [String], hrefs: [String]) {
        var ids: [String] = []
        var hrefs: [String] = []
        bytes.withUnsafeBufferPointer { b in
            let n = b.count
            var i = 0
            while i + 5 < n {
                // An attribute starts after a space: ` id="` or ` href="`.
                guard b[i] == 32 else { i += 1; continue }
                var valueStart = -1
                var isID = false
                if b[i + 1] == 105, b[i + 2] == 100, b[i + 3] == 61, b[i + 4] == 34 {          // id="
                    valueStart = i + 5
                    isID = true
                } else if i + 7 < n, b[i + 1] == 104, b[i + 2] == 114, b[i + 3] == 101, b[i + 4] == 102, b[i + 5] == 61, b[i + 6] == 34 { // href="
                    valueStart = i + 7
                }
                guard valueStart >= 0 else { i += 1; continue }
                var j = valueStart
                while j < n, b[j] != 34 { j += 1 }
                let value = String(decoding: UnsafeBufferPointer(rebasing: b[valueStart..<j]), as: UTF8.self)
                if isID { ids.append(value) } else { hrefs.append(value) }
                i = j
            }
        }
        return (ids, hrefs)
    }
}
