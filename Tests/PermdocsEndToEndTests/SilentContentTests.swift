import Testing
import Foundation
import PermdocsTestSupport

/// Content that used to be silently wrong (issue 15, class 7), as users meet it: through the real
/// binary, exit code and stderr.
@Suite("Content that was silently wrong (real binary)")
struct SilentContentTests {
    /// A copy of the example content and templates in a temporary folder.
    private func example() throws -> TempFolder {
        let temp = try TempFolder()
        for folder in ["content", "templates"] {
            try FileManager.default.copyItem(atPath: Repo.path(folder), toPath: temp.path + "/" + folder)
        }
        return temp
    }

    /// Other Markdown spellings and hidden drafts are not read, and say so; other files are
    /// skipped without a word.
    @Test func filesInTheArticlesFolderThatAreNotReadAreWarnedAbout() throws {
        let temp = try example()
        defer { temp.remove() }
        let article = "---\ntitle: Not read\n---\n\nText.\n"
        for name in ["upper.MD", "long.markdown", "short.mdown", ".draft.md", ".Other.Markdown", "microsoft-entra-permissions.MD"] {
            try temp.write("content/articles/\(name)", article)
        }
        for name in [".DS_Store", "notes.txt", "diagram.png", ".#lock.md"] { try temp.write("content/articles/\(name)", "x") }
        try FileManager.default.createDirectory(atPath: temp.path + "/content/articles/old.markdown", withIntermediateDirectories: true)
        let r = try Binary.run(["build", "--output", "site"], in: temp.path)
        #expect(r.status == 0, "\(r.stderr)")
        let hidden = "hidden files are drafts, backups and editor state"
        let spelling = "only names ending in '.md', in lowercase, are articles, so the site is the same on every file system"
        #expect(
            r.stderr == """
                content/articles/.Other.Markdown:1:1: warning: '.Other.Markdown' is not read as an article: \(hidden); to publish it, name it 'Other.md' [ignored-article-file]
                content/articles/.draft.md:1:1: warning: '.draft.md' is not read as an article: \(hidden); to publish it, name it 'draft.md' [ignored-article-file]
                content/articles/long.markdown:1:1: warning: 'long.markdown' is not read as an article: \(spelling); to publish it, name it 'long.md' [ignored-article-file]
                content/articles/microsoft-entra-permissions.MD:1:1: warning: 'microsoft-entra-permissions.MD' is not read as an article: \(spelling); 'microsoft-entra-permissions.md' is read instead: merge the two [ignored-article-file]
                content/articles/short.mdown:1:1: warning: 'short.mdown' is not read as an article: \(spelling); to publish it, name it 'short.md' [ignored-article-file]
                content/articles/upper.MD:1:1: warning: 'upper.MD' is not read as an article: \(spelling); to publish it, name it 'upper.md' [ignored-article-file]
                permdocs: 0 errors, 6 warnings
                permdocs: wrote 13 files to site

                """)
        // Not read: the site is the example's.
        let pages = try FileManager.default.contentsOfDirectory(atPath: temp.path + "/site").filter { $0.hasSuffix(".html") }.sorted()
        let expected = try FileManager.default.contentsOfDirectory(atPath: Repo.path("output")).filter { $0.hasSuffix(".html") }.sorted()
        #expect(pages == expected)
    }

    @Test func filesInTheProceduresFolderThatAreNotReadAreWarnedAbout() throws {
        let temp = try example()
        defer { temp.remove() }
        let procedure = try String(contentsOfFile: Repo.path("content/procedures/grant-admin-consent.yaml"), encoding: .utf8)
        for name in ["upper.YAML", ".draft.yaml", "grant-admin-consent.Yml"] { try temp.write("content/procedures/\(name)", procedure) }
        for name in [".DS_Store", "notes.txt", ".#lock.yaml"] { try temp.write("content/procedures/\(name)", "x") }
        let r = try Binary.run(["check"], in: temp.path)
        #expect(r.status == 0, "\(r.stderr)")
        let hidden = "hidden files are drafts, backups and editor state"
        let spelling = "only names ending in '.yaml' or '.yml', in lowercase, are procedures, so the site is the same on every file system"
        #expect(
            r.stderr == """
                content/procedures/.draft.yaml:1:1: warning: '.draft.yaml' is not read as a procedure: \(hidden); to publish it, name it 'draft.yaml' [ignored-procedure-file]
                content/procedures/grant-admin-consent.Yml:1:1: warning: 'grant-admin-consent.Yml' is not read as a procedure: \(spelling); to publish it, name it 'grant-admin-consent.yml' [ignored-procedure-file]
                content/procedures/upper.YAML:1:1: warning: 'upper.YAML' is not read as a procedure: \(spelling); to publish it, name it 'upper.yaml' [ignored-procedure-file]
                permdocs: 0 errors, 3 warnings

                """)
    }

    /// An article whose front matter is empty used to vanish from the site without a word.
    @Test func anArticleWithAnEmptyFrontMatterIsMissingItsTitle() throws {
        let temp = try example()
        defer { temp.remove() }
        try temp.write("content/articles/empty.md", "---\n---\n\nText that would not be published.\n")
        let r = try Binary.run(["build", "--output", "site"], in: temp.path)
        #expect(r.status == 1)
        #expect(
            r.stderr == """
                content/articles/empty.md:1:1: error: the front matter is missing required key 'title' [missing-key]
                permdocs: 1 error, 0 warnings

                """)
        #expect(!FileManager.default.fileExists(atPath: temp.path + "/site"))
    }

    /// A procedure file `con.yaml` cannot be checked out on Windows.
    @Test func aProcedureNamedLikeAWindowsDeviceIsAnError() throws {
        let temp = try example()
        defer { temp.remove() }
        try FileManager.default.copyItem(
            atPath: temp.path + "/content/procedures/grant-admin-consent.yaml", toPath: temp.path + "/content/procedures/nul.yaml")
        let r = try Binary.run(["check"], in: temp.path)
        #expect(r.status == 1)
        #expect(
            r.stderr.split(separator: "\n").contains(
                "content/procedures/nul.yaml:1:1: error: procedure file name 'nul.yaml' is a device name on Windows: a checkout of the content there fails; rename the file [windows-reserved-name]"
            ), "\(r.stderr)")
    }

    /// An article `aux.md` would be `aux.html`, which Windows cannot hold.
    @Test func anArticleSlugNamedLikeAWindowsDeviceIsAnError() throws {
        let temp = try example()
        defer { temp.remove() }
        try temp.write("content/articles/aux.md", "---\ntitle: Aux\n---\n\nText.\n")
        let r = try Binary.run(["build", "--output", "site"], in: temp.path)
        #expect(r.status == 1)
        #expect(
            r.stderr == """
                content/articles/aux.md:1:1: error: slug 'aux' is a device name on Windows: 'aux.html' cannot be checked out there; choose another (the slug is the file name: rename the file or set 'slug') [windows-reserved-name]
                permdocs: 1 error, 0 warnings

                """)
        #expect(!FileManager.default.fileExists(atPath: temp.path + "/site"))
    }

    /// A template over the limit is reported as too large, with its size, and not also as missing.
    @Test func aTemplateOverTheLimitIsTooLargeNotMissing() throws {
        let temp = try example()
        defer { temp.remove() }
        let index = try String(contentsOfFile: temp.path + "/templates/index.mustache", encoding: .utf8)
        let big = index + String(repeating: "<!-- padding -->\n", count: 70_000)
        try temp.write("templates/index.mustache", big)
        let size = big.utf8.count
        #expect(size > 1 << 20)
        let r = try Binary.run(["build", "--output", "site"], in: temp.path)
        #expect(r.status == 1)
        #expect(
            r.stderr == """
                templates/index.mustache:1:1: error: template is \(size) bytes; the limit is 1048576 bytes (1 MiB) [file-too-large]
                permdocs: 1 error, 0 warnings

                """)
    }
}
