import Testing
@testable import PermdocsPages
import PermdocsDiagnostics
import PermdocsValidate
import PermdocsTestSupport
@testable import PermdocsArticles
import PermdocsSite

private let content: Content = try! ContentLoader.load(folder: Repo.path("content")).content!

/// Parses one article; returns it and its findings as "line:column kind: message".
private func parse(_ text: String, stem: String = "a") -> (article: Article?, findings: [String]) {
    var d = Diagnostics()
    let article = ArticleLoader.parse(
        bytes: Array(text.utf8), file: "a.md", stem: stem, content: content, schema: SiteSchemas.articles, into: &d)
    return (article, d.all.map { "\($0.location!.line):\($0.location!.column) \($0.kind): \($0.message)" })
}

/// Content that is silently wrong (issue 15, class 7): each case is now a located finding.
@Suite("Articles: content that was silently wrong")
struct ArticleContentTests {
    /// `---` then `---` held no YAML document, and the article vanished from the site without a word.
    @Test func anEmptyFrontMatterIsMissingItsTitle() {
        let missing = "1:1 missing-key: the front matter is missing required key 'title'"
        for text in ["---\n---\n\nText.\n", "---\n---", "---\n\n# only a comment\n\n---\n\nText.\n", "---\r\n---\r\n\r\nText.\r\n"] {
            let r = parse(text)
            #expect(r.article == nil)
            #expect(r.findings == [missing], "\(text.debugDescription)")
        }
        // As a front matter that has other keys but no title.
        #expect(parse("---\nslug: a\n---\n\nText.\n").findings == ["2:1 missing-key: the front matter is missing required key 'title'"])
    }

    /// `level=admin level=user`: one of the two would have won silently.
    @Test func aRepeatedDirectiveOptionIsAnErrorAtTheSecondOne() {
        let m = Marked("---\ntitle: T\n---\n\n::procedure grant-admin-consent heading=h2 ①heading=h4\n")
        let r = parse(m.text)
        #expect(r.findings == ["\(m["①"]) directive-syntax: option 'heading' is given twice; keep one"])
        #expect(r.article?.directives.isEmpty == true)
        // Two different options, or the same one once, are as before.
        #expect(parse("---\ntitle: T\n---\n\n::procedure grant-admin-consent heading=h2\n").findings == [])
    }

    /// `con.html` cannot be created on Windows: a checkout of the built site would fail there.
    @Test(arguments: ["con", "nul", "aux", "prn", "com1", "com9", "lpt1", "lpt9", "com0"])
    func aWindowsDeviceNameIsNoSlug(slug: String) {
        let m = Marked("---\ntitle: T\nslug: ①\(slug)\n---\n\nText.\n")
        #expect(
            parse(m.text).findings == [
                "\(m["①"]) windows-reserved-name: slug '\(slug)' is a device name on Windows: '\(slug).html' cannot be checked out there; choose another"
            ])
        // From the file name (`con.md`), at the file's start.
        #expect(
            parse("---\ntitle: T\n---\n\nText.\n", stem: slug).findings == [
                "1:1 windows-reserved-name: slug '\(slug)' is a device name on Windows: '\(slug).html' cannot be checked out there; choose another (the slug is the file name: rename the file or set 'slug')"
            ])
        // A file named so, with a slug of its own, still cannot be checked out.
        #expect(
            parse("---\ntitle: T\nslug: fine\n---\n\nText.\n", stem: slug).findings == [
                "1:1 windows-reserved-name: file name '\(slug).md' is a device name on Windows: a checkout of the content there fails; rename the file"
            ])
    }

    @Test func windowsDeviceNamesAreMatchedAsWindowsMatchesThem() {
        for name in ["con", "CON", "Con.md", "nul.tar.gz", "aux ", "COM7", "lpt3.html", "com0"] {
            #expect(ContentValidator.isWindowsDeviceName(name), "\(name)")
        }
        for name in ["console", "nul-settings", "com10", "com", "lpt", "conn", "acon", "comx", "grant-admin-consent"] {
            #expect(!ContentValidator.isWindowsDeviceName(name), "\(name)")
        }
    }

    /// LF, CRLF and a lone CR (classic Mac OS) end lines alike: the same article, the same
    /// findings at the same places (libyaml counts a lone CR as a line end too).
    @Test func everyLineEndingLoadsTheSameArticle() throws {
        let text = """
            ---
            title: Line endings
            order: one
            ---

            # Heading

            Text with {{app.nmae}} in it.

            ::permissions mailbx

            ::procedure grant-admin-consent heading=h9

            Last line.

            """
        let lf = parse(text)
        #expect(
            lf.findings == [
                "3:8 wrong-type: 'order' must be a whole number",
                "10:15 unresolved-reference: no feature 'mailbx'; did you mean 'mailbox'?",
                "12:33 directive-syntax: option 'heading' is one of: h2, h3, h4",
                "8:11 template-unknown-variable: unknown variable 'app.nmae': a 'app' object has no 'nmae'; did you mean 'name'?",
            ])
        for ending in ["\r\n", "\r"] {
            let other = parse(text.replacingOccurrences(of: "\n", with: ending))
            #expect(other.findings == lf.findings, "\(ending.debugDescription)")
        }
        // A clean article: the same body and title whatever the line endings.
        let clean = "---\ntitle: Clean\nslug: clean\n---\n\n# Heading\n\n::permissions mailbox\n\nText.\n"
        let a = try #require(parse(clean).article)
        for ending in ["\r\n", "\r"] {
            let b = try #require(parse(clean.replacingOccurrences(of: "\n", with: ending)).article, "\(ending.debugDescription)")
            #expect(b.source == a.source)
            #expect(b.title == a.title)
            #expect(b.directives.map(\.line) == a.directives.map(\.line))
        }
    }
}
