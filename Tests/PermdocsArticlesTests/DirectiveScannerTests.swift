import Testing
@testable import PermdocsPages
import PermdocsDiagnostics
import PermdocsValidate
import PermdocsTestSupport
@testable import PermdocsArticles
import PermdocsSite

private let content: Content = try! ContentLoader.load(folder: Repo.path("content")).content!

/// Scans an article body; returns the directives found ("line name args") and the findings ("line:col kind").
private func scan(_ body: String) -> (found: [String], findings: [String]) {
    var d = Diagnostics()
    let directives = DirectiveScanner.scan(body: Array(body.utf8), file: "a.md", content: content, into: &d)
    return (
        directives.map { "\($0.line) \($0.name.rawValue) \($0.arguments.map(\.value).joined(separator: " "))" },
        d.all.map { "\($0.location!.line):\($0.location!.column) \($0.kind)" }
    )
}

@Suite("Directive scanner")
struct DirectiveScannerTests {
    /// A directive is found again by its words single-spaced, however it was spaced.
    @Test func directiveWordsAreSingleSpaced() {
        #expect(Directive.normalized("::procedure grant-admin-consent heading=h4") == "::procedure grant-admin-consent heading=h4")
        #expect(Directive.normalized("::procedure  grant-admin-consent\theading=h4") == "::procedure grant-admin-consent heading=h4")
        #expect(Directive.normalized("::permissions mailbox \t ") == "::permissions mailbox")
        #expect(Directive.normalized("::permissions\tmailbox") == "::permissions mailbox")
        #expect(Directive.normalized(" ::checklists") == "::checklists")
        #expect(Directive.normalized("::checklists\t") == "::checklists")
        #expect(Directive.normalized("") == "")
        let r = scan("Intro.\n\n::permissions   mailbox\t\n")
        #expect(r.found == ["3 permissions mailbox"])
    }

    @Test func directivesStandAloneBetweenEmptyLinesOrAfterAHeading() {
        let r = scan("Intro.\n\n::permissions mailbox\n\n## Steps\n::procedure grant-admin-consent heading=h4\n\n::checklists")
        #expect(r.found == ["3 permissions mailbox", "6 procedure grant-admin-consent", "8 checklists "])
        #expect(r.findings == [])
    }

    @Test func aDirectiveGluedToTextIsAnError() {
        let r = scan("Intro.\n::permissions mailbox\n\n::permissions rooms\nMore text.\n")
        #expect(r.found == [])
        #expect(r.findings == ["2:1 directive-syntax", "4:1 directive-syntax"])
    }

    @Test func fencedCodeIsNotScannedUntilTheFenceCloses() {
        let r = scan("```\n::permissions nope\n~~~\n::permissions nope\n```\n\n::permissions calendar\n\n~~~~\n::x\n~~~\n::x\n~~~~\n")
        #expect(r.found == ["7 permissions calendar"])
        #expect(r.findings == [])
    }

    @Test func argumentsAreCheckedAtTheirColumn() {
        let r = scan("::permissions  mailbx\n\n::procedure grant-admin-consent heading=h9\n\n::frobnicate\n")
        #expect(r.findings == ["1:16 unresolved-reference", "3:33 directive-syntax", "5:3 unknown-directive"])
    }

    @Test func indentedOrTemplatedLinesAreNotDirectives() {
        #expect(scan("  ::permissions mailbox\n").found == [])
        #expect(scan("::permissions {{x}}\n").findings == ["1:1 directive-syntax"])
    }
}

@Suite("Article encoding")
struct ArticleEncodingTests {
    @Test func invalidUTF8AndNULInAnArticleAreLocated() {
        for (bytes, expected) in [
            (Array("---\ntitle: T\n---\n\nab".utf8) + [0xFF] + Array("\n".utf8), "a.md 5:3 invalid-utf8"),
            (Array("---\ntitle: T\n---\n\nabc".utf8) + [0] + Array("\n".utf8), "a.md 5:4 nul-byte"),
        ] {
            var d = Diagnostics()
            let article = ArticleLoader.parse(
                bytes: bytes, file: "a.md", stem: "a", content: content, schema: SiteSchemas.articles, into: &d)
            #expect(article == nil)
            #expect(d.all.map { "\($0.location!.file) \($0.location!.line):\($0.location!.column) \($0.kind)" } == [expected])
        }
    }
}
