public import PermdocsDiagnostics
public import PermdocsModel
import PermdocsLoad
public import PermdocsValidate
import Foundation

/// A help article: `content/articles/NAME.md`, a small YAML front matter and Markdown that may use
/// template tags (`{{app.name}}`) and directives (`::permissions mailbox` on a line of its own).
///
///     ---
///     title: How to set up permissions …
///     slug: microsoft-entra-permissions     # optional, defaults to the file name
///     summary: One line for the index page  # optional
///     order: 1                              # optional, index order
///     nav_title: Entra ID permissions       # optional, shorter title for the navigation
///     ---
public final class Article: Sendable {
    public let file: String
    public let title: Located<String>
    public let slug: Located<String>
    public let summary: String?
    /// Short title for the navigation bar; defaults to the title.
    public let navTitle: String?
    public let order: Int
    /// The Markdown (UTF-8) with the front matter replaced by as many empty lines, so every line
    /// and column of the body is the line and column in the file.
    public let source: [UInt8]
    public var body: String { String(decoding: source, as: UTF8.self) }
    public let directives: [Directive]
    /// The procedures the article shows, in order (the id argument of each `::procedure`).
    let procedureIDs: [Located<String>]
    /// The same procedures by their index in `Content.procedures`: the serial passes over every
    /// article of a large build compare numbers instead of hashing ids.
    let procedureNumbers: [Int]
    /// Each directive's words (`Directive.source`), line and block (`Directive.block`), in
    /// order: what rendering needs of them, without copying directives around on the serial
    /// paths of a large build.
    let directiveKeys: [(source: String, line: Int, block: Int)]
    /// How the body's template tags render.
    let template: ArticleTemplate

    /// The page's file name, `SLUG.html`.
    public let href: String

    init(file: String, title: Located<String>, slug: Located<String>, summary: String?, navTitle: String?, order: Int,
         source: [UInt8], directives: [Directive], template: ArticleTemplate) {
        self.file = file
        self.title = title
        self.slug = slug
        href = slug.value + ".html"
        self.summary = summary
        self.navTitle = navTitle
        self.order = order
        self.source = source
        self.directives = directives
        procedureIDs = directives.compactMap { $0.name == .procedure ? $0.arguments.first : nil }
        procedureNumbers = directives.compactMap { $0.name == .procedure ? $0.target : nil }
        directiveKeys = directives.map { ($0.source, $0.line, $0.block) }
        self.template = template
    }
}

/// A leaf directive, `::name argument… key=value…`, alone on a line in column 1 with empty lines
/// around it. Its arguments are literal (no template tags), so it is checked at its exact place
/// before anything renders.
public struct Directive: Sendable {
    public enum Name: String, Sendable, CaseIterable {
        /// `::permissions FEATURE` — the feature's permission table.
        case permissions
        /// `::procedure ID [heading=h2|h3|h4]` — a procedure with numbered steps.
        case procedure
        /// `::checklists` — links to the printable checklists.
        case checklists
    }

    public var name: Name
    public var arguments: [Located<String>]
    public var options: [String: Located<String>]
    public var location: SourceLocation
    /// 1-based line in the article file.
    public var line: Int
    /// The directive's words as written, single-spaced: how the rendered page finds it again.
    public var source: String
    /// What it shows, once checked: the index of its feature (`Catalog.features`) or procedure
    /// (`Content.procedures`); 0 for `::checklists`.
    public internal(set) var target = 0
    /// Which of the site's possible blocks it renders, once checked: one per feature, one per
    /// procedure and heading level, one for the checklists (`Directive.block(...)`). Directives
    /// written differently that show the same thing share a block.
    public internal(set) var block = 0

    /// The block of a checked directive (see `block`), for a content with `features` features and
    /// `procedures` procedures: features first, then three heading levels per procedure, then
    /// the checklists.
    static func block(_ name: Name, target: Int, heading: String?, features: Int, procedures: Int) -> Int {
        let level = switch heading { case "h2": 0; case "h4": 2; default: 1 }
        return switch name {
        case .permissions: target
        case .procedure: features + 3 * target + level
        case .checklists: features + 3 * procedures
        }
    }

    /// How many blocks there can be: one past the checklists' block.
    static func blockCount(features: Int, procedures: Int) -> Int {
        block(.checklists, target: 0, heading: nil, features: features, procedures: procedures) + 1
    }
}

public enum ArticleLoader {
    public static let folder = "articles"
    public static let maxArticleBytes = 4 << 20

    /// Loads every `*.md` in `content/articles`, sorted by `order` then file name.
    public static func load(contentFolder: String, content: Content, into diagnostics: inout Diagnostics, timings: PhaseTimings? = nil) throws(IOFailure) -> [Article] {
        let dir = Paths.join(contentFolder, folder)
        // Articles are read and checked in parallel; results come back in file-name order.
        let entries = try Paths.listEntries(dir, extensions: ["md"])
        let containment = Containment.Folder(dir, root: contentFolder)
        timings?.mark("  list articles")
        let loaded: [(Article?, [Diagnostic], IOFailure?)] = parallelMap(entries.count) { i in
            let name = entries[i].name
            let file = Paths.join(dir, name)
            var d = Diagnostics()
            if let target = containment.escape(file, entry: entries[i]) {
                return (nil, [Containment.diagnostic(file, root: contentFolder, target: target)], nil)
            }
            do throws(IOFailure) {
                guard let bytes = try FileInput.read(file, displayPath: file, limit: maxArticleBytes) else {
                    d.error("file-too-large", "article is larger than \(maxArticleBytes) bytes", at: SourceLocation(file: file, line: 1, column: 1))
                    return (nil, d.all, nil)
                }
                let article = parse(bytes: bytes, file: file, stem: String(name.dropLast(3)), content: content, into: &d)
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
                diagnostics.error("duplicate-slug", "two articles have the slug '\(a.slug.value)'", at: a.slug.location, notes: [.init("the other one", at: first)])
            }
            slugs[a.slug.value] = a.slug.location
            if reservedSlugs.contains(a.slug.value) || a.slug.value.hasPrefix("checklist-") {
                diagnostics.error("reserved-slug", "slug '\(a.slug.value)' is used by a generated page; choose another", at: a.slug.location)
            }
        }
        defer { timings?.mark("  slugs and order") }
        // The files come sorted by name: order by `order`, keeping that order among equals.
        if let first = articles.first, articles.allSatisfy({ $0.order == first.order }) { return articles }
        return articles.enumerated().sorted { ($0.element.order, $0.offset) < ($1.element.order, $1.offset) }.map(\.element)
    }

    static let reservedSlugs: Set<String> = ["index", "consent", "consent-urls", "permissions", "style"]

    /// Where the closing '---' line starts (byte offset) and its 0-based line number.
    static func frontMatterEnd(_ raw: [UInt8]) -> (Int, Int)? {
        var line = 0
        var i = 0
        let n = raw.count
        while i < n {
            // raw[i] starts a line.
            if line > 0, i + 3 <= n, raw[i] == 45, raw[i + 1] == 45, raw[i + 2] == 45, i + 3 == n || raw[i + 3] == 10 {
                return (i, line)
            }
            while i < n, raw[i] != 10 { i += 1 }
            i += 1
            line += 1
        }
        return nil
    }

    /// Parses and checks one article held in memory (the fuzz target calls this too).
    /// `bytes` is consumed: the front matter is blanked in the caller's buffer, without a copy.
    public static func parse(bytes: consuming [UInt8], file: String, stem: String, content: Content, into diagnostics: inout Diagnostics) -> Article? {
        let start = SourceLocation(file: file, line: 1, column: 1)
        var raw = consume bytes
        if raw.starts(with: [0xEF, 0xBB, 0xBF]) { raw.removeFirst(3) }
        if let error = raw.withUnsafeBufferPointer({ TextScan.encodingError(in: $0, file: file) }) {
            diagnostics.append(error)
            return nil
        }
        if raw.withUnsafeBufferPointer({ $0.baseAddress.map { Bytes.find(13, in: $0, from: 0, to: raw.count) != nil } ?? false }) {
            // CRLF to LF, in bytes.
            var lf: [UInt8] = []
            lf.reserveCapacity(raw.count)
            for (i, b) in raw.enumerated() where !(b == 13 && i + 1 < raw.count && raw[i + 1] == 10) { lf.append(b) }
            raw = lf
        }
        // The front matter: '---' on the first line, up to the next line that is '---'.
        let opens = raw.count >= 3 && raw[0] == 45 && raw[1] == 45 && raw[2] == 45 && (raw.count == 3 || raw[3] == 10)
        guard opens, let (closeStart, _) = frontMatterEnd(raw) else {
            diagnostics.error("missing-front-matter", "an article starts with a front matter: '---', 'title: …', '---'", at: start)
            return nil
        }
        let front = FrontMatter.read(raw[4..<closeStart], file: file, into: &diagnostics)
        let title = front.title
        let slug = front.slug ?? Located(stem, at: start)
        let summary = front.summary
        let navTitle = front.navTitle
        let order = front.order ?? Int.max
        if !ContentValidator.isValidID(slug.value) {
            diagnostics.error("invalid-id", "slug '\(slug.value)' must be lowercase letters, digits and '-' (it is the page's file name)", at: slug.location)
        }
        // The body keeps its lines and columns: the front matter, '---' lines included, becomes
        // blank lines in place (every byte but the line breaks turns into a space).
        let afterClose = min(raw.count, closeStart + 3)
        raw.withUnsafeMutableBufferPointer { b in
            for i in 0..<afterClose where b[i] != 10 { b[i] = 32 }
        }
        let body = raw
        let directives = DirectiveScanner.scan(body: body, file: file, content: content, into: &diagnostics)
        var templateDiagnostics = Diagnostics()
        let nodes = body.withUnsafeBufferPointer { TemplateScanner.scan(bytes: $0, file: file, diagnostics: &templateDiagnostics) }
        diagnostics.append(contentsOf: templateDiagnostics.all)
        // `{{app.name}}` and the like need no checker run: they are text fields of the schema.
        let plain = nodes.allSatisfy { node in
            if case .tag(let tag) = node, tag.kind == .variable(escaped: true) { return SiteSchemas.articleTextPaths.contains(tag.name) }
            return false
        }
        if !plain {
            var checker = TemplateChecker(schemas: SiteSchemas.all, partials: [:])
            checker.check(nodes, root: .object("article"))
            diagnostics.append(contentsOf: checker.diagnostics.all)
        }
        guard let title else { return nil }
        return Article(file: file, title: title, slug: slug, summary: summary, navTitle: navTitle, order: order, source: body, directives: directives, template: ArticleTemplate(body, nodes: nodes))
    }
}

/// An article's front matter: `title` (required), `slug`, `summary`, `nav_title`, `order`.
struct FrontMatter: Equatable {
    var title: Located<String>?
    var slug: Located<String>?
    var summary: String?
    var navTitle: String?
    var order: Int?

    /// Reads the lines between the `---` lines (`yaml` starts on line 2 of the file).
    static func read(_ yaml: ArraySlice<UInt8>, file: String, into diagnostics: inout Diagnostics) -> FrontMatter {
        simple(yaml, file: file) ?? withYAML(yaml, file: file, into: &diagnostics)
    }

    /// Through the YAML loader, with every check and its located errors.
    static func withYAML(_ yaml: ArraySlice<UInt8>, file: String, into diagnostics: inout Diagnostics) -> FrontMatter {
        let start = SourceLocation(file: file, line: 1, column: 1)
        // Loaded with the file's line numbers: line 1 is the opening '---'.
        let document = YAMLLoader(maxDepth: 8).load(bytes: [10] + Array(yaml), file: file)
        diagnostics.append(contentsOf: document.diagnostics.filter { $0.kind != "empty-file" })
        var reader = NodeReader()
        var front = FrontMatter()
        if let root = document.root, let map = reader.mapping(root, what: "the front matter", required: ["title"], optional: ["slug", "summary", "order", "nav_title"]) {
            front.title = reader.string(in: map, "title")
            front.slug = reader.string(in: map, "slug")
            front.summary = reader.string(in: map, "summary")?.value
            front.navTitle = reader.string(in: map, "nav_title")?.value
            if let node = map.value("order") {
                if let n = node.scalar?.int { front.order = n } else {
                    reader.diagnostics.error("wrong-type", "'order' must be a whole number", at: node.location)
                }
            }
        } else if document.root == nil, !document.hasErrors {
            reader.diagnostics.error("missing-key", "the front matter is missing required key 'title'", at: start)
        }
        diagnostics.append(contentsOf: reader.diagnostics.all)
        return front
    }

    /// The usual front matter read without a YAML parser: one `key: value` per line at column 1,
    /// each key known and once, values on one line — plain (starting with a letter or digit, no
    /// `: ` or ` #`), or single- or double-quoted without escapes — plus empty and comment lines.
    /// Anything else (and anything that would be an error) returns nil and goes through
    /// `withYAML`; where this reader answers, it answers exactly as `withYAML` would (a test holds
    /// the two to each other).
    static func simple(_ yaml: ArraySlice<UInt8>, file: String) -> FrontMatter? {
        var front = FrontMatter()
        var seen = 0
        var lineNumber = 2
        var i = yaml.startIndex
        let end = yaml.endIndex
        while i < end {
            var lineEnd = i
            while lineEnd < end, yaml[lineEnd] != 10 { lineEnd += 1 }
            defer { i = lineEnd + 1; lineNumber += 1 }
            if lineEnd == i || yaml[i] == 35 { continue }                       // empty line, '# comment'
            var k = i
            while k < lineEnd, (yaml[k] >= 97 && yaml[k] <= 122) || yaml[k] == 95 { k += 1 }
            guard k > i, k + 1 < lineEnd, yaml[k] == 58, yaml[k + 1] == 32 else { return nil }
            let key = String(decoding: yaml[i..<k], as: UTF8.self)
            let bit: Int
            switch key {
            case "title": bit = 1
            case "slug": bit = 2
            case "summary": bit = 4
            case "order": bit = 8
            case "nav_title": bit = 16
            default: return nil
            }
            guard seen & bit == 0 else { return nil }
            seen |= bit
            var v = k + 1
            while v < lineEnd, yaml[v] == 32 { v += 1 }
            guard v < lineEnd, let text = value(yaml[v..<lineEnd]) else { return nil }
            guard text.utf8.contains(where: { $0 != 32 }) else { return nil }
            let located = Located(text, at: SourceLocation(file: file, line: lineNumber, column: v - i + 1))
            switch key {
            case "title": front.title = located
            case "slug": front.slug = located
            case "summary": front.summary = text
            case "nav_title": front.navTitle = text
            default:
                guard yaml[v] != 34, yaml[v] != 39, text.utf8.count <= 9, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
                front.order = Int(text)
            }
        }
        return front.title == nil ? nil : front
    }

    /// One value: the text of a quoted or plain scalar that needs no YAML rule beyond the obvious.
    private static func value(_ v: ArraySlice<UInt8>) -> String? {
        var last = v.endIndex
        while last > v.startIndex, v[last - 1] == 32 { last -= 1 }
        let quote = v[v.startIndex]
        let inner: ArraySlice<UInt8>
        if quote == 34 || quote == 39 {
            guard last - v.startIndex >= 2, v[last - 1] == quote else { return nil }
            inner = v[(v.startIndex + 1)..<(last - 1)]
            // No escapes, no quote inside ('' in single quotes is one), nothing after the closing one.
            guard !inner.contains(quote), quote == 39 || !inner.contains(92) else { return nil }
        } else {
            let first = quote
            guard (first >= 48 && first <= 57) || (first >= 65 && first <= 90) || (first >= 97 && first <= 122) || first >= 0x80 else { return nil }
            inner = v[v.startIndex..<last]
            var previous: UInt8 = 0
            for (n, b) in zip(inner.indices, inner) {
                // ': ' (or ':' at the end) makes a mapping; ' #' starts a comment.
                if b == 58, n + 1 == inner.endIndex || inner[n + 1] == 32 { return nil }
                if b == 35, previous == 32 { return nil }
                if b == 91 || b == 93 || b == 123 || b == 125 || b == 9 { return nil }
                previous = b
            }
            let text = String(decoding: inner, as: UTF8.self)
            if text == "null" || text == "Null" || text == "NULL" { return nil }
        }
        // Control characters, and what YAML 1.1 reads as line breaks or a byte order mark
        // (U+0085, U+2028, U+2029, U+FEFF), are the YAML parser's to judge.
        var k = inner.startIndex
        while k < inner.endIndex {
            let b = inner[k]
            if b < 32 || b == 127 { return nil }
            if b == 0xC2, k + 1 < inner.endIndex, inner[k + 1] < 0xA0 { return nil }
            if b == 0xE2, k + 2 < inner.endIndex, inner[k + 1] == 0x80, inner[k + 2] == 0xA8 || inner[k + 2] == 0xA9 { return nil }
            if b == 0xEF, k + 2 < inner.endIndex, inner[k + 1] == 0xBB, inner[k + 2] == 0xBF { return nil }
            k += 1
        }
        return String(decoding: inner, as: UTF8.self)
    }
}

/// Finds and checks directive lines in an article's raw Markdown, outside fenced code blocks.
enum DirectiveScanner {
    static func scan(body bytes: [UInt8], file: String, content: Content, into diagnostics: inout Diagnostics) -> [Directive] {
        // One pass over the bytes finds the lines that matter: fence lines and lines starting
        // with '::' (most lines are neither, and are not materialized).
        var candidates: [(line: Int, start: Int, end: Int)] = []
        candidates.reserveCapacity(16)
        var fence: (byte: UInt8, count: Int)?
        bytes.withUnsafeBufferPointer { b in
            let n = b.count
            var start = 0
            var line = 0
            guard let base = b.baseAddress else { return }
            while start <= n {
                let end = Bytes.find(10, in: base, from: start, to: n) ?? n
                // Most lines start with a letter: neither a fence nor a directive.
                if end > start, let first = Optional(b[start]), first != 32, first != 96, first != 126, first != 58 {
                    start = end + 1
                    line += 1
                    continue
                }
                var j = start
                while j < end, b[j] == 32, j - start < 4 { j += 1 }
                var isFence = false
                if j - start <= 3, j < end, b[j] == 96 || b[j] == 126 {
                    let marker = b[j]
                    var k = j
                    while k < end, b[k] == marker { k += 1 }
                    if k - j >= 3 {
                        isFence = true
                        if let open = fence {
                            var rest = k
                            while rest < end, b[rest] == 32 || b[rest] == 9 { rest += 1 }
                            if marker == open.byte, k - j >= open.count, rest == end { fence = nil }
                        } else {
                            fence = (marker, k - j)
                        }
                    }
                }
                if !isFence, fence == nil, end - start >= 2, b[start] == 58, b[start + 1] == 58 {
                    candidates.append((line, start, end))
                }
                start = end + 1
                line += 1
            }
        }
        func isBlank(_ from: Int, _ to: Int) -> Bool {
            var i = from
            while i < to { if bytes[i] != 32 && bytes[i] != 9 && bytes[i] != 13 { return false }; i += 1 }
            return true
        }
        var found: [Directive] = []
        found.reserveCapacity(candidates.count)
        for candidate in candidates {
            let index = candidate.line
            let raw = bytes[candidate.start..<candidate.end]
            let lineNumber = index + 1
            let at = { (column: Int) in SourceLocation(file: file, line: lineNumber, column: column) }
            if zip(raw, raw.dropFirst()).contains(where: { $0 == 123 && $1 == 123 }) {
                diagnostics.error("directive-syntax", "directive arguments must be literal; template tags are not allowed here", at: at(1))
                continue
            }
            // The previous line: from the start of the line before up to this line's start.
            var prevStart = candidate.start - 1
            if prevStart >= 0 {
                prevStart -= 1
                while prevStart >= 0, bytes[prevStart] != 10 { prevStart -= 1 }
                prevStart += 1
            }
            let previousBlank = candidate.start == 0 || isBlank(prevStart, candidate.start - 1)
            let previousHeading = candidate.start > 0 && bytes[prevStart] == 35
            if !(previousBlank || previousHeading) {
                diagnostics.error("directive-syntax", "leave an empty line before a directive", at: at(1))
                continue
            }
            var nextEnd = candidate.end + 1
            while nextEnd < bytes.count, bytes[nextEnd] != 10 { nextEnd += 1 }
            if candidate.end + 1 < bytes.count, !isBlank(candidate.end + 1, min(nextEnd, bytes.count)) {
                diagnostics.error("directive-syntax", "leave an empty line after a directive", at: at(1))
                continue
            }
            // Words with their columns (1-based, in Unicode scalars), split on spaces and tabs.
            var words: [Located<String>] = []
            words.reserveCapacity(4)
            var column = 3
            var k = candidate.start + 2
            while k < candidate.end {
                let b = bytes[k]
                if b == 32 || b == 9 { k += 1; column += 1; continue }
                let wordStart = k, wordColumn = column
                while k < candidate.end, bytes[k] != 32, bytes[k] != 9 {
                    if bytes[k] & 0xC0 != 0x80 { column += 1 }
                    k += 1
                }
                words.append(Located(String(decoding: bytes[wordStart..<k], as: UTF8.self), at: at(wordColumn)))
            }
            guard let nameWord = words.first else {
                diagnostics.error("directive-syntax", "a directive needs a name after '::'", at: at(1))
                continue
            }
            guard let name = Directive.Name(rawValue: nameWord.value) else {
                let names = Directive.Name.allCases.map(\.rawValue)
                diagnostics.error("unknown-directive", "unknown directive '\(nameWord.value)'\(DidYouMean.hint(for: nameWord.value, among: names)) (one of: \(names.joined(separator: ", ")))", at: nameWord.location)
                continue
            }
            var arguments: [Located<String>] = []
            arguments.reserveCapacity(words.count - 1)
            var options: [String: Located<String>] = [:]
            for word in words.dropFirst() {
                if let eq = word.value.utf8.firstIndex(of: 61) {
                    options[String(word.value[..<eq])] = Located(String(word.value[word.value.utf8.index(after: eq)...]), at: word.location)
                } else {
                    arguments.append(word)
                }
            }
            var directive = Directive(name: name, arguments: arguments, options: options, location: at(1), line: lineNumber,
                                      source: raw.withUnsafeBufferPointer(SiteBuilder.normalizedDirective))
            if let target = check(directive, content: content, into: &diagnostics) {
                directive.target = target
                directive.block = Directive.block(name, target: target, heading: options["heading"]?.value,
                                                  features: content.catalog.features.count, procedures: content.procedures.count)
                found.append(directive)
            }
        }
        return found
    }

    /// Checks arguments and options; returns what the directive shows (`Directive.target`), or
    /// nil when it cannot render.
    static func check(_ d: Directive, content: Content, into diagnostics: inout Diagnostics) -> Int? {
        var target = 0
        var ok = true
        func expectArguments(_ n: Int, _ what: String) {
            if d.arguments.count != n {
                diagnostics.error("directive-syntax", "'::\(d.name.rawValue)' takes \(what)", at: d.arguments.dropFirst(n).first?.location ?? d.location)
                ok = false
            }
        }
        func allowOptions(_ allowed: KeyValuePairs<String, [String]>) {
            if d.options.isEmpty { return }
            for (key, value) in d.options.sorted(by: { $0.key < $1.key }) {
                guard let values = allowed.first(where: { $0.key == key })?.value else {
                    diagnostics.error("directive-syntax", "'::\(d.name.rawValue)' has no option '\(key)'", at: value.location)
                    ok = false
                    continue
                }
                if !values.contains(value.value) {
                    diagnostics.error("directive-syntax", "option '\(key)' is one of: \(values.joined(separator: ", "))", at: value.location)
                    ok = false
                }
            }
        }
        switch d.name {
        case .permissions:
            expectArguments(1, "one feature id")
            allowOptions([:])
            if let id = d.arguments.first, let n = content.catalog.featureNumber(id.value) {
                target = n
            } else if let id = d.arguments.first {
                let ids = content.catalog.features.map(\.id.value)
                diagnostics.error("unresolved-reference", "no feature '\(id.value)'\(DidYouMean.hint(for: id.value, among: ids))", at: id.location)
                ok = false
            }
        case .procedure:
            expectArguments(1, "one procedure id")
            allowOptions(["heading": ["h2", "h3", "h4"]])
            if let id = d.arguments.first, let n = content.procedureNumber(id.value) {
                target = n
            } else if let id = d.arguments.first {
                let ids = content.procedures.map(\.id.value)
                diagnostics.error("unresolved-reference", "no procedure '\(id.value)'\(DidYouMean.hint(for: id.value, among: ids))", at: id.location)
                ok = false
            }
        case .checklists:
            expectArguments(0, "no arguments")
            allowOptions([:])
        }
        return ok ? target : nil
    }
}
