import Testing
import PermdocsDiagnostics
import PermdocsDrift

@Suite("Markdown summary")
struct MarkdownReporterTests {
    private func findings(_ n: Int) -> [Diagnostic] {
        (1...n).map { i in
            .error(
                DriftRule.undocumentedScope, "the client requests 'Scope\(i)' for feature 'mail', but the catalog does not list it",
                at: SourceLocation(file: "src/mail.ts", line: i, column: 4), feature: "mail", scope: "Scope\(i)")
        }
    }

    @Test func aSummaryThatFitsIsUnchanged() {
        let summary = MarkdownReporter().report(findings(3))
        #expect(MarkdownReporter.fitted(summary, bytes: summary.utf8.count) == summary)
    }

    @Test func aSummaryOverGitHubsLimitStopsAtAWholeRowAndSaysHowManyAreListed() {
        let summary = MarkdownReporter().report(findings(40))
        let fitted = MarkdownReporter.fitted(summary, bytes: 2_000)
        #expect(fitted.utf8.count <= 2_000)
        let lines = fitted.split(separator: "\n", omittingEmptySubsequences: false)
        let rows = lines.filter { $0.hasPrefix("| error |") }
        #expect(!rows.isEmpty && rows.count < 40)
        #expect(rows.allSatisfy { $0.hasSuffix(" |") })
        #expect(summary.hasPrefix(lines.dropLast(2).joined(separator: "\n")))
        #expect(
            lines.suffix(2) == [
                "**The summary stops at GitHub's limit for a step summary: \(rows.count) of 40 findings are listed; the annotations and `permdocs check` list them all.**",
                "",
            ])
    }
}
