import Testing
import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
@testable import PermdocsPages
import PermdocsDiagnostics
import PermdocsModel
import PermdocsValidate
import PermdocsMarkdown
import PermdocsTemplates
import PermdocsTestSupport
@testable import PermdocsLinks
@testable import PermdocsSite

let fixtures = Repo.path("Tests/PermdocsSiteTests/Fixtures")

/// Builds a site in memory; returns files by path and the findings.
func buildSite(content: String, templates: String = Repo.path("templates")) throws -> (files: [String: String], diagnostics: [Diagnostic]) {
    let loaded = try ContentLoader.load(folder: content)
    guard let model = loaded.content else { return ([:], loaded.diagnostics.all) }
    let built = try SiteBuilder(content: model).build(templatesFolder: templates)
    var files: [String: String] = [:]
    for f in built.files ?? [] { files[f.path] = String(decoding: f.bytes, as: UTF8.self) }
    return (files, loaded.diagnostics.all + built.diagnostics.all)
}

@Suite("The example site")
struct ExampleSiteTests {
    static let site = Result { try buildSite(content: Repo.path("content")) }

    @Test func itBuildsWithoutFindings() throws {
        let site = try Self.site.get()
        #expect(site.diagnostics.map(\.description) == [])
        #expect(
            site.files.keys.sorted() == [
                "changes.html", "changes.xml", "checklist-admins-only.html", "checklist-assignment-required.html",
                "checklist-users-may-consent.html",
                "consent-urls.json", "consent.html", "consent.js", "index.html", "microsoft-entra-permissions.html",
                "permissions.json", "style.css",
            ])
    }

    /// Every consent link on the page is in consent-urls.json, and the other way round.
    @Test func theConsentPageAndConsentURLsJSONAgree() throws {
        let site = try Self.site.get()
        let html = try #require(site.files["consent.html"])
        let data = Data(try #require(site.files["consent-urls.json"]).utf8)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        let pageLinks = html.matches(of: /data-tenant-link href="([^"]+)"/).map {
            String($0.output.1).replacingOccurrences(of: "&amp;", with: "&")
        }
        #expect(Set(pageLinks) == Set(json.compactMap { $0["url"] as? String }))
        // No sign-in link: a static page cannot give it a `state` that protects anything.
        #expect(json.count == 4)
        #expect(json.map { "\($0["kind"]!)" }.sorted() == ["admin", "admin", "admin", "app-admin"])
        #expect(!html.contains("oauth2/v2.0/authorize"))
    }

    /// Each error users meet is listed with the procedure that fixes it.
    @Test func eachSignInErrorLinksToTheProcedureThatFixesIt() throws {
        let html = try #require(try Self.site.get().files["consent.html"])
        let expected = [
            "AADSTS90094": ["allow-admin-consent-requests", "grant-admin-consent"],
            "AADSTS90095": ["grant-admin-consent"], "AADSTS65001": ["grant-admin-consent"],
            "AADSTS50105": ["assign-users-and-groups"], "AADSTS53003": ["review-conditional-access-policies"],
            "AADSTS700082": ["reconnect-account"], "AADSTS50173": ["reconnect-account"],
            "AADSTS90093": ["grant-admin-consent"], "AADSTS700016": [],
        ]
        for (code, procedures) in expected {
            let entry = try #require(html.slice(from: "<dt id=\"\(code)\">", to: "</dd>"), "no entry for \(code)")
            let targets = entry.matches(of: /href="microsoft-entra-permissions\.html#([a-z-]+)"/).map { String($0.output.1) }
            #expect(targets == procedures, "\(code)")
            // Each fix is its own list item, never two links run together.
            #expect(entry.matches(of: /<li>Fix: <a href="[^"]+">[^<]+<\/a><\/li>/).count == procedures.count, "\(code)")
        }
        // "User consent is off" is 90093 (a policy prevents granting), not 90094.
        let e90093 = try #require(html.slice(from: "<dt id=\"AADSTS90093\">", to: "</dd>"))
        #expect(e90093.contains("set a policy that prevents it"))
        // The article links its procedures' error codes back to this list.
        #expect(
            try Self.site.get().files["microsoft-entra-permissions.html"]?.contains(
                "<a href=\"consent.html#AADSTS50105\"><code>AADSTS50105</code></a>") == true)
    }

    @Test func theCommittedOutputFolderIsUpToDate() throws {
        let site = try Self.site.get()
        for (path, text) in site.files.sorted(by: { $0.key < $1.key }) {
            let committed = try? String(contentsOfFile: Repo.path("output/\(path)"), encoding: .utf8)
            #expect(committed == text, "output/\(path) differs from a fresh build: run `make site` and commit output/")
        }
    }

    /// The HTML contract: one table per feature, one row per scope in catalog order, canonical case.
    @Test func permissionTablesFollowTheContract() throws {
        let html = try #require(try Self.site.get().files["microsoft-entra-permissions.html"])
        let expected: [(String, [String])] = [
            ("mailbox", ["offline_access", "User.Read", "Mail.Send", "Mail.ReadWrite", "email", "openid"]),
            ("calendar", ["offline_access", "User.Read", "Calendars.ReadWrite"]),
            ("rooms", ["offline_access", "User.ReadBasic.All"]),
        ]
        for (feature, scopes) in expected {
            let table = try #require(html.slice(from: "<table class=\"permissions\" data-feature=\"\(feature)\">", to: "</table>"))
            let rows = table.matches(of: /<tr data-scope="([^"]*)">/).map { String($0.output.1) }
            #expect(rows == scopes)
        }
        #expect(html.matches(of: /<table class="permissions"/).count == 3)
    }

    /// Every fact of the seed's tables is in the article: each scope's description, and the note on
    /// Microsoft-managed consent for the mailbox and calendar features.
    @Test func theArticleHoldsEveryFactOfTheSeedTables() throws {
        let html = try #require(try Self.site.get().files["microsoft-entra-permissions.html"])
        let seed = try String(contentsOfFile: fixtures + "/seed/help-article.txt", encoding: .utf8)
        for line in seed.split(separator: "\n") where line.hasPrefix("Allows ") {
            let escaped = line.replacingOccurrences(of: "'", with: "&#39;")
            #expect(html.contains(escaped), "missing seed description: \(line)")
        }
        // Microsoft's managed policy: exactly the listed scopes, never by prefix (Mail.Send is not listed).
        #expect(
            html.contains(
                "users cannot consent to the permissions on Microsoft's list, which includes <code>Mail.ReadWrite</code>. In such"))
        #expect(
            html.contains(
                "users cannot consent to the permissions on Microsoft's list, which includes <code>Calendars.ReadWrite</code>. In such"))
        #expect(html.matches(of: /class="callout note" role="note" aria-label="Microsoft-managed consent/).count == 2)
    }

    @Test func everySeedProcedureIsInTheArticleWithListsNumberedFromOne() throws {
        let html = try #require(try Self.site.get().files["microsoft-entra-permissions.html"])
        for title in [
            "Verify user consent settings in your tenant", "Decide if user assignment should be required",
            "Review Conditional Access policies in your tenant",
            "Allow users to ask for an admin&#39;s consent", "Grant admin consent on behalf of the organization",
            "Assign users and groups to Recruitee", "Grant permissions while connecting your account",
        ] {
            #expect(html.contains(">\(title)</h"), "missing procedure \(title)")
        }
        // Ordered lists never carry a start attribute: numbering starts at 1.
        #expect(!html.contains("<ol start"))
        #expect(
            html.contains(
                "<span class=\"crumb\">Entra ID</span><span class=\"crumb\">Enterprise apps</span><span class=\"crumb\">Consent and permissions</span><span class=\"crumb\">User consent settings</span>"
            ))
    }

    /// A signed checklist certifies what was done: one checkbox per action, the scenario's one
    /// option (never the others), outcomes as text, the shared sign-in once at the top.
    @Test func checklistStepsAreOneActionEach() throws {
        let html = try #require(try Self.site.get().files["checklist-admins-only.html"])
        let boxes = html.matches(of: /<input type="checkbox" id="([^"]+)"><label for="([^"]+)">([^\n]*)<\/label>/)
        #expect(boxes.allSatisfy { $0.output.1 == $0.output.2 })
        let labels = boxes.map { String($0.output.3) }
        #expect(labels.contains("Set <strong>User consent for applications</strong> to <strong>Do not allow user consent</strong>"))
        #expect(labels.contains("Set <strong>Assignment required?</strong> to <strong>No</strong>"))
        // The options the admin must not choose are not offered, let alone ticked.
        for other in ["Allow user consent for apps", "Let Microsoft manage your consent settings", "verified publishers"] {
            #expect(!labels.contains { $0.contains(other) }, "offers \(other)")
        }
        #expect(!html.contains("class=\"choices\""))
        // What the admin will see is text, not a checkbox.
        #expect(!labels.contains { $0.contains("Approval required") })
        #expect(
            html.contains(
                "<li class=\"step outcome\" id=\"allow-admin-consent-requests-step-6\">\n<span class=\"step-text\">Your users now see <strong>Approval required</strong>"
            ))
        // Signing in is said once, as a precondition, never ticked.
        #expect(!labels.contains { $0.contains("Sign in to the") })
        #expect(
            html.contains(
                "<h2 id=\"preconditions-title\">Before you start</h2>\n<ul>\n<li>Sign in to the <a href=\"https://entra.microsoft.com\">Microsoft Entra admin center</a>.</li>\n</ul>"
            ))
        // It names the settings it assumes, then gives the admin-consent link in full before anything else.
        #expect(
            html.contains(
                "<dt>User consent for applications</dt><dd>Do not allow user consent</dd>\n<dt>Assignment required?</dt><dd>No</dd>"))
        let link =
            "https://login.microsoftonline.com/organizations/adminconsent?client_id=00000000-0000-0000-0000-000000000000&amp;redirect_uri=https%3A%2F%2Fapp.example.com%2Fauth%2Fmicrosoft%2Fcallback"
        #expect(html.contains("<p class=\"consent-url\">\(link)</p>"))
        let firstProcedure = try #require(html.firstMatch(of: /<h2 class="procedure-title">([^<]+)<\/h2>/)).output.1
        #expect(firstProcedure == "Grant admin consent on behalf of the organization")
        #expect(html.range(of: "consent-url")!.lowerBound < html.range(of: "procedure-title")!.lowerBound)
        #expect(html.contains("<dt>Completed by (name)</dt><dd class=\"blank\"></dd>"))
        // Users' own procedures are not on an admin checklist.
        #expect(!html.contains("grant-permissions-in-app"))
        // Every sheet carries the content version (a margin box), the same as the sign-off's.
        let version = try #require(html.firstMatch(of: /Content version <code>([0-9a-f]{12})<\/code>/)).output.1
        #expect(html.contains("--print-version: &quot;Content version \(version)&quot;"))
    }

    /// Each checklist is specific to its scenario.
    @Test func eachChecklistAssumesItsOwnSettings() throws {
        let site = try Self.site.get()
        let users = try #require(site.files["checklist-users-may-consent.html"])
        #expect(users.contains("<dt>User consent for applications</dt><dd>Allow user consent for apps</dd>"))
        #expect(!users.contains("consent-url"))  // users consent themselves: no admin link first
        let assignment = try #require(site.files["checklist-assignment-required.html"])
        #expect(assignment.contains("<dt>Assignment required?</dt><dd>Yes</dd>"))
        #expect(!assignment.contains("<dt>User consent for applications</dt>"))
        #expect(assignment.contains("consent-url"))
    }

    @Test func allLinksAreRelative() throws {
        for (path, html) in try Self.site.get().files where path.hasSuffix(".html") {
            for m in html.matches(of: /(?:href|src)="([^"]*)"/) {
                let target = String(m.output.1)
                #expect(!target.hasPrefix("/"), "\(path): absolute link \(target)")
                #expect(target.hasPrefix("https://") || !target.contains(":"), "\(path): \(target)")
            }
        }
    }

    @Test func permissionsJSONCarriesGraphIdsAndConsentFacts() throws {
        let json = try #require(try Self.site.get().files["permissions.json"])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let features = try #require(root["features"] as? [[String: Any]])
        #expect(features.map { $0["id"] as? String } == ["mailbox", "calendar", "rooms"])
        let mail = try #require((features[0]["scopes"] as? [[String: Any]])?.first { $0["value"] as? String == "Mail.ReadWrite" })
        #expect(mail["id"] as? String == "024d486e-b451-40bb-833d-3e66d98c5c73")
        #expect(mail["admin_consent_required"] as? Bool == false)
        #expect(mail["blocked_by_managed_consent_policy"] as? Bool == true)
        let send = try #require((features[0]["scopes"] as? [[String: Any]])?.first { $0["value"] as? String == "Mail.Send" })
        #expect(send["blocked_by_managed_consent_policy"] as? Bool == false)
    }

    @Test func everyContextMatchesTheTemplateSchemas() throws {
        let content = try #require(try ContentLoader.load(folder: Repo.path("content")).content)
        let contexts = Contexts(content: content, reference: .shared, procedureHref: [:], consentHref: "consent.html")
        let schemas = SiteSchemas.all
        for f in content.catalog.features {
            #expect(schemas.mismatch(contexts.permissions(f), as: .object("permissions")) == nil)
        }
        for p in content.procedures {
            for scenario in Procedure.Scenario.checklists where p.isOnChecklist(scenario) {
                #expect(schemas.mismatch(contexts.procedure(p, checklist: scenario), as: .object("procedure")) == nil)
            }
            #expect(schemas.mismatch(contexts.procedure(p), as: .object("procedure")) == nil)
        }
        for scenario in Checklist.scenarios {
            #expect(
                schemas.mismatch(
                    Checklist(scenario: scenario).context(content.procedures, contexts: contexts, articleHref: nil),
                    as: .object("checklist")) == nil)
        }
        #expect(schemas.mismatch(contexts.article(checklists: []), as: .object("article")) == nil)
        #expect(schemas.mismatch(["title": true], as: .object("page-link")) != nil)
    }
}

@Suite("Hostile content")
struct HostileContentTests {
    static let site = Result { try buildSite(content: fixtures + "/hostile/content") }

    @Test func nothingHostileIsLiveInTheSite() throws {
        let site = try Self.site.get()
        #expect(site.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
        for (path, text) in site.files where path.hasSuffix(".html") {
            // The one script of the site is permdocs' own consent.js, from the templates folder.
            let ours = text.replacingOccurrences(of: "<script src=\"consent.js\" defer></script>", with: "")
            #expect(LiveHTML.problems(in: ours) == [], "\(path)")
        }
        // The payloads are there, as text.
        #expect(site.files["hostile.html"]?.contains("&lt;img src=x onerror=alert(&#39;desc&#39;)&gt;") == true)
    }

    @Test func theLiveHTMLCheckFindsLiveMarkup() {
        #expect(LiveHTML.problems(in: "<p>&lt;script&gt; onerror=x</p><img src=\"\" alt=\"i\" />") == [])
        #expect(
            LiveHTML.problems(in: "<SCRIPT>x</SCRIPT><a href=\"javascript:x\">a</a><p onclick=\"x\">") == [
                "live <script> tag", "unsafe href=\"javascript:x\"", "event handler onclick= on <p>",
            ])
    }

    @Test func templateSyntaxInCatalogValuesIsText() throws {
        let html = try #require(try Self.site.get().files["hostile.html"])
        #expect(html.contains("Welcome to Acme &lt;script&gt;alert('name')&lt;/script&gt; {{app.name}}."))
        #expect(html.contains("{{#features}}loop{{/features}}"))
        #expect(html.contains("<span class=\"crumb\">{{app.name}}</span>"))
    }

    @Test func theRenderedHostileSiteMatchesItsGoldenFiles() throws {
        let site = try Self.site.get()
        for (path, text) in site.files.sorted(by: { $0.key < $1.key }) where !path.hasSuffix(".css") && !path.hasSuffix(".js") {
            let mismatch = Golden.mismatch(text, golden: fixtures + "/hostile/golden/\(path)")
            #expect(mismatch == nil, "\(mismatch ?? "")")
        }
    }
}

extension String {
    func slice(from start: String, to end: String) -> Substring? {
        guard let a = range(of: start), let b = self[a.upperBound...].range(of: end) else { return nil }
        return self[a.lowerBound..<b.upperBound]
    }
}

/// Finds markup that a browser would run: real tags (text is escaped, so a real tag starts with a
/// literal '<') named script, iframe, object, embed, svg, style or base; event-handler attributes;
/// and href/src/action values with a javascript:, vbscript: or data: scheme.
enum LiveHTML {
    static func problems(in html: String) -> [String] {
        var out: [String] = []
        for tag in html.matches(of: /<([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/) {
            let name = tag.output.1.lowercased()
            if ["script", "iframe", "object", "embed", "svg", "style", "base", "meta http-equiv"].contains(name) {
                out.append("live <\(name)> tag")
            }
            for attr in String(tag.output.2).matches(of: /\s([a-zA-Z:-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/) {
                let key = attr.output.1.lowercased()
                var value = String(attr.output.2)
                if value.hasPrefix("\"") || value.hasPrefix("'") { value = String(value.dropFirst().dropLast()) }
                if key.hasPrefix("on") { out.append("event handler \(key)= on <\(name)>") }
                let scheme = value.lowercased().replacingOccurrences(of: " ", with: "")
                if ["href", "src", "action", "formaction"].contains(key),
                    scheme.hasPrefix("javascript:") || scheme.hasPrefix("vbscript:") || scheme.hasPrefix("data:")
                {
                    out.append("unsafe \(key)=\"\(value)\"")
                }
            }
        }
        return out
    }
}

@Suite("Directive blocks")
struct DirectiveBlockTests {
    /// Directives that show the same thing share one block whatever their spelling; the heading
    /// level makes another block; an article whose template moves lines finds its directive by
    /// its words.
    @Test func directivesShowingTheSameThingShareABlock() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        try FileManager.default.copyItem(atPath: Repo.path("content"), toPath: temp.path + "/content")
        let article = { (name: String, body: String) in
            try temp.write("content/articles/\(name).md", "---\ntitle: \(name)\n---\n\nIntro.\n\n\(body)\n")
        }
        try article("a", "::procedure grant-admin-consent")
        try article("b", "::procedure   grant-admin-consent heading=h3")
        try article("c", "::procedure grant-admin-consent heading=h2")
        try article("d", "{{#checklists}}\n- [{{title}}]({{href}})\n{{/checklists}}\n\n::procedure grant-admin-consent heading=h4")
        let site = try buildSite(content: temp.path + "/content")
        #expect(site.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
        func block(_ page: String) throws -> Substring {
            let html = try #require(site.files[page])
            return try #require(html.slice(from: "<section class=\"procedure\" id=\"grant-admin-consent\">", to: "</section>"), "\(page)")
        }
        #expect(try block("a.html") == block("b.html"))
        #expect(try block("a.html").contains("<h3 class=\"procedure-title\">"))
        #expect(try block("c.html").contains("<h2 class=\"procedure-title\">"))
        #expect(try block("d.html").contains("<h4 class=\"procedure-title\">"))
        #expect(try #require(site.files["d.html"]).contains("checklist-admins-only.html"))
    }
}

@Suite("Layout cache")
struct LayoutCacheTests {
    /// The spliced layout is byte-identical to the template renderer's own render, for every shape.
    @Test(arguments: [0, 1, 3])
    func splicedPagesEqualFullRenders(tocCount: Int) throws {
        let (templates, _) = try TemplateSet.load(folder: Repo.path("templates"), contract: SiteSchemas.contract)
        let layout = Layout(
            templates: try #require(templates), appName: "Acme & <Co>",
            nav: [("index.html", "Home"), ("a.html", "A \"quoted\""), ("consent.html", "Consent")])
        let cache = LayoutCache(layout: layout, links: SharedLinkTable())
        let toc = (0..<tocCount).map { CommonMark.Heading(level: 2, id: "h\($0)", text: "Heading <\($0)> & 'x'") }
        for href in ["a.html", "b.html", "index.html"] {
            for _ in 0..<2 {
                let fast = cache.page(
                    href, title: "T <b> & \"q\" 'a'", description: "D\nline", kind: "article", body: Array("<p>body</p>".utf8), toc: toc,
                    printable: false
                ).file
                let full = layout.page(
                    href, title: "T <b> & \"q\" 'a'", description: "D\nline", kind: "article", body: "<p>body</p>", toc: toc,
                    printable: false)
                #expect(fast == full)
            }
        }
        // A value holding the sentinel character falls back to the full render.
        let odd = cache.page("a.html", title: "x\u{E000}0\u{E001}", description: "", kind: "article", body: [], toc: toc, printable: false)
            .file
        #expect(
            odd
                == layout.page(
                    "a.html", title: "x\u{E000}0\u{E001}", description: "", kind: "article", body: "", toc: toc, printable: false))
    }
}

@Suite("Printed sheets: header values and content version")
struct PrintHeaderTests {
    /// The layout puts the title and app name in CSS strings inside a style attribute: nothing in
    /// them may end the string (a quote) or start an escape of its own (a backslash).
    @Test func cssStringsEscapeEverythingThatCouldEndThem() {
        #expect(CSSString.quoted("Acme \"Pro\"; background: url(x)") == "\"Acme \\22 Pro\\22 ; background: url(x)\"")
        #expect(CSSString.quoted("a\\b\nc'd") == "\"a\\5c b\\a c\\27 d\"")
        #expect(CSSString.quoted("Checklist: Recruitee") == "\"Checklist: Recruitee\"")
    }

    /// Same content, same version; a changed value a checklist shows, another version.
    @Test func theContentVersionFollowsTheContent() throws {
        let content = try #require(try ContentLoader.load(folder: Repo.path("content")).content)
        let version = ContentVersion.of(content)
        #expect(version.count == 12 && version.allSatisfy(\.isHexDigit))
        #expect(ContentVersion.of(try #require(try ContentLoader.load(folder: Repo.path("content")).content)) == version)
        var changed = content
        changed.catalog.app.name = Located("Recruitee!", at: content.catalog.app.name.location)
        #expect(ContentVersion.of(changed) != version)
    }
}

/// The change log on the site: a page for admins, an Atom feed (RFC 4287), "last changed" beside
/// each permission table, and the history in permissions.json.
@Suite("Permission changes on the site")
struct PermissionChangesSiteTests {
    static let site = Result { try buildSite(content: Repo.path("content")) }

    /// RFC 4287 §4.1.1: a feed has exactly one id, title and updated, an author (or every entry
    /// has one); each entry exactly one id, title and updated, and a summary where it has no
    /// content link. Ids are IRIs and unique; dates are RFC 3339.
    @Test func theFeedHasEveryElementAtomRequires() throws {
        let xml = try #require(try Self.site.get().files["changes.xml"])
        let doc = try XMLDocument(xmlString: xml, options: [])
        let feed = try #require(doc.rootElement())
        #expect(feed.name == "feed" && feed.uri == "http://www.w3.org/2005/Atom")
        func children(_ e: XMLElement, _ name: String) -> [XMLElement] { e.elements(forName: name) }
        for name in ["id", "title", "updated"] { #expect(children(feed, name).count == 1, "feed \(name)") }
        #expect(children(feed, "author").count == 1)
        #expect(xml.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"changes.xml\"/>"))
        #expect(children(feed, "link").count == 2)
        let entries = children(feed, "entry")
        #expect(entries.count == 5)
        var ids: Set<String> = []
        let rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/
        for entry in entries {
            for name in ["id", "title", "updated", "summary"] { #expect(children(entry, name).count == 1, "entry \(name)") }
            let id = try #require(children(entry, "id").first?.stringValue)
            #expect(id.hasPrefix("tag:app.example.com,"))
            #expect(ids.insert(id).inserted, "duplicate id \(id)")
            #expect((children(entry, "updated").first?.stringValue ?? "").wholeMatch(of: rfc3339) != nil)
        }
        #expect(children(feed, "updated").first?.stringValue == "2026-06-15T00:00:00Z")
        let first = try #require(entries.first)
        #expect(children(first, "title").first?.stringValue == "Mailbox sync: Mail.Send added")
        // Mail.Send is user-consentable even under Microsoft-managed consent (incremental consent).
        #expect(
            children(first, "summary").first?.stringValue?.contains(
                "Each user is asked to consent again where user consent is allowed for all apps or user consent is Microsoft-managed.")
                == true)
    }

    /// The ids stay the same from one build to the next, so a feed reader never sees an entry twice.
    @Test func feedIdsAreStable() throws {
        let again = try buildSite(content: Repo.path("content"))
        #expect(again.files["changes.xml"] == (try Self.site.get().files["changes.xml"]))
    }

    @Test func thePageTheArticleTheIndexAndTheDataAgree() throws {
        let files = try Self.site.get().files
        let page = try #require(files["changes.html"])
        #expect(page.contains("<section class=\"change\" id=\"change-2026-01-20-mailbox\">"))
        #expect(page.contains("<li>Added: <code>Mail.ReadWrite</code></li>"))
        #expect(page.contains("<li>Removed: <code>Mail.Read</code></li>"))
        #expect(
            page.contains(
                "An admin must <a href=\"consent.html#consent-mailbox\">grant consent again</a> before Mailbox sync works again, in tenants where user consent is Microsoft-managed, user consent is not allowed or “Assignment required?” is Yes."
            ))
        #expect(page.contains("<strong>Example data.</strong>"))
        let article = try #require(files["microsoft-entra-permissions.html"])
        #expect(article.contains("<a href=\"changes.html\">permission changes</a>"))
        #expect(
            article.contains(
                "Mailbox sync: permissions Recruitee requests <span class=\"last-changed\">(last changed <a href=\"changes.html\">15 June 2026</a>)</span>"
            ))
        #expect(try #require(files["index.html"]).contains("<a href=\"changes.html\">What changed, and who must consent again</a>"))
        let data = try #require(files["permissions.json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any])
        let mailbox = try #require((json["features"] as? [[String: Any]])?.first { $0["id"] as? String == "mailbox" })
        let history = try #require(mailbox["history"] as? [[String: Any]])
        #expect(history.map { $0["date"] as? String } == ["2026-06-15", "2026-01-20", "2025-09-01"])
        #expect(history[1]["removed"] as? [String] == ["Mail.Read"])
    }
}
