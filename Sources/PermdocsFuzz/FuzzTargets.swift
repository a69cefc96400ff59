import PermdocsScopeReader
import PermdocsPages
import Foundation
import PermdocsDiagnostics
import PermdocsDrift
import PermdocsLoad
import PermdocsModel
import PermdocsArticles
import PermdocsMarkdown
import PermdocsSite
import PermdocsTemplates
import PermdocsValidate

/// Fuzz targets: each takes arbitrary bytes and must neither crash, hang nor leak, whatever they hold.
/// `make fuzz` builds this with `-sanitize=fuzzer,address -DFUZZING` and runs each target with its
/// seed corpus in Fuzz/corpus/; without FUZZING it is a replayer that runs every file given.
enum FuzzTargets {
    static let names = ["yaml", "scopes", "directives", "reports"]

    /// The bundled example content, to give article and catalog fuzzing real ids to hit.
    static let example: Content? = {
        let folder = ProcessInfo.processInfo.environment["PERMDOCS_FUZZ_CONTENT"] ?? "content"
        return try? ContentLoader.load(folder: folder).content
    }()

    static func run(_ target: String, _ bytes: [UInt8]) {
        switch target {
        case "yaml": yaml(bytes)
        case "scopes": scopes(bytes)
        case "directives": directives(bytes)
        case "reports": reports(bytes)
        default: fatalError("unknown fuzz target '\(target)'; one of \(names)")
        }
    }

    /// The YAML loader, then catalog and procedure decoding and every validation rule.
    static func yaml(_ bytes: [UInt8]) {
        // As a client's YAML: anchors, aliases and merge keys accepted, each top-level key looked
        // up through merges (bounded) as `check --client` does.
        let client = YAMLLoader(acceptsAnchors: true).load(bytes: bytes, file: "fuzz.yaml")
        if let root = client.root {
            for pair in client.resolve(root).mapping ?? [] {
                var budget = DriftChecker.maxMergeVisits
                if let value = DriftChecker.child(of: client.resolve(root), pair.key.text, in: client, budget: &budget) {
                    _ = client.resolve(value).mapping.map { $0.map { client.resolve($0.value) } }
                }
            }
        }
        let document = YAMLLoader().load(bytes: bytes, file: "fuzz.yaml")
        guard let root = document.root else { return }
        var reader = NodeReader()
        if let catalog = CatalogDecoder.decode(root, file: "fuzz.yaml", into: &reader) {
            _ = ContentValidator().validate(Content(folder: ".", catalog: catalog, procedures: []))
        }
        _ = ProcedureDecoder.decode(
            root, id: Located("fuzz", at: SourceLocation(file: "fuzz.yaml", line: 1, column: 1)), file: "fuzz.yaml", into: &reader)
    }

    /// The scope-list reader of `check`, lexing twelve languages (comments, strings, raw strings,
    /// heredocs, regular expressions). The first byte picks the language and the anchor.
    static let languages: [(file: String, anchor: String)] = [
        ("a.ts", "SCOPES ="), ("a.py", "SCOPES ="), ("a.ex", "@scopes"), ("a.rb", "SCOPES ="),
        ("a.go", "scopes ="), ("a.kt", "val scopes ="), ("a.php", "SCOPES ="), ("a.cs", "Scopes ="),
        ("a.swift", "SCOPES ="), ("a.sh", "SCOPES="), ("a.rs", "SCOPES:"), ("a.js", "SCOPES ="),
    ]

    static func scopes(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let (file, anchor) = languages[Int(first) % languages.count]
        let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
        let reader = ScopeListReader(text: text, file: file)
        _ = reader.read(anchor: anchor)
        // A repeated anchor chosen by 'after' and 'occurrence', with whitespace-insensitive matching.
        _ = reader.read(.init("scope:  ", after: "microsoft", occurrence: Int(first % 3) + 1))
    }

    /// An article: front matter, strict template scan and check, directive scan, then the
    /// Markdown pass through cmark with directives replaced.
    static func directives(_ bytes: [UInt8]) {
        guard let content = example else { return }
        var diagnostics = Diagnostics()
        guard
            let article = ArticleLoader.parse(
                bytes: bytes, file: "fuzz.md", stem: "fuzz", content: content, schema: SiteSchemas.articles, into: &diagnostics)
        else { return }
        let known = Set(article.directives.map(\.source))
        _ = CommonMark.renderDocument(article.body) { line, _ in
            known.contains(Directive.normalized(line)) ? "<div>directive</div>" : nil
        }
        // Values are raw only inside code (as cmark finds it), and never live Markdown: a value
        // that is all Markdown never becomes a link, wherever its tag is.
        guard !diagnostics.hasErrors else { return }
        let (places, findings) = article.template.codePlaces(hostileValues, source: article.source, file: "fuzz.md")
        check(findings.isEmpty, "directives: a value without backticks or tildes would end its code")
        let values = SplicedValues(articles: [article], context: hostileValues)
        let markdown = article.template.markdown(hostileValues, values: values, source: article.source, code: places).pieces.map {
            String(decoding: $0, as: UTF8.self)
        }.joined()
        check(!CommonMark.markdownToHTML(markdown).contains("href=\"\(hostileURL)"), "directives: a catalog value became a link")
    }

    static let hostileURL = "https://permdocs-fuzz-value.invalid/"
    /// An article context whose every text is Markdown that would be live if it were not escaped.
    static let hostileValues: TemplateValue = {
        let value = TemplateValue.string("*e* [link](\(hostileURL)) <\(hostileURL)> <b>x</b> \\")
        return [
            "app": [
                "name": value, "client_id": value, "redirect_uri": value, "support_url": value, "has_support_url": true, "example": true,
            ],
            "features": [["id": value, "title": value], ["id": value, "title": value]],
            "checklists": [["href": value, "title": value, "summary": value, "has_summary": true]],
            "consent_href": value, "changes_href": value,
        ]
    }()

    /// The reporters with hostile messages, paths, scopes and features (fields split at NUL bytes;
    /// the first byte picks line, column and severity). Each must stay well-formed whatever they
    /// hold: text one line per finding and note with no control character and no line starting
    /// with `::`; GitHub one command per finding; JSON and SARIF parseable, with the right number
    /// of findings and every SARIF `uri` a percent-encoded URI reference.
    static func reports(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let fields = bytes.dropFirst().split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        func field(_ i: Int) -> String { i < fields.count ? fields[i] : "" }
        let location = SourceLocation(file: field(0).isEmpty ? "x" : field(0), line: Int(first & 0x0F) + 1, column: Int(first >> 4) + 1)
        let notes: [Diagnostic.Note] = fields.count > 4 ? [.init(field(4), at: SourceLocation(file: field(5), line: 1, column: 1))] : []
        let d =
            first & 1 == 0
            ? Diagnostic.error(
                CatalogRule.unknownScope, field(1), at: location, notes: notes, feature: field(3).isEmpty ? nil : field(3),
                scope: field(2).isEmpty ? nil : field(2))
            : Diagnostic.warning(CatalogRule.scopeCase, field(1), at: location, notes: notes, scope: field(2))
        let placeless = Diagnostic.error(CatalogRule.unknownScope, field(2), at: nil)
        let all = [d, placeless]

        let text = TextReporter().report(all)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        check(lines.count == all.count + notes.count + 2 && lines.last == "", "text: not one line per finding and note")
        for line in lines {
            check(!line.hasPrefix("::"), "text: a line starts with '::'")
            check(!line.unicodeScalars.contains(where: TextReporter.needsEscape), "text: a control character")
        }
        let github = GitHubReporter().report(all)
        check(github.split(separator: "\n", omittingEmptySubsequences: false).count == all.count + 1, "github: not one line per finding")
        let json = JSONReporter(paths: FindingPaths(roots: ["content"])).report(all)
        let parsed = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        check((parsed?["findings"] as? [Any])?.count == all.count, "json: does not parse to its findings")
        let sarif = SARIFReporter(version: "0", catalog: RuleCatalog(CatalogRule.allCases)).report(all)
        check((try? JSONSerialization.jsonObject(with: Data(sarif.utf8))) != nil, "sarif: does not parse")
        for uri in [location.file, field(5)].map(FindingPaths.uriReference) {
            check(
                uri.unicodeScalars.allSatisfy { c in
                    (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || "-._~/%:".unicodeScalars.contains(c)
                }, "sarif: '\(uri)' is not a URI reference")
        }
        _ = MarkdownReporter().report(all)
    }

    static func check(_ condition: Bool, _ what: @autoclosure () -> String) {
        if !condition { fatalError("permdocs-fuzz reports: \(what())") }
    }
}

#if FUZZING
    /// libFuzzer's driver, linked by `-sanitize=fuzzer`. SwiftPM gives executables a `main` of their
    /// own, so permdocs-fuzz starts libFuzzer itself instead of using libFuzzer's `main`.
    @_silgen_name("LLVMFuzzerRunDriver")
    func LLVMFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<Int32>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
    ) -> Int32

    /// The target comes from PERMDOCS_FUZZ_TARGET.
    let fuzzTarget = ProcessInfo.processInfo.environment["PERMDOCS_FUZZ_TARGET"] ?? "yaml"

    /// libFuzzer's usual entry point (its driver refers to it); same work as the callback below.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        FuzzTargets.run(fuzzTarget, data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
        return 0
    }

    @main
    struct FuzzMain {
        static func main() {
            _ = FuzzTargets.example
            var argc = CommandLine.argc
            var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
            let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
                let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
                FuzzTargets.run(fuzzTarget, bytes)
                return 0
            }
            exit(status)
        }
    }
#else
    /// Replays files through a target: `permdocs-fuzz TARGET FILE...` (a folder means every file in it).
    @main
    struct FuzzReplay {
        static func main() {
            let args = Array(CommandLine.arguments.dropFirst())
            guard let target = args.first, FuzzTargets.names.contains(target) else {
                FileHandle.standardError.write(
                    Data("usage: permdocs-fuzz \(FuzzTargets.names.joined(separator: "|")) FILE|FOLDER...\n".utf8))
                exit(2)
            }
            var count = 0
            for path in args.dropFirst() {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
                let files =
                    isDirectory.boolValue
                    ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { !$0.hasPrefix(".") }.sorted().map {
                        path + "/" + $0
                    }
                    : [path]
                for file in files {
                    guard let data = FileManager.default.contents(atPath: file) else { continue }
                    FuzzTargets.run(target, Array(data))
                    count += 1
                }
            }
            print("permdocs-fuzz: \(target): \(count) inputs replayed")
        }
    }
#endif
