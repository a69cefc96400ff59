public import PermdocsDiagnostics
public import PermdocsValidate
public import PermdocsSupport
import PermdocsModel
import PermdocsTemplates
import Foundation

/// Reads and checks the articles of a content folder against the validated content: front
/// matter, directives resolved to the catalog and procedures, template tags against `schema`, and
/// where procedures are shown. What it returns is all rendering ever sees.
public enum ArticleLoader {
    public static let folder = "articles"
    public static let maxArticleBytes = 4 << 20

    /// Loads every `*.md` in `content/articles`, sorted by `order` then file name, and checks
    /// where they show procedures.
    public static func load(
        contentFolder: String, content: Content, schema: ArticleSchema, into diagnostics: inout Diagnostics,
        timings: PhaseTimings? = nil
    ) throws(IOFailure) -> [Article] {
        let articles = try read(contentFolder: contentFolder, content: content, schema: schema, into: &diagnostics, timings: timings)
        checkProcedureUse(articles, content: content, into: &diagnostics)
        timings?.mark("  procedure use")
        return articles
    }

    /// Every article read and checked on its own (in parallel), then slugs and order.
    static func read(
        contentFolder: String, content: Content, schema: ArticleSchema, into diagnostics: inout Diagnostics,
        timings: PhaseTimings?
    ) throws(IOFailure) -> [Article] {
        let dir = Paths.join(contentFolder, folder)
        // Articles are read and checked in parallel; results come back in file-name order.
        // One listing: the articles (`NAME.md`, not hidden), and the files warned about.
        let all = try Paths.listAllEntries(dir)
        let entries = all.filter { isArticleName($0.name) }
        diagnostics.append(contentsOf: ignoredFiles.warnings(all, in: dir, rule: ArticleRule.ignoredArticleFile))
        let containment = Containment.Folder(dir, root: contentFolder)
        timings?.mark("  list articles")
        let loaded: [(Article?, [Diagnostic], IOFailure?)] = parallelMap(entries.count) { i in
            var d = Diagnostics()
            do throws(IOFailure) {
                let article = try readOne(
                    entries[i], in: dir, containment: containment, contentFolder: contentFolder, content: content, schema: schema,
                    into: &d)
                return (article, d.all, nil)
            } catch {
                return (nil, [], error)
            }
        }
        timings?.mark("  read and check articles, on all cores")
        var articles: [Article] = []
        articles.reserveCapacity(loaded.count)
        for (article, found, failure) in loaded {
            if let failure { throw failure }
            diagnostics.append(contentsOf: found)
            if let article { articles.append(article) }
        }
        var slugs: [String: SourceLocation] = [:]
        for a in articles {
            if let first = slugs[a.slug.value] {
                diagnostics.error(
                    ArticleRule.duplicateSlug, "two articles have the slug '\(a.slug.value)'", at: a.slug.location,
                    notes: [.init("the other one", at: first)])
            }
            slugs[a.slug.value] = a.slug.location
            if reservedSlugs.contains(a.slug.value) || a.slug.value.hasPrefix("checklist-") {
                diagnostics.error(
                    ArticleRule.reservedSlug, "slug '\(a.slug.value)' is used by a generated page; choose another", at: a.slug.location)
            }
        }
        defer { timings?.mark("  slugs and order") }
        // The files come sorted by name: order by `order`, keeping that order among equals.
        if let first = articles.first, articles.allSatisfy({ $0.order == first.order }) { return articles }
        return articles.enumerated().sorted { ($0.element.order, $0.offset) < ($1.element.order, $1.offset) }.map(\.element)
    }

    /// Reads and checks the article `file` alone (`permdocs serve`, after an edit): what `load`
    /// would give for it, without the checks across articles (slugs, procedure use). Nil with
    /// errors when it is not an article the site can show.
    public static func loadOne(
        file: String, contentFolder: String, content: Content, schema: ArticleSchema, into diagnostics: inout Diagnostics
    ) throws(IOFailure) -> Article? {
        let dir = Paths.join(contentFolder, folder)
        let name = Paths.lastComponent(file)
        // What `load` lists: a `*.md` file, not hidden (resolved, not taken as plain: one file),
        // that exists (a removed article is no article: nil, without a finding).
        var info = stat()
        guard Paths.parent(file) == dir || Paths.resolved(Paths.parent(file)) == Paths.resolved(dir), isArticleName(name),
            lstat(file, &info) == 0
        else { return nil }
        let entry = Paths.Entry(name: name, isPlainFile: false)
        let article = try readOne(
            entry, in: dir, containment: Containment.Folder(dir, root: contentFolder), contentFolder: contentFolder, content: content,
            schema: schema, into: &diagnostics)
        if let article { checkShownOnce(article, into: &diagnostics) }
        if let article, reservedSlugs.contains(article.slug.value) || article.slug.value.hasPrefix("checklist-") {
            diagnostics.error(
                ArticleRule.reservedSlug, "slug '\(article.slug.value)' is used by a generated page; choose another",
                at: article.slug.location)
        }
        return article
    }

    /// One article file of the listing: contained, not too large, parsed and checked.
    private static func readOne(
        _ entry: Paths.Entry, in dir: String, containment: Containment.Folder, contentFolder: String, content: Content,
        schema: ArticleSchema, into d: inout Diagnostics
    ) throws(IOFailure) -> Article? {
        let file = Paths.join(dir, entry.name)
        if let target = containment.escape(file, entry: entry) {
            d.append(Containment.diagnostic(file, root: contentFolder, target: target))
            return nil
        }
        guard let bytes = try FileInput.read(file, displayPath: file, limit: maxArticleBytes) else {
            d.error(
                InputRule.fileTooLarge, "article is larger than \(maxArticleBytes) bytes",
                at: SourceLocation(file: file, line: 1, column: 1))
            return nil
        }
        return parse(bytes: bytes, file: file, stem: String(entry.name.dropLast(3)), content: content, schema: schema, into: &d)
    }

    /// Files of the articles folder not read as articles: other Markdown spellings (`x.MD`,
    /// `x.markdown`, …) and hidden drafts (`IgnoredFiles`), so every article has one name.
    static let ignoredFiles = IgnoredFiles(
        read: ["md"], lookalike: ["md", "markdown", "mdown", "mkd", "mkdn", "mdwn", "mdtxt", "mdtext"], renamed: { _ in "md" },
        spelling: "'.md'", kind: "article")

    /// Whether a file named `name` in the articles folder is an article: `NAME.md`, not hidden.
    package static func isArticleName(_ name: String) -> Bool {
        !name.hasPrefix(".") && name.hasSuffix(".md") && name.utf8.count > 3
    }

    static let reservedSlugs: Set<String> = ["index", "consent", "consent-urls", "permissions", "style"]

    /// Whether the line starting at byte `i` is `---`.
    static func isFence(_ raw: [UInt8], at i: Int) -> Bool {
        let dash = UInt8(ascii: "-")
        return i + 3 <= raw.count && raw[i] == dash && raw[i + 1] == dash && raw[i + 2] == dash
            && (i + 3 == raw.count || raw[i + 3] == UInt8(ascii: "\n"))
    }

    /// Where the closing '---' line starts (byte offset) and its 0-based line number.
    static func frontMatterEnd(_ raw: [UInt8]) -> (Int, Int)? {
        var line = 0
        var i = 0
        let n = raw.count
        while i < n {
            // raw[i] starts a line.
            if line > 0, isFence(raw, at: i) {
                return (i, line)
            }
            while i < n, raw[i] != UInt8(ascii: "\n") { i += 1 }
            i += 1
            line += 1
        }
        return nil
    }

    /// Parses and checks one article held in memory (the fuzz target calls this too).
    /// `bytes` is consumed: the front matter is blanked in the caller's buffer, without a copy.
    public static func parse(
        bytes: consuming [UInt8], file: String, stem: String, content: Content, schema: ArticleSchema,
        into diagnostics: inout Diagnostics
    ) -> Article? {
        let start = SourceLocation(file: file, line: 1, column: 1)
        var raw = consume bytes
        if raw.starts(with: [0xEF, 0xBB, 0xBF]) { raw.removeFirst(3) }
        if let error = raw.withUnsafeBufferPointer({ TextScan.encodingError(in: $0, file: file) }) {
            diagnostics.append(error)
            return nil
        }
        // Every line ending becomes LF: an article loads, renders and is located the same
        // whatever its line endings (CRLF, or a lone CR as libyaml counts it).
        raw = Bytes.lineFeeds(raw)
        let newline = UInt8(ascii: "\n")
        // The front matter: '---' on the first line, up to the next line that is '---'.
        guard isFence(raw, at: 0), let (closeStart, _) = frontMatterEnd(raw) else {
            diagnostics.error(ArticleRule.missingFrontMatter, "an article starts with a front matter: '---', 'title: …', '---'", at: start)
            return nil
        }
        let front = FrontMatter.read(raw[4..<closeStart], file: file, into: &diagnostics)
        let title = front.title
        let slug = front.slug ?? Located(stem, at: start)
        let summary = front.summary
        let navTitle = front.navTitle
        let order = front.order ?? Int.max
        if !ContentValidator.isValidID(slug.value) {
            diagnostics.error(
                CatalogRule.invalidID, "slug '\(slug.value)' must be lowercase letters, digits and '-' (it is the page's file name)",
                at: slug.location)
        } else if ContentValidator.isWindowsDeviceName(slug.value) {
            let origin = front.slug == nil ? " (the slug is the file name: rename the file or set 'slug')" : ""
            diagnostics.error(
                CatalogRule.windowsReservedName,
                "slug '\(slug.value)' is a device name on Windows: '\(slug.value).html' cannot be checked out there; choose another\(origin)",
                at: slug.location)
        }
        if front.slug != nil, ContentValidator.isWindowsDeviceName(stem) {
            diagnostics.error(
                CatalogRule.windowsReservedName,
                "file name '\(stem).md' is a device name on Windows: a checkout of the content there fails; rename the file", at: start)
        }
        // The body keeps its lines and columns: the front matter, '---' lines included, becomes
        // blank lines in place (every byte but the line breaks turns into a space).
        let afterClose = min(raw.count, closeStart + 3)
        raw.withUnsafeMutableBufferPointer { b in
            for i in 0..<afterClose where b[i] != newline { b[i] = UInt8(ascii: " ") }
        }
        let body = raw
        let directives = DirectiveScanner.scan(body: body, file: file, content: content, into: &diagnostics)
        var templateDiagnostics = Diagnostics()
        let nodes = body.withUnsafeBufferPointer { TemplateScanner.scan(bytes: $0, file: file, diagnostics: &templateDiagnostics) }
        diagnostics.append(contentsOf: templateDiagnostics.all)
        // `{{app.name}}` and the like need no checker run: they are text fields of the schema.
        let plain = nodes.allSatisfy { node in
            if case .tag(let tag) = node, tag.kind == .variable(escaped: true) { return schema.textPaths.contains(tag.name) }
            return false
        }
        if !plain {
            var checker = TemplateChecker(schemas: schema.schemas, partials: [:])
            checker.check(nodes, root: .object(schema.root))
            diagnostics.append(contentsOf: checker.diagnostics.all)
        }
        guard let title else { return nil }
        return Article(
            file: file, title: title, slug: slug, summary: summary, navTitle: navTitle, order: order, source: body, directives: directives,
            template: ArticleTemplate(body, nodes: nodes))
    }

    // MARK: - Where procedures are shown

    /// A feature's permissions or a procedure shown twice in one article would repeat their ids
    /// on the page: an error at the second (a check of the article alone, which `permdocs serve`
    /// runs after an edit too).
    static func checkShownOnce(_ article: Article, into diagnostics: inout Diagnostics) {
        // An article shows a few tables and procedures: a list is enough to find a repeat, and
        // the directives are looked at only for one.
        let tables = article.permissionNumbers
        for (k, n) in tables.enumerated() where tables[..<k].contains(n) {
            let shown = article.directives.filter { $0.name == .permissions && !$0.arguments.isEmpty && $0.target == n }
            guard shown.count >= 2, let id = shown[tables[..<k].count { $0 == n }].arguments.first, let first = shown[0].arguments.first
            else { continue }
            diagnostics.error(
                ArticleRule.duplicateDirective, "the permissions of feature '\(id.value)' are already shown in this article",
                at: id.location, notes: [.init("shown here", at: first.location)])
        }
        let numbers = article.procedureNumbers
        for (k, n) in numbers.enumerated() {
            if let first = numbers[..<k].firstIndex(of: n) {
                let id = article.procedureIDs[k]
                diagnostics.error(
                    ArticleRule.duplicateDirective, "procedure '\(id.value)' is already shown in this article", at: id.location,
                    notes: [.init("shown here", at: article.procedureIDs[first].location)])
            }
        }
    }

    /// A procedure or a feature's permissions shown twice on one page would repeat their ids; a
    /// procedure shown nowhere is dead text.
    static func checkProcedureUse(_ articles: [Article], content: Content, into diagnostics: inout Diagnostics) {
        var shown = [Bool](repeating: false, count: content.procedures.count)
        for article in articles {
            checkShownOnce(article, into: &diagnostics)
            for n in article.procedureNumbers { shown[n] = true }
        }
        if !articles.isEmpty {
            for (n, p) in content.procedures.enumerated() where !shown[n] && p.audience == .user {
                diagnostics.warning(
                    ArticleRule.unusedProcedure,
                    "procedure '\(p.id.value)' is shown in no article (and is not an admin procedure, so no checklist holds it)",
                    at: p.id.location)
            }
        }
    }
}
