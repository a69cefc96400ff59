import Testing
import PermdocsDiagnostics
import PermdocsLoad
import PermdocsTestSupport
@testable import PermdocsTemplates

/// The official Mustache specification (`Fixtures/mustache-spec`, copied from mustache/spec with
/// its licence) run through permdocs' engine: the located scanner, then `TemplateProgram` with
/// HTML escaping. Every case passes except the ones listed in `refused`, each with the reason
/// permdocs does not do it; a listed case that starts to pass fails the test too, so the list
/// stays exact. (The strict checker, which holds site templates to their schemas, is not part of
/// this: the spec's data has no schema.)
@Suite("Mustache specification")
struct MustacheSpecTests {
    static let specs = ["interpolation", "sections", "inverted", "partials", "comments"]

    /// What permdocs refuses on purpose, by "spec: case name".
    static let refused: [String: String] = [
        // Values are text, conditions, lists and objects: numbers arrive as the text written.
        "interpolation: Basic Decimal Interpolation": "numbers are text: `1.210` prints as written, not as `1.21`",
        "interpolation: Triple Mustache Decimal Interpolation": "numbers are text: `1.210` prints as written, not as `1.21`",
        "interpolation: Ampersand Decimal Interpolation": "numbers are text: `1.210` prints as written, not as `1.21`",
        "sections: Implicit Iterator - Decimal": "numbers are text: `1.10` prints as written, not as `1.1`",
    ]

    struct Case: CustomTestStringConvertible, Sendable {
        var spec: String
        var name: String
        var data: TemplateValue?
        var template: String
        var partials: [String: String]
        var expected: String
        var testDescription: String { "\(spec): \(name)" }
    }

    static let cases: [Case] = specs.flatMap(load)

    static func load(_ spec: String) -> [Case] {
        let file = Repo.path("Tests/PermdocsTemplatesTests/Fixtures/mustache-spec/specs/\(spec).yml")
        guard let root = (try? YAMLLoader().load(contentsOf: file))?.root, let tests = root["tests"]?.sequence else { return [] }
        return tests.map { test in
            var partials: [String: String] = [:]
            for pair in test["partials"]?.mapping ?? [] { partials[pair.key.text] = pair.value.scalar?.text ?? "" }
            return Case(
                spec: spec, name: test["name"]?.scalar?.text ?? "?", data: test["data"].flatMap(value),
                template: test["template"]?.scalar?.text ?? "", partials: partials, expected: test["expected"]?.scalar?.text ?? "")
        }
    }

    /// The spec's data as permdocs values: mappings are objects, sequences lists, `true`/`false`
    /// conditions, null absent, every other scalar text.
    static func value(_ node: YAMLNode) -> TemplateValue? {
        switch node.value {
        case .mapping(let pairs):
            return .object(TemplateObject(pairs.compactMap { pair in value(pair.value).map { (pair.key.text, $0) } }))
        case .sequence(let items):
            return .list(items.compactMap(value))
        case .scalar(let s):
            if s.isNull { return nil }
            if s.style == .plain, let b = s.bool { return .bool(b) }
            return .string(s.text)
        }
    }

    enum Outcome {
        case rendered(String)
        /// The scanner's findings: it refuses the template.
        case refused([Diagnostic])
    }

    static func run(_ c: Case) -> Outcome {
        var diagnostics = Diagnostics()
        func compile(_ text: String, _ file: String) -> TemplateProgram {
            TemplateProgram(source: Array(text.utf8), nodes: TemplateScanner.scan(text, file: file, diagnostics: &diagnostics))
        }
        let program = compile(c.template, "template")
        let partials = c.partials.mapValues { compile($0, "partial") }
        if diagnostics.hasErrors { return .refused(diagnostics.all) }
        var out: [UInt8] = []
        program.render(c.data ?? [:], escaping: .html, partials: partials, into: &out)
        return .rendered(String(decoding: out, as: UTF8.self))
    }

    @Test func theSpecFilesAreRead() {
        #expect(Self.cases.count > 100)
    }

    @Test(arguments: cases)
    func specCase(_ c: Case) {
        let result = Self.run(c)
        if let reason = Self.refused[c.testDescription] {
            if case .rendered(let html) = result {
                #expect(html != c.expected, "refused (\(reason)) but passes: take it off the list")
            }
        } else {
            switch result {
            case .rendered(let html): #expect(html == c.expected, "\(c.template.debugDescription)")
            case .refused(let found): Issue.record("refused: \(found.map(\.description))")
            }
        }
    }
}
