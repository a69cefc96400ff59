import Testing
@testable import PermdocsRender

@Suite("Markdown through libcmark")
struct CommonMarkTests {
    @Test func rawHTMLIsDroppedAndUnsafeLinksAreEmptied() {
        let html = CommonMark.markdownToHTML("""
        <script>alert(1)</script>

        Text <img src=x onerror=alert(1)> [a](javascript:alert(1)) [b](vbscript:x) [c](data:text/html,x) [d](https://ok.example/)
        """)
        #expect(html == """
        <!-- raw HTML omitted -->
        <p>Text <!-- raw HTML omitted --> <a href="">a</a> <a href="">b</a> <a href="">c</a> <a href="https://ok.example/">d</a></p>

        """)
    }

    @Test func inlineMarkdownLosesItsParagraph() {
        #expect(CommonMark.inlineHTML("Select **Save** & go") == "Select <strong>Save</strong> &amp; go")
        #expect(CommonMark.inlineHTML("- a\n- b") == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>")
    }

    @Test func directiveParagraphsAreReplacedByPermdocsHTML() {
        let doc = CommonMark.renderDocument("Intro\n\n::x one\n\n```\n::x two\n```\n\n  ::x three\n") { line, number in
            "<div data-line=\"\(number)\">\(line)</div>"
        }
        #expect(doc.html == "<p>Intro</p>\n<div data-line=\"3\">::x one</div>\n<pre><code>::x two\n</code></pre>\n<p>::x three</p>\n")
    }

    @Test func anEscapedValueCannotForgeADirective() {
        let escaped = MarkdownEscaping.escape("::permissions mailbox")
        var asked: [String] = []
        let doc = CommonMark.renderDocument(escaped + "\n") { line, _ in asked.append(line); return "FORGED" }
        #expect(asked == [])
        #expect(doc.html == "<p>::permissions mailbox</p>\n")
    }

    @Test func headingsGetUniqueStableIDsAvoidingReservedOnes() {
        let doc = CommonMark.renderDocument("## Set up *Entra* ID\n\n## Set up Entra ID\n\n### Grant admin consent\n", reservedIDs: ["grant-admin-consent"]) { _, _ in nil }
        #expect(doc.headings.map(\.id) == ["set-up-entra-id", "set-up-entra-id-2", "grant-admin-consent-2"])
        #expect(doc.html.hasPrefix("<h2 id=\"set-up-entra-id\">Set up <em>Entra</em> ID</h2>\n"))
    }

    @Test func markdownEscapingMakesValuesLiteral() {
        let escaped = MarkdownEscaping.escape("*x* [l](javascript:y) <b> {{t}}\nnext")
        #expect(CommonMark.inlineHTML(escaped) == "*x* [l](javascript:y) &lt;b&gt; {{t}} next")
    }
}
