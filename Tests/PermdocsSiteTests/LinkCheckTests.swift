import Testing
import Foundation
import PermdocsDiagnostics
import PermdocsTestSupport
import PermdocsValidate
@testable import PermdocsLinks
@testable import PermdocsSite

@Suite("Link check")
struct LinkCheckTests {
    @Test func brokenRelativeLinksAreReportedWhereTheArticleWritesThem() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        try FileManager.default.copyItem(atPath: Repo.path("content"), toPath: temp.path + "/content")
        let m = Marked(
            """
            ---
            title: Links
            ---

            ## Overview

            Fine: [heading](#overview), [consent](consent.html#consent-mailbox), [home](index.html),
            [external](https://learn.microsoft.com/x#y), [mail](mailto:a@b.example).

            Broken: [gone](①nowhere.html), [anchor](②consent.html#consent-nothing), [local](③#missing).

            Again, reported once each: [gone](nowhere.html), [anchor](consent.html#consent-nothing), [local](#missing).

            """)
        try temp.write("content/articles/links.md", m.text)
        let site = try buildSite(content: temp.path + "/content")
        let broken = site.diagnostics.filter { $0.kind == "broken-link" }
        #expect(
            broken.map { "\($0.location!.line):\($0.location!.column) \($0.message)" }.sorted()
                == [
                    "\(m["①"]) link to 'nowhere.html': no page 'nowhere.html' in the site",
                    "\(m["②"]) link to 'consent.html#consent-nothing': 'consent.html' has no element with id 'consent-nothing'",
                    "\(m["③"]) link to '#missing': 'links.html' has no element with id 'missing'",
                ].sorted())
        #expect(broken.allSatisfy { $0.location?.file.hasSuffix("content/articles/links.md") == true })
        #expect(site.files.isEmpty || site.diagnostics.contains { $0.severity == .error })
    }
}

@Suite("Link check: where and how broken links are reported")
struct LinkReportTests {
    /// A link in `<…>` form or with `&` in its query is reported at its destination, and the
    /// message quotes it as the author wrote it (not `no%20page.html`, not `&amp;`).
    @Test func aLinkIsReportedAtItsDestinationAndQuotedAsWritten() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        try FileManager.default.copyItem(atPath: Repo.path("content"), toPath: temp.path + "/content")
        let m = Marked(
            """
            ---
            title: Links
            ---

            Angle: [spaced](①<no page.html>), query: [q](②nowhere.html?x=1&y=2 "title"),
            encoded: [e](③a%20b.html), a fine one [consent](consent.html?a=1&b=2#consent-mailbox),
            by reference: [r][ref].

            [ref]:   ④elsewhere.html#x

            """)
        try temp.write("content/articles/links.md", m.text)
        let site = try buildSite(content: temp.path + "/content")
        let broken = site.diagnostics.filter { $0.kind == "broken-link" }
        let file = temp.path + "/content/articles/links.md"
        #expect(
            broken.map(\.description)
                == [
                    "\(file):\(m["①"]): error: link to 'no page.html': no page 'no page.html' in the site [broken-link]",
                    "\(file):\(m["②"]): error: link to 'nowhere.html?x=1&y=2': no page 'nowhere.html' in the site [broken-link]",
                    "\(file):\(m["③"]): error: link to 'a%20b.html': no page 'a b.html' in the site [broken-link]",
                    "\(file):\(m["④"]): error: link to 'elsewhere.html#x': no page 'elsewhere.html' in the site [broken-link]",
                ])
    }

    /// A destination of bytes cmark passes as they are is its own href, without asking cmark.
    @Test func plainDestinationsAreTheirOwnHref() {
        for destination in ["a.html", "A-b_c.html?x=1;y=2#f", "(x).html", "a%20b.html", "~u/$x!*,@:=+.html", "<a b>", "a&b", "é.html"] {
            let bytes = Array(destination.utf8)[...]
            #expect(ArticleLinkSources.href(of: bytes) == ArticleLinkSources.cmarkHref(of: bytes), "\(destination)")
        }
        #expect(ArticleLinkSources.href(of: Array("a&b".utf8)[...]) == "a&amp;b")
    }

    /// Reporting reads each article once, whatever the number of broken links in it: doubling the
    /// links doubles the work (it re-split the article for each link: 6,000 links took 60 s).
    @Test func reportingIsLinearInTheBrokenLinks() throws {
        func work(_ n: Int) throws -> (work: Int, findings: Int) {
            let temp = try TempFolder()
            defer { temp.remove() }
            try FileManager.default.copyItem(atPath: Repo.path("content"), toPath: temp.path + "/content")
            let lines = (0..<n).map { "Line \($0): [gone](nowhere-\($0).html) and [also](#missing-\($0))." }
            try temp.write("content/articles/links.md", "---\ntitle: Links\n---\n\n" + lines.joined(separator: "\n\n") + "\n")
            let content = try #require(try ContentLoader.load(folder: temp.path + "/content").content)
            let builder = SiteBuilder(content: content)
            let prepared = try #require(try builder.prepare(templatesFolder: Repo.path("templates")).0)
            let pass = RenderPass(
                builder: builder, articles: prepared.articles, templates: prepared.templates, codePlaces: prepared.codePlaces,
                sink: MemorySink())
            let findings = try pass.run().check()
            var diagnostics = Diagnostics()
            let work = LinkIndex.report(findings, articles: prepared.articles, content: content, into: &diagnostics)
            #expect(diagnostics.all.count == 2 * n)
            #expect(diagnostics.all.last?.location?.line == 4 + 2 * n - 1)
            return (work, findings.count)
        }
        let (small, large) = (try work(1500), try work(3000))
        #expect(small.findings == 3000 && large.findings == 6000)
        let ratio = Double(large.work) / Double(small.work)
        #expect(ratio < 2.5, "work \(small.work) → \(large.work)")
    }

    /// The size that took a minute: 6,000 broken links in one article, through the builder.
    @Test func sixThousandBrokenLinksAreReportedEachAtItsPlace() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        try FileManager.default.copyItem(atPath: Repo.path("content"), toPath: temp.path + "/content")
        let lines = (0..<6000).map { "[gone](nowhere-\($0).html)" }
        try temp.write("content/articles/links.md", "---\ntitle: Links\n---\n\n" + lines.joined(separator: "\n\n") + "\n")
        let site = try buildSite(content: temp.path + "/content")
        let broken = site.diagnostics.filter { $0.kind == "broken-link" }
        #expect(broken.count == 6000)
        #expect(
            broken.first.map { "\($0.location!.line):\($0.location!.column) \($0.message)" }
                == "5:8 link to 'nowhere-0.html': no page 'nowhere-0.html' in the site")
        #expect(broken.last.map { "\($0.location!.line):\($0.location!.column)" } == "\(5 + 2 * 5999):8")
    }
}

@Suite("Ids on a page")
struct PageIDTests {
    static func repeatedIDs(_ html: String) -> [String] {
        var seen: Set<String> = []
        var repeated: [String] = []
        for match in html.matches(of: /\sid="([^"]*)"/) where !seen.insert(String(match.1)).inserted {
            repeated.append(String(match.1))
        }
        return repeated
    }

    /// Headings take no id the layout (`main`) or a block on the page (`permissions-rooms`, a
    /// procedure's, a step's) defines: they get the next free `-N`.
    @Test func headingsAvoidTheIdsOfTheLayoutAndTheBlocks() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        try FileManager.default.copyItem(atPath: Repo.path("content"), toPath: temp.path + "/content")
        try temp.write(
            "content/articles/ids.md",
            """
            ---
            title: Ids
            ---

            ## Permissions rooms

            ::permissions rooms

            ## Main

            ## Grant admin consent step 1

            ::procedure grant-admin-consent

            [rooms](#permissions-rooms), [main](#main), [step](#grant-admin-consent-step-1)

            """)
        let site = try buildSite(content: temp.path + "/content")
        #expect(site.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
        let html = try #require(site.files["ids.html"])
        #expect(html.contains("<h2 id=\"permissions-rooms-2\">Permissions rooms</h2>"))
        #expect(html.contains("<h2 id=\"main-2\">Main</h2>"))
        #expect(html.contains("<h2 id=\"grant-admin-consent-step-1-2\">Grant admin consent step 1</h2>"))
        for (name, page) in site.files where name.hasSuffix(".html") {
            #expect(Self.repeatedIDs(page) == [], "\(name)")
        }
    }

    /// The same feature's permissions twice in one article would repeat the table's id (as the
    /// same procedure twice would repeat its steps'): an error at the second.
    @Test func aFeatureShownTwiceInAnArticleIsAnErrorAtTheSecond() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        try FileManager.default.copyItem(atPath: Repo.path("content"), toPath: temp.path + "/content")
        let m = Marked("---\ntitle: Ids\n---\n\n::permissions mailbox\n\n::permissions  ①mailbox\n\n::permissions calendar\n")
        try temp.write("content/articles/ids.md", m.text)
        try temp.write(
            "content/articles/more.md",
            "---\ntitle: More\n---\n\n::procedure grant-admin-consent\n\n::procedure grant-admin-consent heading=h2\n")
        let site = try buildSite(content: temp.path + "/content")
        let articles = temp.path + "/content/articles/"
        #expect(
            site.diagnostics.filter { $0.severity == .error }.map(\.description) == [
                "\(articles)ids.md:\(m["①"]): error: the permissions of feature 'mailbox' are already shown in this article [duplicate-directive]",
                "\(articles)more.md:7:13: error: procedure 'grant-admin-consent' is already shown in this article [duplicate-directive]",
            ])
        #expect(site.files.isEmpty)
    }

    /// A procedure named like an id its pages already have (the layout's `main`, another
    /// procedure's step) is an error at the procedure, once, and the site is not written.
    @Test func aProcedureNamedLikeALayoutOrStepIdIsAnErrorAtTheProcedure() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        try FileManager.default.copyItem(atPath: Repo.path("content"), toPath: temp.path + "/content")
        let procedure = try String(contentsOfFile: Repo.path("content/procedures/reconnect-account.yaml"), encoding: .utf8)
        try temp.write("content/procedures/main.yaml", procedure)
        try temp.write("content/procedures/grant-admin-consent-step-1.yaml", procedure)
        try temp.write(
            "content/articles/ids.md",
            "---\ntitle: Ids\n---\n\n::procedure main\n\n::procedure grant-admin-consent\n\n::procedure grant-admin-consent-step-1\n")
        let site = try buildSite(content: temp.path + "/content")
        let folder = temp.path + "/content/procedures/"
        #expect(
            site.diagnostics.filter { $0.severity == .error }.map(\.description).sorted() == [
                "\(folder)grant-admin-consent-step-1.yaml:1:1: error: procedure 'grant-admin-consent-step-1' takes an id 'ids.html' already has (its layout's, a step's or another block's): rename the procedure [repeated-id]",
                "\(folder)main.yaml:1:1: error: procedure 'main' takes an id 'ids.html' already has (its layout's, a step's or another block's): rename the procedure [repeated-id]",
            ])
        #expect(site.files.isEmpty)
    }
}

/// The sizes that took a minute (issue 15), through the whole builder: they build and report
/// what they should. That the steps are linear is proved by counting their work as the input
/// doubles (`doublingTheHeadingsDoublesTheWork`, `reportingIsLinearInTheBrokenLinks`), never by
/// timing a test.
@Suite("Hostile sizes through the builder")
struct HostileSizeTests {
    static func build(_ article: String) throws -> (files: [String: String], diagnostics: [Diagnostic]) {
        let temp = try TempFolder()
        defer { temp.remove() }
        try FileManager.default.copyItem(atPath: Repo.path("content"), toPath: temp.path + "/content")
        try temp.write("content/articles/hostile.md", "---\ntitle: Hostile\n---\n\n" + article)
        return try buildSite(content: temp.path + "/content")
    }

    @Test func fourThousandEqualHeadingsBuildWithAnIdEach() throws {
        let equal = try Self.build(String(repeating: "## Same\n\nText.\n\n", count: 4000))
        #expect(equal.diagnostics.filter { $0.severity == .error }.isEmpty)
        let page = try #require(equal.files["hostile.html"])
        #expect(page.contains("<h2 id=\"same\">") && page.contains("<h2 id=\"same-4000\">"))
        #expect(!page.contains("<h2 id=\"same-4001\">"))
    }

    @Test func sixThousandBrokenLinksAreEachReported() throws {
        let broken = try Self.build((0..<6000).map { "[gone](nowhere-\($0).html)\n\n" }.joined())
        #expect(broken.diagnostics.filter { $0.kind == "broken-link" }.count == 6000)
    }
}
