public import PermdocsDiagnostics
import PermdocsLoad
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
    /// Every page template and partial, compiled, by name.
    let programs: [String: TemplateProgram]
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
        var programs: [String: TemplateProgram] = [:]
        for (name, nodes) in parsed { programs[name] = TemplateProgram(source: Array(sources[name]!.text.utf8), nodes: nodes) }
        let partials = parsed.filter { partialNames.contains($0.key) }
        var checker = TemplateChecker(schemas: schemas, partials: partials)
        for (name, root) in (SiteSchemas.pages.merging(SiteSchemas.directivePartials) { a, _ in a }).sorted(by: { $0.key < $1.key }) {
            if let nodes = parsed[name] { checker.check(nodes, root: root) }
        }
        diagnostics.append(contentsOf: checker.diagnostics.all)

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
        return (TemplateSet(programs: programs, assets: assets), diagnostics.all)
    }

    /// Renders template `name` (a page or a partial), HTML-escaping `{{name}}` values.
    public func render(_ name: String, _ context: TemplateValue) -> String {
        var out: [UInt8] = []
        render(name, context, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    func render(_ name: String, _ context: TemplateValue, into out: inout [UInt8]) {
        programs[name]?.render(context, escaping: .html, partials: programs, into: &out)
    }
}

/// An article's Markdown after its template tags were checked: renders with Markdown escaping.
///
/// Most articles have no tag (their bytes go to cmark as they are) or only variables such as
/// `{{app.name}}`: every article renders with the same context, so each variable's escaped value
/// is computed once per build (`values`) and spliced in. Sections go through `TemplateProgram`.
struct ArticleTemplate: Sendable {
    enum Plan: Sendable {
        case none
        /// Each tag's byte range and name.
        case splice([(range: Range<Int>, name: String)])
        case program(TemplateProgram)
    }

    let plan: Plan

    init(_ body: [UInt8], nodes: [TemplateNode]) {
        if nodes.isEmpty {
            plan = .none
            return
        }
        var splices: [(range: Range<Int>, name: String)] = []
        for node in nodes {
            guard case .tag(let tag) = node, tag.kind == .variable(escaped: true) else {
                plan = .program(TemplateProgram(source: body, nodes: nodes))
                return
            }
            splices.append((tag.range, tag.name))
        }
        plan = .splice(splices)
    }

    /// Whether the rendered Markdown has the source's lines (a spliced value has no line break:
    /// escaping makes them spaces), so a directive is still on the line the scanner found it.
    var keepsLines: Bool {
        if case .program = plan { return false }
        return true
    }

    /// A variable's value as it is spliced: escaped for Markdown.
    static func value(_ name: String, in context: TemplateValue) -> [UInt8] {
        let path = name == "." ? ["."] : name.split(separator: ".").map(String.init)
        switch TemplateProgram.resolve(path, [context]) {
        case .string(let s)?: return Array(MarkdownEscaping.escape(s).utf8)
        case .bool(let b)?: return Array((b ? "true" : "false").utf8)
        default: return []
        }
    }

    /// Calls `body` with the rendered Markdown as consecutive pieces (the source's text between
    /// tags and the values spliced in, so nothing is copied) and a buffer with the same lines to
    /// read directive lines from.
    func withMarkdown<R>(_ context: TemplateValue, values: SplicedValues, source: [UInt8],
                         _ body: (_ pieces: [UnsafeBufferPointer<UInt8>], _ lines: UnsafeBufferPointer<UInt8>) -> R) -> R {
        switch plan {
        case .none:
            return source.withUnsafeBufferPointer { body([$0], $0) }
        case .splice(let splices):
            return source.withUnsafeBufferPointer { src in
                var pieces: [UnsafeBufferPointer<UInt8>] = []
                pieces.reserveCapacity(2 * splices.count + 1)
                var last = 0
                for (range, name) in splices {
                    guard let value = values[name] else {
                        // Not precomputed (no build does this): the Markdown in one piece.
                        var out: [UInt8] = []
                        var at = 0
                        for (range, name) in splices {
                            out.append(contentsOf: src[at..<range.lowerBound])
                            out.append(contentsOf: Self.value(name, in: context))
                            at = range.upperBound
                        }
                        out.append(contentsOf: src[at...])
                        return out.withUnsafeBufferPointer { body([$0], src) }
                    }
                    pieces.append(UnsafeBufferPointer(rebasing: src[last..<range.lowerBound]))
                    pieces.append(value)
                    last = range.upperBound
                }
                pieces.append(UnsafeBufferPointer(rebasing: src[last...]))
                return withExtendedLifetime(values) { body(pieces, src) }
            }
        case .program(let program):
            var out: [UInt8] = []
            out.reserveCapacity(source.count + 256)
            program.render(context, escaping: .markdown, partials: [:], into: &out)
            return out.withUnsafeBufferPointer { body([$0], $0) }
        }
    }
}

/// The escaped value of every variable articles splice, computed once per build (every article
/// renders with the same context) and kept at a fixed address until the build ends.
final class SplicedValues: @unchecked Sendable {
    private let store = ByteStore()
    /// Written once in `init`, only read afterwards (from every thread).
    private let values: [String: UnsafeBufferPointer<UInt8>]

    init(articles: [Article], context: TemplateValue) {
        // A handful of names (the schema's text fields) over thousands of articles: comparing
        // short strings beats hashing each one.
        var names: [String] = []
        for article in articles {
            guard case .splice(let splices) = article.template.plan else { continue }
            for splice in splices where !names.contains(splice.name) { names.append(splice.name) }
        }
        var values: [String: UnsafeBufferPointer<UInt8>] = [:]
        for name in names { values[name] = store.add(ArticleTemplate.value(name, in: context)) }
        self.values = values
    }

    subscript(name: String) -> UnsafeBufferPointer<UInt8>? { values[name] }
}
