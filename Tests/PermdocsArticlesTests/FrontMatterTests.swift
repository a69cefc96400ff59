import Testing
import PermdocsDiagnostics
import PermdocsModel
@testable import PermdocsArticles
import PermdocsSite

/// The front matter's fast reader must answer exactly as the YAML loader does wherever it answers.
@Suite("Front matter")
struct FrontMatterTests {
    private func both(_ text: String) -> (simple: FrontMatter?, yaml: FrontMatter, diagnostics: [Diagnostic]) {
        let bytes = ArraySlice(Array(text.utf8))
        var d = Diagnostics()
        let yaml = FrontMatter.withYAML(bytes, file: "a.md", into: &d)
        return (FrontMatter.simple(bytes, file: "a.md"), yaml, d.all)
    }

    @Test func theUsualFormsAreReadWithoutTheParserAndAgreeWithIt() throws {
        let usual = [
            "title: \"Article 00000: permission and enterprise\"\nslug: article-00000\nsummary: \"Group calendar scope.\"\n",
            "title: How to set up permissions for Microsoft 365\nslug: microsoft-entra-permissions\norder: 1\nnav_title: Entra ID permissions\n",
            "# a comment\n\ntitle: 'Single: quoted'\nsummary: Ünïcode — café, 漢字 and https://example.com/x\n",
            "title:    spaced    \norder: 007\n",
        ]
        for text in usual {
            let r = both(text)
            let simple = try #require(r.simple, "not read by the fast reader: \(text)")
            #expect(r.diagnostics.isEmpty)
            #expect(simple == r.yaml, "\(text)")
        }
        let r = both("# c\n\ntitle: 'Single: quoted'\nsummary: x\n")
        #expect(r.simple?.title == Located("Single: quoted", at: SourceLocation(file: "a.md", line: 4, column: 8)))
    }

    @Test func whatTheFastReaderDeclinesGoesToTheParser() {
        let declined = [
            "title: a: b\n", "title: x #c\n", "title: \"esc \\\" aped\"\n", "title: 'it''s'\n", "title: [a, b]\n",
            "title: null\n", "title: ~\n", "title:\n", "  title: indented\n", "title: x\ntitle: y\n", "titel: x\n",
            "title: \"multi\n  line\"\n", "title: x\norder: -1\n", "title: x\norder: one\n", "slug: no-title\n",
            "title: tab\there\n", "title: |\n  block\n", "title: &a x\n", "title: \"\"\n", "title: x:\n",
            "title: nel\u{85}break\n", "title: ls\u{2028}sep\n", "Title: x\n", "title:x\n", "",
        ]
        for text in declined { #expect(both(text).simple == nil, "\(text)") }
    }

    /// Every combination of keys and value forms, including ones that are errors: wherever the
    /// fast reader answers, the parser found nothing wrong and read the same values and places.
    @Test func generatedFrontMattersAgree() {
        let values = [
            "plain text", "\"double: quoted\"", "'single # quoted'", "with: colon", "a #comment", "x:y", "42", "007",
            "-3", "true", "null", "~", "\"\"", "'it''s'", "\"esc\\tape\"", "[list]", "{map}", "Ünï — 漢字", "trailing   ",
            "'unterminated", "\"x\" trailing", "a,b", "#start", "@at", "`tick`", "*alias", "!tag x", "%pct", "?q", "- dash", "\u{FEFF}bom",
            "é start", "\u{85}nel",
        ]
        let keys = ["title", "slug", "summary", "nav_title", "order", "other"]
        var answered = 0
        var rng = SplitMix(seed: 7)
        for _ in 0..<3000 {
            var lines: [String] = rng.next(upTo: 2) == 0 ? ["title: \(values[rng.next(upTo: values.count)])"] : []
            for _ in 0..<rng.next(upTo: 5) {
                switch rng.next(upTo: 10) {
                case 0: lines.append("")
                case 1: lines.append("# note")
                default:
                    lines.append(
                        "\(keys[rng.next(upTo: keys.count)]):\(rng.next(upTo: 4) == 0 ? "  " : " ")\(values[rng.next(upTo: values.count)])")
                }
            }
            let text = lines.joined(separator: "\n") + "\n"
            let r = both(text)
            guard let simple = r.simple else { continue }
            answered += 1
            #expect(r.diagnostics.isEmpty, "\(text)")
            #expect(simple == r.yaml, "\(text)")
        }
        #expect(answered > 100)
    }
}

/// A small deterministic generator (SplitMix64), so the generated cases are the same on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(upTo n: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(n))
    }
}
