import Testing
import Foundation
import PermdocsDiagnostics
import PermdocsTestSupport
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
