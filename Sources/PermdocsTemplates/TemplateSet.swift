public import PermdocsDiagnostics
import PermdocsSupport
import Foundation

/// What a templates folder must hold and what each template may use: the object schemas, the
/// page templates (`NAME.mustache`) and the partials rendered on their own (`partials/NAME.mustache`)
/// with the context each receives. The site declares its contract (`SiteSchemas`); the engine
/// knows nothing of pages.
public struct TemplateContract: Sendable {
    public var schemas: TemplateSchemas
    public var pages: [String: TemplateType]
    public var partials: [String: TemplateType]

    public init(schemas: TemplateSchemas, pages: [String: TemplateType], partials: [String: TemplateType]) {
        self.schemas = schemas
        self.pages = pages
        self.partials = partials
    }
}

/// The docs team's templates folder, checked and ready to render:
///
///     templates/layout.mustache, index.mustache, checklist.mustache, consent.mustache   (pages)
///     templates/partials/*.mustache                                                   (partials)
///     templates/style.css                                                             (copied)
///
/// Every template is checked against its contract before anything renders; a typo is an error at
/// `template:line:column`, never an empty string in the site.
public struct TemplateSet: Sendable {
    /// Every page template and partial, compiled, by name.
    let programs: [String: TemplateProgram]
    /// Files copied to the site as they are (the stylesheet), by output name.
    public let assets: [(name: String, bytes: [UInt8])]

    public static let maxTemplateBytes = 1 << 20

    /// Loads and checks `folder`. Returns nil (with errors) when anything is wrong.
    public static func load(folder rawFolder: String, contract: TemplateContract) throws(IOFailure) -> (TemplateSet?, [Diagnostic]) {
        let folder = Paths.trimmingTrailingSlashes(rawFolder)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw IOFailure("\(folder): templates folder not found")
        }
        var diagnostics = Diagnostics()
        var sources: [String: (file: String, text: String)] = [:]
        var partialNames: [String] = []
        var unusable: Set<String> = []
        func read(_ name: String, in sub: String?) throws(IOFailure) {
            let dir = sub.map { Paths.join(folder, $0) } ?? folder
            let file = Paths.join(dir, name)
            if let target = Containment.escape(file, root: folder) {
                diagnostics.append(Containment.diagnostic(file, root: folder, target: target))
                return
            }
            // A template that is there but cannot be used is reported as what it is, never
            // again as missing.
            let key = String(name.dropLast(".mustache".count))
            guard let bytes = try FileInput.read(file, displayPath: file, limit: maxTemplateBytes) else {
                unusable.insert(key)
                diagnostics.error(
                    InputRule.fileTooLarge, tooLarge("template", file),
                    at: SourceLocation(file: file, line: 1, column: 1))
                return
            }
            // Line endings as LF: a Windows checkout (CRLF) or a lone CR gives the same site and
            // the same error lines as the committed templates.
            guard let text = String(validating: Bytes.lineFeeds(bytes), as: UTF8.self) else {
                unusable.insert(key)
                diagnostics.error(InputRule.invalidUTF8, "template is not valid UTF-8", at: SourceLocation(file: file, line: 1, column: 1))
                return
            }
            sources[String(name.dropLast(".mustache".count))] = (file, text)
        }
        for name in try Paths.listFiles(folder, extensions: ["mustache"]) { try read(name, in: nil) }
        for name in try Paths.listFiles(Paths.join(folder, "partials"), extensions: ["mustache"]) {
            let key = String(name.dropLast(".mustache".count))
            if let page = sources[key] {
                diagnostics.error(
                    TemplateRule.duplicateTemplate, "partial '\(key)' has the name of a page template",
                    at: SourceLocation(file: Paths.join(Paths.join(folder, "partials"), name), line: 1, column: 1),
                    notes: [.init("the page template", at: SourceLocation(file: page.file, line: 1, column: 1))])
                continue
            }
            try read(name, in: "partials")
            partialNames.append(key)
        }

        let required = contract.pages.keys.sorted() + contract.partials.keys.sorted()
        for name in required where sources[name] == nil && !unusable.contains(name) {
            let isPage = contract.pages[name] != nil
            diagnostics.error(
                TemplateRule.missing, "missing template '\(isPage ? "" : "partials/")\(name).mustache'",
                at: SourceLocation(file: folder, line: 1, column: 1))
        }

        // Scan everything, then check pages and directive partials from their roots.
        var parsed: [String: [TemplateNode]] = [:]
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            parsed[name] = TemplateScanner.scan(source.text, file: source.file, diagnostics: &diagnostics)
        }
        var programs: [String: TemplateProgram] = [:]
        for (name, nodes) in parsed { programs[name] = TemplateProgram(source: Array(sources[name]!.text.utf8), nodes: nodes) }
        let partials = parsed.filter { partialNames.contains($0.key) }
        var checker = TemplateChecker(schemas: contract.schemas, partials: partials)
        for (name, root) in (contract.pages.merging(contract.partials) { a, _ in a }).sorted(by: { $0.key < $1.key }) {
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
                diagnostics.error(
                    InputRule.fileTooLarge, tooLarge(name, file),
                    at: SourceLocation(file: file, line: 1, column: 1))
            }
        }
        if !assets.contains(where: { $0.0 == "style.css" }) {
            diagnostics.error(TemplateRule.missing, "missing stylesheet 'style.css'", at: SourceLocation(file: folder, line: 1, column: 1))
        }

        if diagnostics.hasErrors { return (nil, diagnostics.all) }
        return (TemplateSet(programs: programs, assets: assets), diagnostics.all)
    }

    /// "WHAT is N bytes; the limit is …": the file's size as it was read (a file that changed
    /// meanwhile is only said to be over the limit).
    static func tooLarge(_ what: String, _ file: String) -> String {
        let limit = "\(maxTemplateBytes) bytes (1 MiB)"
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.intValue
        guard let size, size > maxTemplateBytes else { return "\(what) is larger than the limit of \(limit)" }
        return "\(what) is \(size) bytes; the limit is \(limit)"
    }

    /// Renders template `name` (a page or a partial), HTML-escaping `{{name}}` values.
    public func render(_ name: String, _ context: TemplateValue) -> String {
        var out: [UInt8] = []
        render(name, context, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The same, appended to `out`.
    public func render(_ name: String, _ context: TemplateValue, into out: inout [UInt8]) {
        programs[name]?.render(context, escaping: .html, partials: programs, into: &out)
    }
}
