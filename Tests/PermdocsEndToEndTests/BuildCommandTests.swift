import Testing
import Foundation
import PermdocsTestSupport

/// A copy of the example content and templates in a temporary folder, to build and break.
private struct Workspace {
    let temp: TempFolder
    var path: String { temp.path }

    init() throws {
        temp = try TempFolder(prefix: "permdocs-build")
        for folder in ["content", "templates"] {
            try FileManager.default.copyItem(atPath: Repo.path(folder), toPath: temp.path + "/" + folder)
        }
    }

    func build(_ extra: [String] = []) throws -> Binary.Result {
        try Binary.run(["build"] + extra, in: path)
    }

    func read(_ relative: String) -> String? { try? String(contentsOfFile: path + "/" + relative, encoding: .utf8) }

    func files(in folder: String) -> [String: Data] {
        var out: [String: Data] = [:]
        let root = path + "/" + folder
        for name in (FileManager.default.enumerator(atPath: root)?.allObjects as? [String]) ?? [] {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &isDir), !isDir.boolValue {
                out[name] = FileManager.default.contents(atPath: root + "/" + name)
            }
        }
        return out
    }

    func edit(_ relative: String, _ change: (String) -> String) throws {
        let full = path + "/" + relative
        try change(try String(contentsOfFile: full, encoding: .utf8)).write(toFile: full, atomically: false, encoding: .utf8)
    }

    func siblings() -> [String] { (try? FileManager.default.contentsOfDirectory(atPath: path))?.sorted() ?? [] }
}

@Suite("permdocs build (real binary)")
struct BuildCommandTests {
    @Test func buildsTheExampleWithDefaultsAndReportsWhatItWrote() throws {
        let w = try Workspace()
        defer { w.temp.remove() }
        let r = try w.build()
        #expect(r.status == 0)
        #expect(r.stderr == "permdocs: 0 errors, 0 warnings\npermdocs: wrote 13 files to output\n")
        #expect(
            w.files(in: "output").keys.sorted() == [
                ".permdocs-site", "changes.html", "changes.xml", "checklist-admins-only.html", "checklist-assignment-required.html",
                "checklist-users-may-consent.html",
                "consent-urls.json", "consent.html", "consent.js", "index.html", "microsoft-entra-permissions.html",
                "permissions.json", "style.css",
            ])
        // Nothing is left beside the output but the lock file.
        #expect(w.siblings() == [".output.permdocs-lock", "content", "output", "templates"])
    }

    /// The Markdown cmark receives, for debugging a page and for the benchmark's limit.
    @Test func expandedMarkdownHasTagsRenderedAndDirectivesAsHTMLBlocks() throws {
        let w = try Workspace()
        defer { w.temp.remove() }
        let r = try w.build(["--expanded-markdown", "expanded"])
        #expect(r.status == 0)
        #expect(w.files(in: "expanded").keys.sorted() == [".permdocs-site", "microsoft-entra-permissions.md"])
        let text = try #require(w.read("expanded/microsoft-entra-permissions.md"))
        let source = try #require(w.read("content/articles/microsoft-entra-permissions.md"))
        // Line for line with the article: the front matter is left as empty lines.
        #expect(text.hasPrefix("\n\n\n\n"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[8] == "Syncing your Microsoft mailbox, calendar, or meeting rooms is possible only when Recruitee has the")
        #expect(!text.contains("{{") && !text.contains("\n::"))
        #expect(lines[21].hasPrefix("<div class=\"feature-permissions\" id=\"permissions-mailbox\">"))
        // Each directive is one HTML block: no empty line inside it.
        let block = text[text.range(of: "<div class=\"feature-permissions\" id=\"permissions-mailbox\">")!.lowerBound...]
        #expect(block.prefix(while: { _ in true }).components(separatedBy: "\n\n").first!.hasSuffix("</div>"))
        #expect(source.contains("::permissions mailbox"))
    }

    @Test func twoBuildsOfTheSameInputAreByteIdentical() throws {
        let w = try Workspace()
        defer { w.temp.remove() }
        #expect(try w.build(["--output", "a"]).status == 0)
        #expect(try w.build(["--output", "b"]).status == 0)
        let a = w.files(in: "a")
        let b = w.files(in: "b")
        #expect(!a.isEmpty && a == b)
        // And equal to the committed example site.
        #expect(
            a["microsoft-entra-permissions.html"]
                == FileManager.default.contents(atPath: Repo.path("output/microsoft-entra-permissions.html")))
    }

    @Test func aFailedBuildWritesNothingAndKeepsThePreviousSite() throws {
        let w = try Workspace()
        defer { w.temp.remove() }
        #expect(try w.build().status == 0)
        let before = w.files(in: "output")
        try w.edit("templates/partials/procedure.mustache") {
            $0.replacingOccurrences(of: "{{title}}</{{heading}}>", with: "{{titel}}</{{heading}}>")
        }
        let r = try w.build()
        #expect(r.status == 1)
        #expect(
            r.stderr == """
                templates/partials/procedure.mustache:2:38: error: unknown variable 'titel'; did you mean 'title'? [template-unknown-variable]
                permdocs: 1 error, 0 warnings

                """)
        #expect(w.files(in: "output") == before)
        #expect(w.siblings() == [".output.permdocs-lock", "content", "output", "templates"])
    }

    @Test func catalogAndArticleErrorsAreReportedTogetherWithExactLocations() throws {
        let w = try Workspace()
        defer { w.temp.remove() }
        try w.edit("content/permissions.yaml") {
            $0.replacingOccurrences(
                of: "[offline_access, User.Read, Calendars.ReadWrite]", with: "[offline_access, User.Read, Calendar.ReadWrite]")
        }
        try w.edit("content/articles/microsoft-entra-permissions.md") {
            $0.replacingOccurrences(of: "::permissions rooms", with: "::permissions room")
                .replacingOccurrences(of: "::procedure grant-admin-consent heading=h4", with: "::procedur grant-admin-consent heading=h4")
                .replacingOccurrences(of: "proper permissions", with: "proper {{app.nmae}} permissions")
        }
        let r = try w.build()
        #expect(r.status == 1)
        #expect(
            r.stderr == """
                content/articles/microsoft-entra-permissions.md:10:8: error: unknown variable 'app.nmae': a 'app' object has no 'nmae'; did you mean 'name'? [template-unknown-variable]
                content/articles/microsoft-entra-permissions.md:30:15: error: no feature 'room'; did you mean 'rooms'? [unresolved-reference]
                content/articles/microsoft-entra-permissions.md:90:3: error: unknown directive 'procedur'; did you mean 'procedure'? (one of: permissions, procedure, checklists) [unknown-directive]
                content/permissions.yaml:30:3: warning: scope 'Calendars.ReadWrite' is described but no feature requests it [unused-scope]
                content/permissions.yaml:49:41: error: unknown scope 'Calendar.ReadWrite'; did you mean 'Calendars.ReadWrite'? [unknown-scope]
                permdocs: 4 errors, 1 warning

                """)
        #expect(!FileManager.default.fileExists(atPath: w.path + "/output"))
    }

    @Test func filesNoLongerProducedDisappear() throws {
        let w = try Workspace()
        defer { w.temp.remove() }
        try "---\ntitle: Extra\n---\n\nMore.\n".write(toFile: w.path + "/content/articles/extra.md", atomically: false, encoding: .utf8)
        #expect(try w.build().status == 0)
        #expect(w.read("output/extra.html") != nil)
        try FileManager.default.removeItem(atPath: w.path + "/content/articles/extra.md")
        #expect(try w.build().status == 0)
        #expect(w.read("output/extra.html") == nil)
        #expect(w.read("output/index.html")?.contains("extra.html") == false)
    }

    @Test(arguments: [
        ("content", "--output content: it holds content; refusing to replace it"),
        (".", "--output .: refusing to replace this folder; name a folder of its own, e.g. 'output'"),
        ("mine", "--output mine: is not a permdocs site (no .permdocs-site marker) and is not empty; refusing to replace it"),
        // A folder named like the marker is not the marker.
        ("forged", "--output forged: is not a permdocs site (no .permdocs-site marker) and is not empty; refusing to replace it"),
    ])
    func refusesToReplaceAFolderItDidNotCreate(output: String, message: String) throws {
        let w = try Workspace()
        defer { w.temp.remove() }
        try FileManager.default.createDirectory(atPath: w.path + "/mine", withIntermediateDirectories: true)
        try "keep me".write(toFile: w.path + "/mine/notes.txt", atomically: false, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: w.path + "/forged/.permdocs-site", withIntermediateDirectories: true)
        try "keep me".write(toFile: w.path + "/forged/notes.txt", atomically: false, encoding: .utf8)
        let before = w.files(in: "content")
        let r = try w.build(["--output", output])
        #expect(r.status == 2)
        #expect(r.stderr.hasSuffix("permdocs: error: \(message)\n"))
        #expect(w.read("mine/notes.txt") == "keep me")
        #expect(w.read("forged/notes.txt") == "keep me")
        #expect(w.files(in: "content") == before)
    }

    @Test func anEmptyFolderMayBecomeTheOutput() throws {
        let w = try Workspace()
        defer { w.temp.remove() }
        try FileManager.default.createDirectory(atPath: w.path + "/site", withIntermediateDirectories: true)
        #expect(try w.build(["--output", "site"]).status == 0)
        #expect(w.read("site/.permdocs-site") != nil)
    }

    @Test func aLeftoverTemporaryFolderFromAKilledBuildIsCleanedUp() throws {
        let w = try Workspace()
        defer { w.temp.remove() }
        // A build writes the marker into its temporary folder first, so a killed one leaves it there.
        try FileManager.default.createDirectory(atPath: w.path + "/.output.permdocs-tmp-99999", withIntermediateDirectories: true)
        try "partial".write(toFile: w.path + "/.output.permdocs-tmp-99999/index.html", atomically: false, encoding: .utf8)
        try "".write(toFile: w.path + "/.output.permdocs-tmp-99999/.permdocs-site", atomically: false, encoding: .utf8)
        #expect(try w.build().status == 0)
        #expect(w.siblings() == [".output.permdocs-lock", "content", "output", "templates"])
    }

    @Test func aUserFolderWithATemporaryLookingNameButNoMarkerIsKept() throws {
        let w = try Workspace()
        defer { w.temp.remove() }
        for name in [".output.permdocs-tmp-88888", ".output.permdocs-old-88888", ".expanded.permdocs-tmp-88888"] {
            try FileManager.default.createDirectory(atPath: w.path + "/" + name, withIntermediateDirectories: true)
            try "keep me".write(toFile: w.path + "/\(name)/notes.txt", atomically: false, encoding: .utf8)
        }
        #expect(try w.build(["--expanded-markdown", "expanded"]).status == 0)
        #expect(try w.build(["--expanded-markdown", "expanded"]).status == 0)
        #expect(w.read(".output.permdocs-tmp-88888/notes.txt") == "keep me")
        #expect(w.read(".output.permdocs-old-88888/notes.txt") == "keep me")
        #expect(w.read(".expanded.permdocs-tmp-88888/notes.txt") == "keep me")
    }

    /// Every path permdocs writes gets the refusals of `--output`: never a source folder, inside
    /// one, a folder holding one, `.`, or a non-empty folder permdocs did not make. Nothing is
    /// written when one is refused.
    @Test(arguments: [
        (
            ["--expanded-markdown", "content/articles"],
            "--expanded-markdown content/articles: is inside content; refusing to write into a source folder"
        ),
        (
            ["--expanded-markdown", "content/new"],
            "--expanded-markdown content/new: is inside content; refusing to write into a source folder"
        ),
        (
            ["--expanded-markdown", "templates/partials"],
            "--expanded-markdown templates/partials: is inside templates; refusing to write into a source folder"
        ),
        (["--expanded-markdown", "content"], "--expanded-markdown content: it holds content; refusing to replace it"),
        (["--expanded-markdown", "templates/"], "--expanded-markdown templates: it holds templates; refusing to replace it"),
        (["--expanded-markdown", "."], "--expanded-markdown .: refusing to replace this folder; name a folder of its own, e.g. 'output'"),
        (
            ["--expanded-markdown", "mine"],
            "--expanded-markdown mine: is not a permdocs site (no .permdocs-site marker) and is not empty; refusing to replace it"
        ),
        (
            ["--expanded-markdown", "mine/notes.txt"],
            "--expanded-markdown mine/notes.txt: exists and is not a folder; refusing to replace it"
        ),
        (["--output", "content/site"], "--output content/site: is inside content; refusing to write into a source folder"),
        (
            ["--output", "mine/../content/articles"],
            "--output mine/../content/articles: is inside content; refusing to write into a source folder"
        ),
        (["--output", "templates/site"], "--output templates/site: is inside templates; refusing to write into a source folder"),
    ])
    func everyOutputPathIsRefusedWhereOutputWouldBe(arguments: [String], message: String) throws {
        let w = try Workspace()
        defer { w.temp.remove() }
        try FileManager.default.createDirectory(atPath: w.path + "/mine", withIntermediateDirectories: true)
        try "keep me".write(toFile: w.path + "/mine/notes.txt", atomically: false, encoding: .utf8)
        let content = w.files(in: "content")
        let templates = w.files(in: "templates")
        let r = try w.build(arguments)
        #expect(r.status == 2)
        #expect(r.stderr.hasSuffix("permdocs: error: \(message)\n"), "\(r.stderr)")
        #expect(w.read("mine/notes.txt") == "keep me")
        #expect(w.files(in: "content") == content)
        #expect(w.files(in: "templates") == templates)
        #expect(!FileManager.default.fileExists(atPath: w.path + "/output"))
        // A later build with the default output still works: nothing was left in the sources.
        #expect(try w.build().status == 0)
    }

    @Test func missingTemplatesFolderIsAnIOError() throws {
        let w = try Workspace()
        defer { w.temp.remove() }
        let r = try w.build(["--templates", "nope"])
        #expect(r.status == 2)
        #expect(r.stderr == "permdocs: error: nope: templates folder not found\n")
    }
}

@Suite("What the published site says about consent (real binary)")
struct PublishedConsentTests {
    /// `features[].client` names the vendor's source code: it exists for `check` and must never
    /// reach the published site, in any file.
    @Test func noClientCodeLocationIsPublished() throws {
        let w = try Workspace()
        defer { w.temp.remove() }
        try w.edit("content/permissions.yaml") {
            $0.replacingOccurrences(of: "lib/sync/microsoft/mailbox.ex", with: "zz-internal/secret_mailbox_sync.ex")
                .replacingOccurrences(of: "microsoft.calendar.scopes", with: "zzprivate.calendar.key")
                .replacingOccurrences(of: "anchor: \"ROOM_SCOPES =\"", with: "anchor: \"ZZ_PRIVATE_ANCHOR =\"")
                .replacingOccurrences(of: "workers/*.py", with: "zz-workers/*.py")
        }
        #expect(try w.build().status == 0)
        let files = w.files(in: "output")
        #expect(files.count == 13)
        for (name, data) in files {
            let text = String(decoding: data, as: UTF8.self)
            for secret in ["zz-internal", "secret_mailbox_sync", "zzprivate", "ZZ_PRIVATE_ANCHOR", "zz-workers", "\"client\""] {
                #expect(!text.contains(secret), "\(name) publishes '\(secret)'")
            }
        }
    }

    /// The managed policy is Microsoft's exact list: Mail.Send is not on it; Mail.ReadWrite,
    /// Calendars.ReadWrite, Tasks.ReadWrite, People.Read and Chat.Read are. permissions.json keeps
    /// its key names and meaning, and says who can consent under each tenant setting.
    @Test func permissionsJSONFollowsTheManagedPolicyExactly() throws {
        let w = try Workspace()
        defer { w.temp.remove() }
        try w.edit("content/permissions.yaml") {
            $0.replacingOccurrences(
                of: "# One entry per sync feature",
                with: """
                      Tasks.ReadWrite:
                        description: Tasks.
                      People.Read:
                        description: People.
                      Chat.Read:
                        description: Chats.

                    # One entry per sync feature
                    """
            ).replacingOccurrences(
                of: "features:\n",
                with: """
                    features:
                      - id: tasks
                        title: Tasks sync
                        scopes: [Tasks.ReadWrite, People.Read, Chat.Read]

                    """)
        }
        try w.edit("content/articles/microsoft-entra-permissions.md") {
            $0.replacingOccurrences(of: "::permissions rooms", with: "::permissions rooms\n\n::permissions tasks")
        }
        try w.edit("content/changes.yaml") {
            $0.replacingOccurrences(
                of: "changes:\n",
                with: "changes:\n  - date: 2026-12-01\n    feature: tasks\n    added: [Tasks.ReadWrite, People.Read, Chat.Read]\n")
        }
        let r = try w.build()
        #expect(r.status == 0, "\(r.stderr)")
        let data = try #require(w.files(in: "output")["permissions.json"])
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let features = try #require(json["features"] as? [[String: Any]])
        var blocked: [String: Bool] = [:]
        var admin: [String: Bool] = [:]
        var managedAnswer: [String: String] = [:]
        for f in features {
            for s in (f["scopes"] as? [[String: Any]]) ?? [] {
                let v = s["value"] as! String
                blocked[v] = s["blocked_by_managed_consent_policy"] as? Bool
                admin[v] = s["admin_consent_required"] as? Bool
                managedAnswer[v] = (s["who_can_consent"] as? [String: String])?["microsoft-managed"]
            }
        }
        for scope in ["Mail.ReadWrite", "Calendars.ReadWrite", "Tasks.ReadWrite", "People.Read", "Chat.Read"] {
            #expect(blocked[scope] == true, "\(scope)")
            #expect(managedAnswer[scope] == "admin", "\(scope)")
        }
        for scope in ["Mail.Send", "User.Read", "User.ReadBasic.All", "offline_access", "email", "openid"] {
            #expect(blocked[scope] == false, "\(scope)")
            #expect(managedAnswer[scope] == "user", "\(scope)")
        }
        #expect(admin.values.allSatisfy { $0 == false })
        let mailbox = try #require(features.first { $0["id"] as? String == "mailbox" })
        #expect(
            mailbox["who_can_consent"] as? [String: String] == [
                "allow-all-apps": "user", "microsoft-managed": "admin",
                "verified-publishers-selected-permissions": "user-if-classified-low-impact",
                "do-not-allow": "admin", "assignment-required": "admin",
            ])
        let policy = (json["consent_sources"] as? [String: Any])?["microsoft_managed_consent_policy"] as? [String: String]
        #expect(policy?["published"] == "2026-01-22")
        // The article names exactly the blocked scopes of the new feature, and not Mail.Send.
        let article = try #require(w.read("output/microsoft-entra-permissions.html"))
        #expect(!article.contains("consent to <code>Mail.Send</code>"))
        #expect(
            article.contains(
                "Microsoft's policy does not let users consent to <code>Tasks.ReadWrite</code>, <code>People.Read</code> and <code>Chat.Read</code>."
            ))
    }

    /// Without `example: true`, the example's placeholder app values are warnings; --strict fails on them.
    @Test func placeholderAppValuesAreFindingsUnlessDeclared() throws {
        let w = try Workspace()
        defer { w.temp.remove() }
        try w.edit("content/permissions.yaml") { $0.replacingOccurrences(of: "  example: true\n", with: "") }
        let r = try Binary.run(["check"], in: w.path)
        #expect(r.status == 0)
        #expect(
            r.stderr.contains("content/permissions.yaml:10:14: warning: client_id '00000000-0000-0000-0000-000000000000' is the nil GUID"))
        #expect(
            r.stderr.contains(
                "content/permissions.yaml:11:17: warning: redirect_uri 'https://app.example.com/auth/microsoft/callback' is on 'example.com'"
            ))
        #expect(r.stderr.hasSuffix("permdocs: 0 errors, 3 warnings\n"))
        #expect(try Binary.run(["check", "--strict"], in: w.path).status == 1)
        #expect(try w.build(["--strict"]).status == 1)
        // Declared: clean, and the consent page says the links are examples.
        try w.edit("content/permissions.yaml") { $0.replacingOccurrences(of: "app:\n", with: "app:\n  example: true\n") }
        #expect(try w.build(["--strict"]).status == 0)
        #expect(w.read("output/consent.html")?.contains("<strong>Example values.</strong>") == true)
        #expect(w.read("output/checklist-admins-only.html")?.contains("<strong>Example values:</strong>") == true)
    }
}
