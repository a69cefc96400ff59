import Testing
import Foundation
import PermdocsDiagnostics
import PermdocsArticles
import PermdocsMarkdown
@testable import PermdocsPages
import PermdocsTemplates
import PermdocsValidate
import PermdocsTestSupport
@testable import PermdocsSite

/// The example content and templates copied to a temporary folder, with `edit` applied to the
/// catalog's text and `articles` added.
private func site(
    catalog edit: (String) -> String = { $0 }, articles: [String: String]
) throws -> (
    files: [String: String], findings: [String]
) {
    let temp = try TempFolder()
    defer { temp.remove() }
    try FileManager.default.copyItem(atPath: Repo.path("content"), toPath: temp.path + "/content")
    let catalogPath = temp.path + "/content/permissions.yaml"
    try edit(try String(contentsOfFile: catalogPath, encoding: .utf8)).write(toFile: catalogPath, atomically: false, encoding: .utf8)
    for (name, text) in articles { try temp.write("content/articles/\(name)", text) }
    let built = try buildSite(content: temp.path + "/content")
    let findings = built.diagnostics.map { d in
        "\(d.location.map { "\(($0.file as NSString).lastPathComponent):\($0.line):\($0.column)" } ?? "-") \(d.kind): \(d.message)"
    }
    return (built.files, findings)
}

/// Catalog values in an article's code spans and fenced code blocks (issue 15, class 7).
@Suite("Catalog values in code")
struct ArticleCodeTests {
    static let article = """
        ---
        title: Values in code
        slug: values-in-code
        ---

        Your client ID is `{{app.client_id}}`; as text, {{app.client_id}}.

        ```ini
        client_id={{app.client_id}}
        redirect_uri = {{app.redirect_uri}}
        ```

        ~~~
        {{app.name}} (a tilde fence)
        ~~~

        Features: {{#features}}`{{id}}` ({{title}}), {{/features}}end.

        """

    /// In code, no backslash escapes: CommonMark would show them. As text, still escaped.
    @Test func valuesInCodeAreWrittenWithoutEscapes() throws {
        let r = try site(articles: ["values.md": Self.article])
        #expect(r.findings == [])
        let html = try #require(r.files["values-in-code.html"])
        let guid = "00000000-0000-0000-0000-000000000000"
        #expect(html.contains("<p>Your client ID is <code>\(guid)</code>; as text, \(guid).</p>"), "\(html)")
        #expect(
            html.contains(
                "<pre><code class=\"language-ini\">client_id=\(guid)\nredirect_uri = https://app.example.com/auth/microsoft/callback\n</code></pre>"
            ), "\(html)")
        #expect(html.contains("<pre><code>Recruitee (a tilde fence)\n</code></pre>"), "\(html)")
        #expect(
            html.contains(
                "<p>Features: <code>mailbox</code> (Mailbox sync), <code>calendar</code> (Calendar sync), <code>rooms</code> (Meeting rooms sync), end.</p>"
            ), "\(html)")
        #expect(!html.contains("\\-"))
    }

    /// A backtick in a value would end the code span it is put in: refused at the tag.
    @Test func aBacktickInAValueInACodeSpanIsALocatedError() throws {
        let m = Marked("---\ntitle: T\n---\n\nThe app: `①{{app.name}}`, and as text: {{app.name}}.\n")
        let r = try site(
            catalog: { $0.replacingOccurrences(of: "  name: Recruitee", with: "  name: \"Re`cruitee\"") }, articles: ["t.md": m.text])
        #expect(
            r.findings == [
                "t.md:\(m["①"]) unsafe-code-value: '{{app.name}}' is in a code span, and its value holds a backtick, which would end the span; take the tag out of the code span (the value is 'Re`cruitee')"
            ])
        #expect(r.files.isEmpty)
        // Without the code span, the same value is text.
        let text = try site(
            catalog: { $0.replacingOccurrences(of: "  name: Recruitee", with: "  name: \"Re`cruitee\"") },
            articles: ["t.md": "---\ntitle: T\n---\n\nThe app: {{app.name}}.\n"])
        #expect(text.findings == [])
        #expect(text.files["t.html"]?.contains("<p>The app: Re`cruitee.</p>") == true)
    }

    /// A value that turns its line of a fenced block into a closing fence would end the block.
    @Test func aValueThatWouldCloseAFencedBlockIsALocatedError() throws {
        let m = Marked("---\ntitle: T\n---\n\n~~~\n①{{app.name}}\n~~~\n")
        let r = try site(catalog: { $0.replacingOccurrences(of: "  name: Recruitee", with: "  name: \"~~~\"") }, articles: ["t.md": m.text])
        #expect(
            r.findings.contains(
                "t.md:\(m["①"]) unsafe-code-value: '{{app.name}}' is in a fenced code block, and its value makes its line a closing fence, which can end the block; move the tag or change the value (the value is '~~~')"
            ), "\(r.findings)")
        #expect(r.files.isEmpty)
    }

    /// LF, CRLF and a lone CR give the same site, byte for byte.
    @Test func everyLineEndingGivesTheSameSite() throws {
        let article = try String(contentsOfFile: Repo.path("content/articles/microsoft-entra-permissions.md"), encoding: .utf8)
        let lf = try site(articles: ["values.md": Self.article])
        #expect(lf.findings == [])
        for ending in ["\r\n", "\r"] {
            let other = try site(articles: [
                "values.md": Self.article.replacingOccurrences(of: "\n", with: ending),
                "microsoft-entra-permissions.md": article.replacingOccurrences(of: "\n", with: ending),
            ])
            #expect(other.findings == [], "\(ending.debugDescription)")
            #expect(other.files.keys.sorted() == lf.files.keys.sorted())
            for (path, text) in lf.files { #expect(other.files[path] == text, "\(path) with \(ending.debugDescription)") }
        }
    }
}

/// Templates in a Windows checkout (CRLF) or with lone CRs build the committed site, and their
/// errors are on the lines an editor shows.
@Suite("Template line endings")
struct TemplateLineEndingTests {
    @Test func everyLineEndingOfTheTemplatesGivesTheSameSite() throws {
        let lf = try buildSite(content: Repo.path("content"))
        #expect(lf.diagnostics.isEmpty)
        for ending in ["\r\n", "\r"] {
            let temp = try TempFolder()
            defer { temp.remove() }
            try FileManager.default.copyItem(atPath: Repo.path("templates"), toPath: temp.path + "/templates")
            let files = try FileManager.default.subpathsOfDirectory(atPath: temp.path + "/templates").filter { $0.hasSuffix(".mustache") }
            #expect(files.count > 5)
            for file in files {
                let path = temp.path + "/templates/" + file
                let text = try String(contentsOfFile: path, encoding: .utf8)
                try text.replacingOccurrences(of: "\n", with: ending).write(toFile: path, atomically: false, encoding: .utf8)
            }
            let other = try buildSite(content: Repo.path("content"), templates: temp.path + "/templates")
            #expect(other.diagnostics.isEmpty, "\(ending.debugDescription)")
            #expect(other.files == lf.files, "\(ending.debugDescription)")
            // An error is on its line, counted as in the LF file.
            try "<p>\n\n{{titel}}\n</p>\n".replacingOccurrences(of: "\n", with: ending).write(
                toFile: temp.path + "/templates/index.mustache", atomically: false, encoding: .utf8)
            let broken = try buildSite(content: Repo.path("content"), templates: temp.path + "/templates")
            #expect(
                broken.diagnostics.map { "\($0.location!.line):\($0.location!.column) \($0.kind)" } == ["3:1 template-unknown-variable"])
        }
    }
}

/// What is code is what cmark makes code: a value is raw only there, wherever the scan's
/// guesses and cmark's parse could disagree, so no value ever becomes live Markdown.
@Suite("Catalog values in code: never live")
struct CodeValueSafetyTests {
    static let value = "*em* [link](https://evil.example) <b>x</b> \\"
    static let content: Content = try! ContentLoader.load(folder: Repo.path("content")).content!
    static let context: TemplateValue = [
        "app": [
            "name": .string(value), "client_id": "c", "redirect_uri": "r", "support_url": "", "has_support_url": false, "example": true,
        ],
        "features": [["id": "f1", "title": "F1"], ["id": "f2", "title": "F2"], ["id": "f3", "title": "F3"]],
        "checklists": [], "consent_href": "consent.html", "changes_href": "",
    ]

    /// The article's HTML, and whether its value was found in code.
    private func render(_ body: String) throws -> (html: String, inCode: Bool) {
        var d = Diagnostics()
        let article = try #require(
            ArticleLoader.parse(
                bytes: Array(("---\ntitle: T\n---\n\n" + body).utf8), file: "a.md", stem: "a", content: Self.content,
                schema: SiteSchemas.articles, into: &d))
        #expect(d.all.isEmpty, "\(body.debugDescription): \(d.all)")
        let (places, findings) = article.template.codePlaces(Self.context, source: article.source, file: "a.md")
        #expect(findings.isEmpty)
        let values = SplicedValues(articles: [article], context: Self.context)
        let markdown = article.template.markdown(Self.context, values: values, source: article.source, code: places).pieces.map {
            String(decoding: $0, as: UTF8.self)
        }.joined()
        return (CommonMark.markdownToHTML(markdown), places != nil)
    }

    @Test(arguments: [
        ("`{{app.name}}`", true), ("{{app.name}} and `code`", false), ("`a\n{{app.name}} b`", true), ("`` {{app.name}} ``", true),
        ("- `{{app.name}}`\n- x", true), ("```\n{{app.name}}\n```", true), ("> ```\n> {{app.name}}\n> ```", true),
        ("- item\n\n  ```\n  {{app.name}}\n  ```", true), ("# `{{app.name}}`", true),
        ("    {{app.name}}\n\n`x`", false),  // an indented block keeps the escapes
        ("\\`{{app.name}}`", false), ("<span title='`'>{{app.name}}</span>`", false),
        ("{{#features}}`{{/features}} {{app.name}} `", false), ("`x` {{app.name}} `y`", false),
        ("`x\n\n{{app.name}}`", false), ("```\nx\n```\n{{app.name}} `", false),
        ("`x`\n\n```\n{{app.name}}\n```\n\nMore `y`", true), ("{{app.name}}\n\n`x`", false),
        ("~~~\n```\n{{app.name}}\n~~~", true),
    ])
    func aValueIsRawOnlyInsideCode(body: String, code: Bool) throws {
        let r = try render(body)
        #expect(r.inCode == code, "\(body.debugDescription)")
        // Never live, in code or not.
        #expect(!r.html.contains("<em>"), "\(body.debugDescription): \(r.html)")
        #expect(!r.html.contains("<a "), "\(body.debugDescription): \(r.html)")
        #expect(!r.html.contains("<b>"), "\(body.debugDescription): \(r.html)")
        if code {
            #expect(r.html.contains("*em* [link](https://evil.example) &lt;b&gt;x&lt;/b&gt; \\"), "\(body.debugDescription): \(r.html)")
        } else {
            // Escaped as text (which shows the same characters), never raw in code.
            #expect(!r.html.contains("<code>*em*"), "\(body.debugDescription): \(r.html)")
        }
    }
}
