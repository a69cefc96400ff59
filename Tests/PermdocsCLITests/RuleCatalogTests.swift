import Testing
import PermdocsCLI
import PermdocsDiagnostics

@Suite("Rule catalog")
struct RuleCatalogTests {
    /// SARIF lists every rule any stage declares, each once: the catalog's order is written out,
    /// so this holds it to the stages' own lists.
    @Test func theCatalogHoldsEveryDeclaredRuleOnce() {
        let listed = RuleCatalog.permdocs.rules.map(\.id)
        let declared = RuleCatalog.every.map(\.id)
        #expect(Set(listed).count == listed.count)
        #expect(Set(declared).count == declared.count, "two stages declare the same rule id")
        #expect(Set(listed) == Set(declared))
        #expect(listed.count > 50)
    }

    /// Ids are what JSON, GitHub and SARIF output and users' suppressions key on.
    @Test func idsAreLowercaseWordsJoinedByDashes() {
        for rule in RuleCatalog.every {
            #expect(rule.id.wholeMatch(of: /[a-z0-9]+(-[a-z0-9]+)*/) != nil, "\(rule.id)")
            #expect(rule.explanation.hasSuffix("."), "\(rule.id)")
        }
    }
}
