import Testing
import Foundation
import PermdocsDiagnostics
import PermdocsTestSupport

@Suite("Rule catalog")
struct RuleCatalogTests {
    /// Every kind the sources report is a rule SARIF lists, and every rule is reported somewhere.
    @Test func everyReportedKindIsARuleAndEveryRuleIsReported() throws {
        var kinds: Set<String> = []
        let sources = Repo.path("Sources")
        for case let file as String in FileManager.default.enumerator(atPath: sources)! where file.hasSuffix(".swift") && !file.contains("RuleCatalog") {
            let text = try String(contentsOfFile: sources + "/" + file, encoding: .utf8)
            for m in text.matches(of: /(?:\.error|\.warning|error|warning|Diagnostic|report|\(o,)\(?\s*(?:\.(?:error|warning),\s*)?"([a-z0-9-]+)"/) {
                kinds.insert(String(m.output.1))
            }
        }
        let rules = Set(RuleCatalog.rules.map(\.id))
        #expect(kinds.count > 40)
        #expect(kinds.subtracting(rules).sorted() == [])
        #expect(rules.subtracting(kinds).sorted() == [])
        #expect(rules.count == RuleCatalog.rules.count, "rule ids are unique")
    }
}
