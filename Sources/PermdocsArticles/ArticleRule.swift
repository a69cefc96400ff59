public import PermdocsDiagnostics

/// The findings of loading articles: front matter, slugs, directives, and where procedures are
/// shown.
public enum ArticleRule: String, Rule, CaseIterable {
    case missingFrontMatter = "missing-front-matter"
    case duplicateSlug = "duplicate-slug"
    case reservedSlug = "reserved-slug"
    case directiveSyntax = "directive-syntax"
    case unknownDirective = "unknown-directive"
    case duplicateDirective = "duplicate-directive"
    case unusedProcedure = "unused-procedure"
    case ignoredArticleFile = "ignored-article-file"
    case unsafeCodeValue = "unsafe-code-value"

    public var severity: Diagnostic.Severity {
        switch self {
        case .unusedProcedure, .ignoredArticleFile: .warning
        default: .error
        }
    }

    public var explanation: String {
        switch self {
        case .missingFrontMatter: "An article does not start with a front matter."
        case .duplicateSlug: "Two articles have the same slug."
        case .reservedSlug: "An article slug is the name of a generated page."
        case .directiveSyntax: "A directive is malformed."
        case .unknownDirective: "A directive permdocs does not know."
        case .duplicateDirective: "A procedure or a feature's permissions are shown twice on one page."
        case .unusedProcedure: "A user procedure is shown in no article."
        case .unsafeCodeValue: "A catalog value inserted in a code span or fenced code block would end it."
        case .ignoredArticleFile:
            "A file in the articles folder looks like an article but is not read (another Markdown spelling, or hidden)."
        }
    }
}
