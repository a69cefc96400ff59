import PermdocsPages
public import PermdocsMarkdown
public import PermdocsTemplates
import PermdocsSupport

/// The page shell: the same navigation on every page (home, articles with a `nav_title`, the
/// consent page), so its size does not grow with the number of articles.
public struct Layout: Sendable {
    /// Whether `other` renders every page the same way (the same templates assumed).
    func sameShell(as other: Layout) -> Bool {
        appName == other.appName && nav.elementsEqual(other.nav) { $0.href == $1.href && $0.title == $1.title }
    }

    let templates: TemplateSet
    let appName: String
    let nav: [(href: String, title: String)]

    public init(templates: TemplateSet, appName: String, nav: [(href: String, title: String)]) {
        self.templates = templates
        self.appName = appName
        self.nav = nav
    }

    /// The page `href` around `body` (HTML), rendered by `layout.mustache`. `version`: the content
    /// version a printed page carries (printable pages only).
    public func page(
        _ href: String, title: String, description: String, kind: String, body: String, toc: [CommonMark.Heading] = [],
        printable: Bool = false, version: String = ""
    ) -> OutputFile {
        let context: TemplateValue = [
            "title": .text(title), "description": .text(description), "app_name": .text(appName), "content": .text(body),
            "nav": .list(nav.map { ["href": .text($0.href), "title": .text($0.title), "current": .bool($0.href == href)] }),
            "toc": .list(toc.map { ["id": .text($0.id), "title": .text($0.text)] }), "has_toc": .bool(!toc.isEmpty),
            "page_kind": .text(kind), "generator": .text("permdocs \(PermdocsBuildInfo.version)"), "stylesheet": "style.css",
            "printable": .bool(printable),
            "print_title": .text(CSSString.quoted(title)), "print_app": .text(CSSString.quoted("\(appName) help center")),
            "print_version": .text(CSSString.quoted(version.isEmpty ? "" : "Content version \(version)")),
        ]
        var out: [UInt8] = []
        out.reserveCapacity(body.utf8.count + 4096)
        templates.render("layout", context, into: &out)
        return OutputFile(path: href, bytes: out)
    }
}
