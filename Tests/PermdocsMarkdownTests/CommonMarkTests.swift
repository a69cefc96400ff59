import Testing
@testable import PermdocsMarkdown
import PermdocsTemplates

@Suite("Markdown through libcmark")
struct CommonMarkTests {
    @Test func rawHTMLIsDroppedAndUnsafeLinksAreEmptied() {
        let html = CommonMark.markdownToHTML(
            """
            <script>alert(1)</script>

            Text <img src=x onerror=alert(1)> [a](javascript:alert(1)) [b](vbscript:x) [c](data:text/html,x) [d](https://ok.example/)
            """)
        #expect(
            html == """
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
        let doc = CommonMark.renderDocument(escaped + "\n") { line, _ in
            asked.append(line)
            return "FORGED"
        }
        #expect(asked == [])
        #expect(doc.html == "<p>::permissions mailbox</p>\n")
    }

    @Test func headingsGetUniqueStableIDsAvoidingReservedOnes() {
        let doc = CommonMark.renderDocument(
            "## Set up *Entra* ID\n\n## Set up Entra ID\n\n### Grant admin consent\n", reservedIDs: ["grant-admin-consent"]
        ) { _, _ in nil }
        #expect(doc.headings.map(\.id) == ["set-up-entra-id", "set-up-entra-id-2", "grant-admin-consent-2"])
        #expect(doc.html.hasPrefix("<h2 id=\"set-up-entra-id\">Set up <em>Entra</em> ID</h2>\n"))
    }

    @Test func markdownEscapingMakesValuesLiteral() {
        let escaped = MarkdownEscaping.escape("*x* [l](javascript:y) <b> {{t}}\nnext")
        #expect(CommonMark.inlineHTML(escaped) == "*x* [l](javascript:y) &lt;b&gt; {{t}} next")
    }
}

/// The one-pass article renderer: ids, blocks and links go in while cmark's output is copied.
@Suite("Article bodies")
struct ArticleBodyTests {
    private func render(_ markdown: String, reserved: Set<String> = [], blocks: [String: String] = [:]) -> RenderedArticle {
        var html: [[UInt8]] = []
        var index: [String: Int] = [:]
        for (key, value) in blocks.sorted(by: { $0.key < $1.key }) {
            index[key] = html.count
            html.append(Array(value.utf8))
        }
        return CommonMark.renderBody(
            Array(markdown.utf8), reservedIDs: reserved,
            directive: { line, _ in
                index[String(decoding: line, as: UTF8.self)]
            }, blocks: { html[$0] })
    }

    @Test func onlyTopLevelHeadingsGetIdsAndTextThatLooksLikeAHeadingIsLeftAlone() {
        let body = render(
            """
            # Title

            > ## Quoted

            - ### In a list

            ```
            <h2>not a heading</h2>
            ```

            Text with `<h3>` and <h4>raw</h4>.

            ## Last
            """)
        #expect(
            String(decoding: body.html, as: UTF8.self) == """
                <h1 id="title">Title</h1>
                <blockquote>
                <h2>Quoted</h2>
                </blockquote>
                <ul>
                <li>
                <h3>In a list</h3>
                </li>
                </ul>
                <pre><code>&lt;h2&gt;not a heading&lt;/h2&gt;
                </code></pre>
                <p>Text with <code>&lt;h3&gt;</code> and <!-- raw HTML omitted -->raw<!-- raw HTML omitted -->.</p>
                <h2 id="last">Last</h2>

                """)
        #expect(body.headings.map(\.id) == ["title", "last"])
    }

    @Test func blocksTakeTheDirectivesPlaceWithTheLineBreaksCmarkWouldWrite() {
        let blocks = ["::a": "<div>A</div>\n", "::b": "<div>B</div>", "::c": ""]
        let body = render("::a\n\nMiddle [x](other.html#y) and [z](#top).\n\n::b\n\n::c\n\n::unknown\n", blocks: blocks)
        #expect(
            String(decoding: body.html, as: UTF8.self) == """
                <div>A</div>
                <p>Middle <a href="other.html#y">x</a> and <a href="#top">z</a>.</p>
                <div>B</div>
                <p>::unknown</p>

                """)
        #expect(body.blocks == [0, 1, 2])
        #expect(body.hrefs == ["other.html#y", "#top"])
    }

    @Test func theSameAsAFullCmarkRenderWhenThereIsNothingToAdd() {
        let markdown = """
            Paragraph with *emphasis*, `code`, a [link](https://example.com "t") and an ![image](i.png).

            1. one
            2. two

            > quote

            ---

                indented code
            """
        let body = render(markdown)
        #expect(String(decoding: body.html, as: UTF8.self) == CommonMark.markdownToHTML(markdown))
    }

    /// Spliced Markdown goes to cmark in pieces; any split gives the same document.
    @Test func markdownFedInPiecesParsesAsOneText() {
        let markdown = Array("# Head\n\nSome *text* across\na soft break, `code`\r\n\n- item\n- item two\n\n```\nfence\n```\n".utf8)
        let whole = markdown.withUnsafeBufferPointer {
            CommonMark.ArticleBody([markdown[...]], lines: $0, reservedIDs: { _ in false }, arena: CmarkArena()) { _, _ in nil }
        }
        var expected: [UInt8] = []
        var ignored: [String] = []
        whole.write(into: &expected, hrefs: &ignored) { _, _ in }
        for cuts in [[1], [7, 8], [20, 21, 22, 40], Array(stride(from: 3, to: markdown.count, by: 5)), Array(1..<markdown.count)] {
            markdown.withUnsafeBufferPointer { b in
                var pieces: [ArraySlice<UInt8>] = []
                var last = 0
                for cut in cuts {
                    pieces.append(markdown[last..<cut])
                    last = cut
                }
                pieces.append(markdown[last...])
                let body = CommonMark.ArticleBody(pieces, lines: b, reservedIDs: { _ in false }, arena: CmarkArena(chunkSize: 4096)) {
                    _, _ in nil
                }
                var html: [UInt8] = []
                body.write(into: &html, hrefs: &ignored) { _, _ in }
                #expect(html == expected, "cuts \(cuts)")
            }
        }
    }
}

/// Naming headings is linear in the headings (it was cubic: 4,000 equal headings took 60 s).
@Suite("Heading ids in linear time")
struct HeadingIDTimeTests {
    /// `n` equal headings, then `n` whose slugs are the ids the first ones took (`same-2`, …).
    static func document(_ n: Int) -> String {
        String(repeating: "## Same\n\n", count: n) + (2...(n + 1)).map { "## Same \($0)\n\n" }.joined()
    }

    @Test func doublingTheHeadingsDoublesTheWork() {
        let small = CommonMark.renderDocument(Self.document(1000)) { _, _ in nil }
        let large = CommonMark.renderDocument(Self.document(2000)) { _, _ in nil }
        #expect(Set(large.headings.map(\.id)).count == 4000)
        let ratio = Double(large.idProbes) / Double(small.idProbes)
        #expect(ratio < 2.5, "probes \(small.idProbes) → \(large.idProbes)")
    }

    /// The size that took a minute: 4,000 equal headings, each its own id.
    @Test func fourThousandEqualHeadingsGetTheirIds() {
        let doc = CommonMark.renderDocument(String(repeating: "## Same\n\n", count: 4000), reservedIDs: ["same-3"]) { _, _ in nil }
        #expect(doc.headings.prefix(4).map(\.id) == ["same", "same-2", "same-4", "same-5"])
        #expect(doc.headings.last?.id == "same-4001")
        #expect(Set(doc.headings.map(\.id)).count == 4000)
    }
}
