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

    /// One finding is one line in the text format, whatever its message or path holds: a line
    /// of its own could be a CI command (`::add-mask::`, `::error::`) or a terminal escape.
    @Test func theTextReporterPrintsOneLinePerFindingWithControlCharactersEscaped() {
        let d = Diagnostic.error(
            SampleRule.unknownThing, "scope 'x\n::add-mask::secret\r\u{1B}[2J\u{85}\u{2028}\ty' is odd",
            at: at("lib/a\n::error::b.rb", 2, 5), notes: [.init("see\n::error file=x::owned", at: at("::warning::c.rb", 1, 1))])
        let text = TextReporter().report([d], summary: false)
        #expect(
            text == """
                lib/a\\n::error::b.rb:2:5: error: scope 'x\\n::add-mask::secret\\r\\x1B[2J\\u{85}\\u{2028}\\ty' is odd [unknown-thing]
                ./::warning::c.rb:1:1: note: see\\n::error file=x::owned

                """)
        #expect(text.split(separator: "\n").count == 2)
        #expect(!text.split(separator: "\n").contains { $0.hasPrefix("::") })
        #expect(TextReporter.escaped("plain 'Mail.Read' \\ é") == "plain 'Mail.Read' \\ é")
        // A path of one ':' would make '::' with the line number after it.
        #expect(
            TextReporter().report([Diagnostic.error(SampleRule.unknownThing, "x", at: at(":", 1, 1))], summary: false)
                == "./::1:1: error: x [unknown-thing]\n")
    }

    /// SARIF's `artifactLocation.uri` is a URI reference: `#`, `%`, spaces and the rest are
    /// percent-encoded; an absolute path outside the working folder is a `file://` URI.
    @Test(arguments: [
        ("a#b.py", "a%23b.py"), ("c%41.py", "c%2541.py"), ("d e.py", "d%20e.py"), ("lib/x:y.rb", "lib/x%3Ay.rb"),
        ("./src/app.ts", "src/app.ts"), ("é?.py", "%C3%A9%3F.py"), ("/elsewhere/a b.py", "file:///elsewhere/a%20b.py"),
    ])
    func sarifURIsAreValidURIReferences(file: String, uri: String) {
        let d = Diagnostic.error(SampleRule.unknownThing, "x", at: at(file, 1, 1))
        let sarif = SARIFReporter(version: "0", catalog: RuleCatalog([SampleRule.unknownThing])).report([d])
        #expect(sarif.contains("\"uri\": \"\(uri)\""), "\(sarif)")
    }

    /// A newline followed by a combining mark is one Swift `Character`: escaping must still catch
    /// it (found by the `reports` fuzz target), or a GitHub annotation gets a line of its own.
    @Test func gitHubAndMarkdownEscapeANewlineBeforeACombiningMark() {
        let d = Diagnostic.error(SampleRule.unknownThing, "x\n\u{301}::add-mask::y\r\n\u{301}z", at: at("a\n\u{301}.rb", 1, 1))
        let github = GitHubReporter().report([d])
        #expect(github == "::error file=a%0A\u{301}.rb,line=1,col=1,title=unknown-thing::x%0A\u{301}::add-mask::y%0D%0A\u{301}z\n")
        let markdown = MarkdownReporter().report([d])
        #expect(markdown.contains("x<br>\u{301}::add-mask::y<br>\u{301}z |"), "\(markdown)")
    }
}
