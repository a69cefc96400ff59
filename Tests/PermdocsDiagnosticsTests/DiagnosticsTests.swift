import Testing
import PermdocsDiagnostics

/// A stage's rules, as every stage declares them.
private enum SampleRule: String, Rule, CaseIterable {
    case unknownThing = "unknown-thing"
    case oddThing = "odd-thing"

    var severity: Diagnostic.Severity { self == .oddThing ? .warning : .error }
    var explanation: String { self == .oddThing ? "A thing is odd." : "A thing nobody knows." }
}

@Suite("Diagnostics")
struct DiagnosticsTests {
    private func at(_ file: String, _ line: Int, _ column: Int) -> PermdocsDiagnostics.SourceLocation {
        PermdocsDiagnostics.SourceLocation(file: file, line: line, column: column)
    }

    @Test func aFindingCarriesItsRulesIdAndPrintsGCCStyle() {
        let d = Diagnostic.error(SampleRule.unknownThing, "unknown thing 'x'", at: at("a.yaml", 3, 7))
        #expect(d.kind == "unknown-thing")
        #expect(d.description == "a.yaml:3:7: error: unknown thing 'x' [unknown-thing]")
        #expect(Diagnostic.warning(SampleRule.oddThing, "odd", at: nil).description == "permdocs: warning: odd [odd-thing]")
    }

    @Test func findingsSortByPlaceWithPlacelessOnesFirstAndTiesInOrder() {
        var d = Diagnostics()
        d.error(SampleRule.unknownThing, "b2", at: at("b.yaml", 2, 1))
        d.warning(SampleRule.oddThing, "a9", at: at("a.yaml", 9, 1))
        d.error(SampleRule.unknownThing, "none", at: nil)
        d.error(SampleRule.unknownThing, "a9 again", at: at("a.yaml", 9, 1))
        #expect(d.sorted.map(\.message) == ["none", "a9", "a9 again", "b2"])
        #expect(d.errorCount == 3)
        #expect(d.warningCount == 1)
        #expect(d.hasErrors && d.hasWarnings)
        #expect(!Diagnostics().hasErrors)
    }

    @Test func theTextReporterWritesNotesUnderTheirFindingAndASummary() {
        let d = Diagnostic.error(
            SampleRule.unknownThing, "twice", at: at("a.yaml", 4, 2), notes: [.init("first here", at: at("a.yaml", 1, 2))])
        #expect(
            TextReporter().report([d]) == """
                a.yaml:4:2: error: twice [unknown-thing]
                a.yaml:1:2: note: first here
                permdocs: 1 error, 0 warnings

                """)
    }

    @Test func theCatalogPlacesEachRuleOnce() {
        let catalog = RuleCatalog([SampleRule.oddThing, SampleRule.unknownThing])
        #expect(catalog.position(of: "unknown-thing") == 1)
        #expect(catalog.position(of: "nothing") == nil)
        #expect(catalog.rules.map(\.explanation) == ["A thing is odd.", "A thing nobody knows."])
    }
}
