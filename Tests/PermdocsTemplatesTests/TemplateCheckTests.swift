import Testing
@testable import PermdocsPages
import PermdocsDiagnostics
@testable import PermdocsTemplates
import PermdocsSite

/// Checks `text` as the template `t.mustache` rendered with `root`, with optional partials.
private func check(_ text: String, root: TemplateType = .object("procedure"), partials: [String: String] = [:]) -> [String] {
    var d = Diagnostics()
    let nodes = TemplateScanner.scan(text, file: "t.mustache", diagnostics: &d)
    var parsedPartials: [String: [TemplateNode]] = [:]
    for (name, body) in partials { parsedPartials[name] = TemplateScanner.scan(body, file: "\(name).mustache", diagnostics: &d) }
    var checker = TemplateChecker(schemas: SiteSchemas.all, partials: parsedPartials)
    checker.check(nodes, root: root)
    return (d.all + checker.diagnostics.all).map {
        "\($0.location!.file):\($0.location!.line):\($0.location!.column) \($0.kind): \($0.message)"
    }
}

@Suite("Strict templates")
struct TemplateCheckTests {
    @Test func knownNamesPass() {
        #expect(check("<h3>{{title}}</h3>{{#steps}}<li>{{{text_html}}}{{#path}}{{.}}{{/path}}</li>{{/steps}}") == [])
    }

    @Test func aTypoIsAnErrorAtItsLineAndColumnWithASuggestion() {
        #expect(
            check("<h3>\n  {{titel}}</h3>") == ["t.mustache:2:3 template-unknown-variable: unknown variable 'titel'; did you mean 'title'?"]
        )
    }

    @Test func aTypoInABranchThatDoesNotRenderIsStillAnError() {
        #expect(
            check("{{#has_fixes}}{{#fixes}}{{codee}}{{/fixes}}{{/has_fixes}}").first?.hasPrefix(
                "t.mustache:1:25 template-unknown-variable: unknown variable 'codee'") == true)
    }

    @Test func namesResolveOutwardsThroughSections() {
        // Inside a step, `title` comes from the enclosing procedure.
        #expect(check("{{#steps}}{{title}}{{/steps}}") == [])
    }

    @Test func dottedNamesFollowObjectFields() {
        #expect(check("{{feature.title}}", root: .object("permissions")) == [])
        #expect(
            check("{{feature.titel}}", root: .object("permissions")) == [
                "t.mustache:1:1 template-unknown-variable: unknown variable 'feature.titel': a 'feature' object has no 'titel'; did you mean 'title'?"
            ])
    }

    @Test func htmlMustUseTripleMustacheAndTextMustBeEscaped() {
        #expect(
            check("{{summary_html}} {{{title}}}") == [
                "t.mustache:1:1 template-type: 'summary_html' is HTML; write {{{summary_html}}}",
                "t.mustache:1:18 template-type: 'title' is text and must be escaped; write {{title}}",
            ])
        #expect(check("{{&title}}") == ["t.mustache:1:1 template-type: 'title' is text and must be escaped; write {{title}}"])
    }

    @Test func listsCannotBePrintedAndTextCannotOpenASection() {
        #expect(
            check("{{steps}}{{#title}}x{{/title}}") == [
                "t.mustache:1:1 template-type: 'steps' is a list of a 'step' object and cannot be printed; use a section {{#steps}}…{{/steps}}",
                "t.mustache:1:10 template-type: 'title' is text; a section needs a condition, a list or an object (is there a 'has_title'?)",
            ])
    }

    @Test func unknownPartialsAreErrorsWithASuggestion() {
        #expect(
            check("{{> stpe}}", partials: ["step": "{{id}}"]) == [
                "t.mustache:1:1 template-unknown-partial: unknown partial 'stpe'; did you mean 'step'?"
            ])
    }

    @Test func partialsAreCheckedInTheContextWhereTheyAreUsed() {
        #expect(
            check("{{#steps}}{{> step}}{{/steps}}", partials: ["step": "{{id}}\n{{#steps}}{{> step}}{{/steps}}{{bogus}}"]) == [
                "step.mustache:2:31 template-unknown-variable: unknown variable 'bogus'"
            ])
    }

    @Test func sectionStructureErrors() {
        #expect(check("{{#steps}}x") == ["t.mustache:1:1 template-syntax: section 'steps' is never closed"])
        #expect(check("{{#steps}}x{{/path}}").first == "t.mustache:1:12 template-syntax: '{{/path}}' does not close 'steps'")
        #expect(check("x{{/steps}}") == ["t.mustache:1:2 template-syntax: '{{/steps}}' closes no open section"])
        #expect(check("a\n {{title") == ["t.mustache:2:2 template-syntax: unclosed tag: '{{' without '}}'"])
    }

    @Test func unsupportedMustacheFeaturesAreRejected() {
        #expect(check("{{=<% %>=}}") == ["t.mustache:1:1 template-unsupported: changing delimiters ('{{=') is not supported"])
        #expect(check("{{%CONTENT_TYPE:TEXT}}").first?.contains("pragmas") == true)
        #expect(check("{{<parent}}{{/parent}}").first?.contains("inheritance") == true)
        #expect(check("{{uppercased(title)}}").first?.contains("transforms") == true)
        #expect(check("{{!a comment {{title}} }}x{{title}}") == [])
    }
}
