public import PermdocsDiagnostics
import PermdocsLoad
import Mustache
import Foundation

/// The docs team's templates folder, checked and ready to render:
///
///     templates/layout.mustache, index.mustache, checklist.mustache, consent.mustache   (pages)
///     templates/partials/*.mustache                                                   (partials)
///     templates/style.css                                                             (copied)
///
/// Every template is checked against `SiteSchemas` before anything renders; a typo is an error at
/// `template:line:column`, never an empty string in the site.
public struct TemplateSet: Sendable {
    let library: MustacheLibrary
    /// Files copied to the site as they are (the stylesheet), by output name.
    public let assets: [(name: String, bytes: [UInt8])]

    public static let maxTemplateBytes = 1 << 20

    /// Loads and checks `folder`. Returns nil (with errors) when anything is wrong.
    public static func load(folder rawFolder: String, schemas: TemplateSchemas = SiteSchemas.all) throws(IOFailure) -> (TemplateSet?, [Diagnostic]) {
        let folder = Paths.trimmingTrailingSlashes(rawFolder)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw IOFailure("\(folder): templates folder not found")
        }
        var diagnostics = Diagnostics()
        var sources: [String: (file: String, text: String)] = [:]
        var partialNames: [String] = []
        func read(_ name: String, in sub: String?) throws(IOFailure) {
            let dir = sub.map { Paths.join(folder, $0) } ?? folder
            let file = Paths.join(dir, name)
            if let target = Containment.escape(file, root: folder) {
                diagnostics.append(Containment.diagnostic(file, root: folder, target: target))
                return
            }
            guard let bytes = try FileInput.read(file, displayPath: file, limit: maxTemplateBytes) else {
                diagnostics.error("file-too-large", "template is larger than \(maxTemplateBytes) bytes", at: SourceLocation(file: file, line: 1, column: 1))
                return
            }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                diagnostics.error("invalid-utf8", "template is not valid UTF-8", at: SourceLocation(file: file, line: 1, column: 1))
                return
            }
            sources[String(name.dropLast(".mustache".count))] = (file, text)
        }
        for name in try Paths.listFiles(folder, extensions: ["mustache"]) { try read(name, in: nil) }
        for name in try Paths.listFiles(Paths.join(folder, "partials"), extensions: ["mustache"]) {
            let key = String(name.dropLast(".mustache".count))
            if let page = sources[key] {
                diagnostics.error("duplicate-template", "partial '\(key)' has the name of a page template", at: SourceLocation(file: Paths.join(Paths.join(folder, "partials"), name), line: 1, column: 1),
                                  notes: [.init("the page template", at: SourceLocation(file: page.file, line: 1, column: 1))])
                continue
            }
            try read(name, in: "partials")
            partialNames.append(key)
        }

        let required = SiteSchemas.pages.keys.sorted() + SiteSchemas.directivePartials.keys.sorted()
        for name in required where sources[name] == nil {
            let isPage = SiteSchemas.pages[name] != nil
            diagnostics.error("template-missing", "missing template '\(isPage ? "" : "partials/")\(name).mustache'", at: SourceLocation(file: folder, line: 1, column: 1))
        }

        // Scan everything, then check pages and directive partials from their roots.
        var parsed: [String: [TemplateNode]] = [:]
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            parsed[name] = TemplateScanner.scan(source.text, file: source.file, diagnostics: &diagnostics)
        }
        let partials = parsed.filter { partialNames.contains($0.key) }
        var checker = TemplateChecker(schemas: schemas, partials: partials)
        for (name, root) in (SiteSchemas.pages.merging(SiteSchemas.directivePartials) { a, _ in a }).sorted(by: { $0.key < $1.key }) {
            if let nodes = parsed[name] { checker.check(nodes, root: root) }
        }
        diagnostics.append(contentsOf: checker.diagnostics.all)

        // swift-mustache parses too; its errors (rare once the scanner passed) keep their line and column.
        // Every template and partial escapes through `FastHTMLContentType`: the pragma goes on line 1
        // without a newline, so every position below is unchanged (partials reset the content type,
        // so each one carries the pragma too).
        _ = FastHTMLContentType.registered
        let pragma = "{{%CONTENT_TYPE:\(FastHTMLContentType.name)}}"
        var library = MustacheLibrary()
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            do {
                library.register(try MustacheTemplate(string: pragma + source.text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.error("template-syntax", "\(error.error)", at: SourceLocation(file: source.file, line: error.context.lineNumber, column: error.context.columnNumber))
            } catch {
                diagnostics.error("template-syntax", "\(error)", at: SourceLocation(file: source.file, line: 1, column: 1))
            }
        }

        // Stylesheets and scripts beside the templates are copied to the site as they are.
        var assets: [(String, [UInt8])] = []
        for name in try Paths.listFiles(folder, extensions: ["css", "js"]) {
            let file = Paths.join(folder, name)
            if let target = Containment.escape(file, root: folder) {
                diagnostics.append(Containment.diagnostic(file, root: folder, target: target))
                continue
            }
            if let bytes = try FileInput.read(file, displayPath: file, limit: maxTemplateBytes) {
                assets.append((name, bytes))
            } else {
                diagnostics.error("file-too-large", "\(name) is larger than \(maxTemplateBytes) bytes", at: SourceLocation(file: file, line: 1, column: 1))
            }
        }
        if !assets.contains(where: { $0.0 == "style.css" }) {
            diagnostics.error("template-missing", "missing stylesheet 'style.css'", at: SourceLocation(file: folder, line: 1, column: 1))
        }

        if diagnostics.hasErrors { return (nil, diagnostics.all) }
        return (TemplateSet(library: library, assets: assets), diagnostics.all)
    }

    /// Renders template `name` (a page or a partial) with a dictionary context.
    public func render(_ name: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: name) ?? ""
    }
}

/// An article's Markdown after its template tags were checked: renders with Markdown escaping.
///
/// swift-mustache parses character by character, which made re-parsing each whole article the
/// largest cost of a large build. When every tag of an article is a plain variable (the usual
/// case: `{{app.name}}`), only the tags go through swift-mustache, joined by a separator that no
/// escaped value can contain, and the values are spliced back into the text. Articles with
/// sections or comments are rendered whole. Both paths give the same bytes.
struct ArticleTemplate {
    private enum Plan {
        case none(String)
        case splice(String, tags: [Range<Int>], template: MustacheTemplate)
        case whole(MustacheTemplate)
    }

    private let plan: Plan
    static let separator = "\u{1}"

    init(_ text: String, file: String, nodes: [TemplateNode]) throws(DiagnosticError) {
        _ = MarkdownContentType.registered
        let pragma = "{{%CONTENT_TYPE:\(MarkdownContentType.name)}}"
        if nodes.isEmpty && !text.contains("{{") {
            plan = .none(text)
            return
        }
        var ranges: [Range<Int>] = []
        var simple = true
        for node in nodes {
            if case .tag(let tag) = node, tag.kind == .variable(escaped: true) { ranges.append(tag.range) } else { simple = false }
        }
        let bytes = Array(text.utf8)
        var occurrences = 0
        if bytes.count > 1 {
            for i in 0..<(bytes.count - 1) where bytes[i] == UInt8(ascii: "{") && bytes[i + 1] == UInt8(ascii: "{") { occurrences += 1 }
        }
        do {
            if simple && occurrences == ranges.count {
                let tags = ranges.map { String(decoding: bytes[$0], as: UTF8.self) }
                plan = .splice(text, tags: ranges, template: try MustacheTemplate(string: pragma + tags.joined(separator: Self.separator)))
            } else {
                // The pragma sits on line 1 without a newline, so positions below are unchanged.
                plan = .whole(try MustacheTemplate(string: pragma + text))
            }
        } catch let error as MustacheTemplate.ParserError {
            throw DiagnosticError(.error("template-syntax", "\(error.error)", at: SourceLocation(file: file, line: error.context.lineNumber, column: error.context.columnNumber)))
        } catch {
            throw DiagnosticError(.error("template-syntax", "\(error)", at: SourceLocation(file: file, line: 1, column: 1)))
        }
    }

    func render(_ context: [String: Any]) -> String {
        switch plan {
        case .none(let text):
            return text
        case .whole(let template):
            return template.render(context)
        case .splice(let text, let ranges, let template):
            let values = template.render(context).split(separator: Self.separator, omittingEmptySubsequences: false)
            var out: [UInt8] = []
            let bytes = Array(text.utf8)
            out.reserveCapacity(bytes.count + 64)
            var last = 0
            for (range, value) in zip(ranges, values) {
                out.append(contentsOf: bytes[last..<range.lowerBound])
                out.append(contentsOf: value.utf8)
                last = range.upperBound
            }
            out.append(contentsOf: bytes[last...])
            return String(decoding: out, as: UTF8.self)
        }
    }
}
