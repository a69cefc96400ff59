public import PermdocsModel

/// A help article: `content/articles/NAME.md`, a small YAML front matter and Markdown that may use
/// template tags (`{{app.name}}`) and directives (`::permissions mailbox` on a line of its own).
///
///     ---
///     title: How to set up permissions …
///     slug: microsoft-entra-permissions     # optional, defaults to the file name
///     summary: One line for the index page  # optional
///     order: 1                              # optional, index order
///     nav_title: Entra ID permissions       # optional, shorter title for the navigation
///     ---
public final class Article: Sendable {
    public let file: String
    public let title: Located<String>
    public let slug: Located<String>
    public let summary: String?
    /// Short title for the navigation bar; defaults to the title.
    public let navTitle: String?
    public let order: Int
    /// The Markdown (UTF-8) with the front matter replaced by as many empty lines, so every line
    /// and column of the body is the line and column in the file.
    public let source: [UInt8]
    public var body: String { String(decoding: source, as: UTF8.self) }
    public let directives: [Directive]
    /// The procedures the article shows, in order (the id argument of each `::procedure`).
    public let procedureIDs: [Located<String>]
    /// The same procedures by their index in `Content.procedures`: the serial passes over every
    /// article of a large build compare numbers instead of hashing ids.
    public let procedureNumbers: [Int]
    /// The features whose permissions the article shows, by their index in the catalog, in order.
    public let permissionNumbers: [Int]
    /// Each directive's words (`Directive.source`), line and block (`Directive.block`), in
    /// order: what rendering needs of them, without copying directives around on the serial
    /// paths of a large build.
    public let directiveKeys: [(source: String, line: Int, block: Int)]
    /// How the body's template tags render.
    public let template: ArticleTemplate

    /// The page's file name, `SLUG.html`.
    public let href: String

    init(
        file: String, title: Located<String>, slug: Located<String>, summary: String?, navTitle: String?, order: Int,
        source: [UInt8], directives: [Directive], template: ArticleTemplate
    ) {
        self.file = file
        self.title = title
        self.slug = slug
        href = slug.value + ".html"
        self.summary = summary
        self.navTitle = navTitle
        self.order = order
        self.source = source
        self.directives = directives
        procedureIDs = directives.compactMap { $0.name == .procedure ? $0.arguments.first : nil }
        procedureNumbers = directives.compactMap { $0.name == .procedure ? $0.target : nil }
        permissionNumbers = directives.compactMap { $0.name == .permissions && !$0.arguments.isEmpty ? $0.target : nil }
        directiveKeys = directives.map { ($0.source, $0.line, $0.block) }
        self.template = template
    }
}
