import Foundation
import Testing
import PermdocsDiagnostics
import PermdocsServe
import PermdocsSite
import PermdocsValidate
import PermdocsTestSupport

/// A copy of the example help center (content/ and templates/) to edit, with a preview site folder.
struct ExampleCopy {
    let folder: TempFolder
    var content: String { folder.path + "/content" }
    var templates: String { folder.path + "/templates" }
    var site: String { folder.path + "/preview/site" }
    var article: String { content + "/articles/microsoft-entra-permissions.md" }

    init() throws {
        folder = try TempFolder(prefix: "permdocs-serve")
        for name in ["content", "templates"] {
            try FileManager.default.copyItem(atPath: Repo.path(name), toPath: folder.path + "/" + name)
        }
    }

    func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }
    func write(_ path: String, _ text: String) throws { try text.write(toFile: path, atomically: false, encoding: .utf8) }
    func page(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: site + "/" + name))) }

    /// The whole site as `permdocs build` renders it from the folders as they are now.
    func fullBuild() throws -> [String: [UInt8]] {
        let loaded = try ContentLoader.load(folder: content)
        let (files, diagnostics) = try SiteBuilder(content: try #require(loaded.content)).build(templatesFolder: templates)
        #expect(!diagnostics.hasErrors)
        return Dictionary(uniqueKeysWithValues: try #require(files).map { ($0.path, $0.bytes) })
    }
}

@Suite("permdocs serve: what an edit rebuilds")
struct LiveBuildTests {
    @Test func anArticleEditRendersThatPageAloneAndTheSameBytesAsAFullBuild() throws {
        let copy = try ExampleCopy()
        defer { copy.folder.remove() }
        let live = LiveBuild(contentFolder: copy.content, templatesFolder: copy.templates, siteFolder: copy.site)
        let first = try live.build()
        #expect(first.kind == .full)
        #expect(!first.diagnostics.hasErrors)
        #expect(first.files.contains("microsoft-entra-permissions.html"))
        let index = try copy.page("index.html")

        let text = try copy.read(copy.article)
        try copy.write(
            copy.article,
            text.replacingOccurrences(
                of: "\n## ", with: "\nA sentence added while serving.\n\n## ", options: [], range: text.range(of: "\n## ")))
        let edit = try live.build(changed: [copy.article])
        #expect(edit.kind == .article(copy.article))
        #expect(edit.written == 1)
        #expect(!edit.diagnostics.hasErrors)
        let page = try copy.page("microsoft-entra-permissions.html")
        #expect(String(decoding: page, as: UTF8.self).contains("<p>A sentence added while serving.</p>"))
        // Byte for byte what a full build of the edited content gives; the other pages untouched.
        let full = try copy.fullBuild()
        #expect(page == full["microsoft-entra-permissions.html"])
        #expect(try copy.page("index.html") == index)
        #expect(index == full["index.html"])
    }

    @Test func aTitleEditRendersTheArticleAndTheSiteWidePages() throws {
        let copy = try ExampleCopy()
        defer { copy.folder.remove() }
        let live = LiveBuild(contentFolder: copy.content, templatesFolder: copy.templates, siteFolder: copy.site)
        _ = try live.build()
        let text = try copy.read(copy.article)
        let title = try #require(text.split(separator: "\n").first { $0.hasPrefix("title: ") })
        try copy.write(copy.article, text.replacingOccurrences(of: String(title), with: "title: Permissions, retitled while serving"))
        let edit = try live.build(changed: [copy.article])
        // The index lists titles: it and the other site-wide pages, and the article.
        #expect(edit.kind == .pages(7))
        #expect(!edit.diagnostics.hasErrors)
        #expect(String(decoding: try copy.page("index.html"), as: UTF8.self).contains("Permissions, retitled while serving"))
        try expectSiteIsAFullBuild(copy)
    }

    @Test func aBrokenLinkIsALocatedErrorAndTheLastGoodSiteStays() throws {
        let copy = try ExampleCopy()
        defer { copy.folder.remove() }
        let live = LiveBuild(contentFolder: copy.content, templatesFolder: copy.templates, siteFolder: copy.site)
        _ = try live.build()
        let before = try copy.page("microsoft-entra-permissions.html")
        let text = try copy.read(copy.article)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        // A paragraph after the front matter's blank line: line `at + 1` of the file.
        let at = try #require(lines.indices.first { $0 > 2 && lines[$0 - 1].isEmpty && lines[$0].first?.isLetter == true })
        var edited = lines.map(String.init)
        edited.insert("See [the missing page](missing.html).\n", at: at)
        try copy.write(copy.article, edited.joined(separator: "\n"))
        let failed = try live.build(changed: [copy.article])
        #expect(failed.kind == .article(copy.article))
        #expect(failed.written == 0)
        let errors = failed.diagnostics.all.filter { $0.severity == .error }
        #expect(errors.count == 1)
        #expect(errors.first?.location == PermdocsDiagnostics.SourceLocation(file: copy.article, line: at + 1, column: 24))
        #expect(errors.first?.message == "link to 'missing.html': no page 'missing.html' in the site")
        #expect(try copy.page("microsoft-entra-permissions.html") == before)

        // Fixed: the edit goes in, alone.
        try copy.write(copy.article, text)
        let fixed = try live.build(changed: [copy.article])
        #expect(fixed.kind == .article(copy.article))
        #expect(!fixed.diagnostics.hasErrors)
        #expect(try copy.page("microsoft-entra-permissions.html") == before)
    }

    @Test func anArticleThatNoLongerParsesIsALocatedErrorAndWritesNothing() throws {
        let copy = try ExampleCopy()
        defer { copy.folder.remove() }
        let live = LiveBuild(contentFolder: copy.content, templatesFolder: copy.templates, siteFolder: copy.site)
        _ = try live.build()
        let before = try copy.page("microsoft-entra-permissions.html")
        let text = try copy.read(copy.article)
        try copy.write(copy.article, text + "\n::permissions no-such-feature\n")
        let failed = try live.build(changed: [copy.article])
        #expect(failed.written == 0)
        let error = try #require(failed.diagnostics.all.first { $0.severity == .error })
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).count + 1
        #expect(error.location == PermdocsDiagnostics.SourceLocation(file: copy.article, line: line, column: 15))
        #expect(try copy.page("microsoft-entra-permissions.html") == before)
    }

    /// An article that shows no directive, beside the example's.
    static let plainArticle = """
        ---
        title: Plain article
        summary: Shows no permission table.
        ---

        A page that shows nothing from the catalog, [but links to consent](consent.html).

        """

    @Test func aSaveAfterAFailedBuildStillReportsWhatFailedUntilItIsFixed() throws {
        let copy = try ExampleCopy()
        defer { copy.folder.remove() }
        let live = LiveBuild(contentFolder: copy.content, templatesFolder: copy.templates, siteFolder: copy.site)
        _ = try live.build()
        let page = try copy.page("microsoft-entra-permissions.html")
        let catalog = copy.content + "/permissions.yaml"
        let good = try copy.read(catalog)
        try copy.write(
            catalog,
            good.replacingOccurrences(
                of: "[offline_access, User.Read, Calendars.ReadWrite]", with: "[offline_access, User.Read, Calendar.ReadWrite]"))
        let failed = try live.build(changed: [catalog])
        #expect(failed.diagnostics.all.contains { $0.kind == "unknown-scope" })
        // An article saved next does not build on the last good catalog: the error stays.
        let text = try copy.read(copy.article)
        try copy.write(copy.article, text + "\nA line saved after the catalog broke.\n")
        let still = try live.build(changed: [copy.article])
        #expect(still.diagnostics.all.contains { $0.kind == "unknown-scope" })
        #expect(still.written == 0)
        #expect(try copy.page("microsoft-entra-permissions.html") == page)
        // Fixed: both edits go in, and the preview is what a full build writes.
        try copy.write(catalog, good)
        let fixed = try live.build(changed: [catalog])
        #expect(!fixed.diagnostics.hasErrors)
        #expect(
            String(decoding: try copy.page("microsoft-entra-permissions.html"), as: UTF8.self).contains(
                "A line saved after the catalog broke."))
        try expectSiteIsAFullBuild(copy)
    }

    @Test func anArticleShowingAFeaturesPermissionsTwiceIsTheErrorABuildReports() throws {
        let copy = try ExampleCopy()
        defer { copy.folder.remove() }
        let live = LiveBuild(contentFolder: copy.content, templatesFolder: copy.templates, siteFolder: copy.site)
        _ = try live.build()
        let text = try copy.read(copy.article)
        try copy.write(copy.article, text + "\n::permissions mailbox\n")
        let edit = try live.build(changed: [copy.article])
        #expect(edit.written == 0)
        #expect(edit.diagnostics.all.map(\.kind) == ["duplicate-directive"])
        #expect(edit.diagnostics.all.first?.message == "the permissions of feature 'mailbox' are already shown in this article")
    }

    @Test func aCatalogEditRendersOnlyThePagesThatShowWhatChanged() throws {
        let copy = try ExampleCopy()
        defer { copy.folder.remove() }
        try copy.write(copy.content + "/articles/plain.md", Self.plainArticle)
        let live = LiveBuild(contentFolder: copy.content, templatesFolder: copy.templates, siteFolder: copy.site)
        #expect(try live.build().kind == .full)
        let plain = try FileManager.default.attributesOfItem(atPath: copy.site + "/plain.html")[.systemFileNumber] as? Int
        let catalog = copy.content + "/permissions.yaml"
        let text = try copy.read(catalog)
        try copy.write(
            catalog, text.replacingOccurrences(of: "Allows the app to send emails as you.", with: "Sends candidate emails as you."))
        let edit = try live.build(changed: [catalog])
        // Three checklists, consent, index, changes, and the one article that shows the mailbox table.
        #expect(edit.kind == .pages(7))
        #expect(!edit.diagnostics.hasErrors)
        #expect(
            String(decoding: try copy.page("microsoft-entra-permissions.html"), as: UTF8.self).contains("Sends candidate emails as you."))
        // The plain article's file was not written again.
        #expect(try FileManager.default.attributesOfItem(atPath: copy.site + "/plain.html")[.systemFileNumber] as? Int == plain)
        try expectSiteIsAFullBuild(copy)
    }

    @Test func anArticleAddedOrRemovedIsAFullBuildAndItsPageComesAndGoes() throws {
        let copy = try ExampleCopy()
        defer { copy.folder.remove() }
        let live = LiveBuild(contentFolder: copy.content, templatesFolder: copy.templates, siteFolder: copy.site)
        _ = try live.build()
        let plain = copy.content + "/articles/plain.md"
        try copy.write(plain, Self.plainArticle)
        let added = try live.build(changed: [plain])
        #expect(added.kind == .full)
        #expect(added.files.contains("plain.html"))
        try expectSiteIsAFullBuild(copy)
        try FileManager.default.removeItem(atPath: plain)
        let removed = try live.build(changed: [plain])
        #expect(removed.kind == .full)
        #expect(!removed.diagnostics.hasErrors)
        #expect(!removed.files.contains("plain.html"))
        #expect(!FileManager.default.fileExists(atPath: copy.site + "/plain.html"))
        try expectSiteIsAFullBuild(copy)
    }

    @Test(arguments: ["app name", "template"]) func anEditEveryPageShowsIsAFullBuild(_ what: String) throws {
        let copy = try ExampleCopy()
        defer { copy.folder.remove() }
        let live = LiveBuild(contentFolder: copy.content, templatesFolder: copy.templates, siteFolder: copy.site)
        _ = try live.build()
        let file = what == "app name" ? copy.content + "/permissions.yaml" : copy.templates + "/layout.mustache"
        let text = try copy.read(file)
        try copy.write(
            file,
            what == "app name"
                ? text.replacingOccurrences(of: "  name: Recruitee\n", with: "  name: Served App\n")
                : text.replacingOccurrences(of: "</footer>", with: "<p>Served footer</p></footer>"))
        let edit = try live.build(changed: [file])
        #expect(edit.kind == .full)
        #expect(!edit.diagnostics.hasErrors)
        #expect(
            String(decoding: try copy.page("index.html"), as: UTF8.self).contains(
                what == "app name" ? "Served App help center" : "Served footer"))
        try expectSiteIsAFullBuild(copy)
    }
}

/// Every file of the preview site is what a full build of the folders gives, and no other.
func expectSiteIsAFullBuild(_ copy: ExampleCopy, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let full = try copy.fullBuild()
    let names = try FileManager.default.contentsOfDirectory(atPath: copy.site).filter { $0 != ".permdocs-site" }.sorted()
    #expect(names == full.keys.sorted(), sourceLocation: sourceLocation)
    for name in names {
        #expect(try copy.page(name) == full[name], "\(name)", sourceLocation: sourceLocation)
    }
}
