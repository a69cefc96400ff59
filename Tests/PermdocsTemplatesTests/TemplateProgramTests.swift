import Testing
import PermdocsDiagnostics
@testable import PermdocsTemplates
import PermdocsSite

/// permdocs' own Mustache renderer, held to the Mustache specification's rules for the subset it
/// accepts (variables, sections, inverted sections, partials, comments, standalone lines).
@Suite("Template renderer")
struct TemplateProgramTests {
    private func program(_ text: String) -> TemplateProgram {
        var d = Diagnostics()
        let nodes = TemplateScanner.scan(text, file: "t.mustache", diagnostics: &d)
        #expect(d.all.isEmpty, "\(d.all)")
        return TemplateProgram(source: Array(text.utf8), nodes: nodes)
    }

    private func render(
        _ text: String, _ context: TemplateValue, partials: [String: String] = [:], escaping: TemplateProgram.Escaping = .html
    ) -> String {
        var out: [UInt8] = []
        program(text).render(context, escaping: escaping, partials: partials.mapValues(program), into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Objects are short field lists: a name is found wherever it stands, and equality ignores
    /// the order of the fields.
    @Test func objectsAreFieldListsWithDictionarySemantics() {
        let object: TemplateValue = ["title": "U", "has_summary": true, "items": ["a", "b"]]
        #expect(object["title"] == "U")
        #expect(object["has_summary"] == true)
        #expect(object["items"] == ["a", "b"])
        #expect(object["missing"] == nil)
        #expect(TemplateValue.string("x")["title"] == nil)
        if case .object(let fields) = object { #expect(fields.names == ["title", "has_summary", "items"]) }
        #expect(object == ["items": ["a", "b"], "title": "U", "has_summary": true])
        #expect(object != ["items": ["a", "b"], "title": "T", "has_summary": true])
        #expect(object != ["items": ["a", "b"], "title": "U"])
        #expect(render("{{title}}{{#items}}[{{.}}]{{/items}}", object) == "U[a][b]")
    }

    @Test func variablesEscapeUnlessTripleOrAmpersand() {
        let context: TemplateValue = ["a": "<b>&\"'", "n": ["m": "x"]]
        #expect(
            render("{{a}}|{{{a}}}|{{& a}}|{{n.m}}|{{missing}}|{{n.missing}}", context)
                == "&lt;b&gt;&amp;&quot;&#39;|<b>&\"'|<b>&\"'|x||")
        #expect(render("{{a}}", ["a": "*x* [l](y)\nz"], escaping: .markdown) == "\\*x\\* \\[l\\]\\(y\\) z")
    }

    @Test func sectionsOverConditionsListsAndObjects() {
        let context: TemplateValue = [
            "yes": true, "no": false, "empty": [], "items": [["v": "1"], ["v": "2"]], "texts": ["<a>", "&"],
            "obj": ["v": "o"], "v": "outer",
        ]
        #expect(render("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^no}}n{{/no}}{{^yes}}y{{/yes}}", context) == "Yn")
        #expect(render("{{#items}}[{{v}}]{{/items}}{{^empty}}none{{/empty}}{{#empty}}x{{/empty}}", context) == "[1][2]none")
        #expect(render("{{#texts}}[{{.}}]{{/texts}}", context) == "[&lt;a&gt;][&amp;]")
        // Lookups go outwards through the context stack.
        #expect(render("{{#obj}}{{v}}/{{yes}}{{/obj}}", context) == "o/true")
        #expect(render("{{#missing}}x{{/missing}}{{^missing}}m{{/missing}}", context) == "m")
    }

    @Test func standaloneTagsRemoveTheirLine() {
        let template = """
            <ul>
              {{#items}}
              <li>{{v}}</li>
              {{/items}}
              {{! a comment }}
            </ul>
            {{#yes}}inline{{/yes}}
            """
        #expect(
            render(template, ["items": [["v": "1"], ["v": "2"]], "yes": true]) == """
                <ul>
                  <li>1</li>
                  <li>2</li>
                </ul>
                inline
                """)
        // Two tags on one line: neither is standalone.
        #expect(render("a\n{{#yes}}{{/yes}}\nb", ["yes": true]) == "a\n\nb")
        // CRLF line ends and the end of the text end a standalone line too.
        #expect(render("a\r\n{{#yes}}\r\nb\r\n{{/yes}}", ["yes": true]) == "a\r\nb\r\n")
    }

    @Test func standalonePartialsAreIndentedOnEveryLine() {
        let partials = ["item": "<li>{{v}}</li>\n<li>again</li>\n"]
        #expect(render("<ul>\n  {{> item}}\n</ul>\n", ["v": "x"], partials: partials) == "<ul>\n  <li>x</li>\n  <li>again</li>\n</ul>\n")
        #expect(render("<p>{{> item}}</p>", ["v": "x"], partials: partials) == "<p><li>x</li>\n<li>again</li>\n</p>")
    }

    @Test func recursivePartialsFollowTheData() {
        let partials = ["step": "<li>{{t}}{{#steps}}<ol>{{> step}}</ol>{{/steps}}</li>"]
        let context: TemplateValue = ["t": "1", "steps": [["t": "1.1", "steps": [["t": "1.1.1", "steps": []]]]]]
        #expect(render("{{> step}}", context, partials: partials) == "<li>1<ol><li>1.1<ol><li>1.1.1</li></ol></li></ol></li>")
    }
}
