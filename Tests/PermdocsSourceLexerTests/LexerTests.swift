import Testing
import PermdocsSourceLexer

/// The lexer on its own: what it marks as skipped and as literals (the scope reader's tests, in
/// PermdocsDriftTests, cover the same through `ScopeListReader`).
@Suite("Source lexer")
struct LexerTests {
    /// "skip i..<j" or "literal i..<j = value (interpolated)" per region, in order.
    static func regions(_ text: String, file: String) -> [String] {
        let source = SourceText(text, file: file)
        let lexer = Lexer(source, syntax: .forFile(file), language: .forFile(file))
        return lexer.regions.keys.sorted().map { start in
            switch lexer.regions[start]! {
            case .skip(let end): return "skip \(start)..<\(end)"
            case .literal(let lit):
                return "literal \(lit.start)..<\(lit.end) = \(lit.value)\(lit.interpolated ? " (interpolated)" : "")"
            }
        }
    }

    @Test func locationsCountUnicodeScalarsFromOne() {
        let source = SourceText("ab\né😀x", file: "a.swift")
        #expect(source.location(0).line == 1 && source.location(0).column == 1)
        let x = source.location(5)
        #expect(x.line == 2 && x.column == 3 && x.file == "a.swift")
        #expect(source.text(3..<5) == "é😀")
        #expect(source[99] == nil)
    }

    @Test func languageAndCommentsFollowTheFileExtension() {
        #expect(Lexer.Language.forFile("src/App.TSX") == .javaScript)
        #expect(Lexer.Language.forFile("Makefile") == .other)
        #expect(CommentSyntax.forFile("a.py").line == ["#"])
        #expect(CommentSyntax.forFile("a.unknown").line == ["//", "#"])
    }

    @Test func aHeredocIsItsOpenerValuedWithItsBodyWhichIsSkipped() {
        // The opener `<<~T` (4..<8) holds the body; the body and the closing line (9..<16) are skipped.
        #expect(Self.regions("x = <<~T\n  a'b\nT\ny\n", file: "a.rb") == ["literal 4..<8 =   a'b\n", "skip 9..<16"])
    }

    @Test func aSlashIsARegexOnlyWhereAValueCanStart() {
        #expect(Self.regions("a = b / c / d\n", file: "a.js") == [])
        #expect(Self.regions("a = /x'y/g\n", file: "a.js") == ["literal 4..<10 = x'y/g (interpolated)"])
    }

    @Test func aShellHashInsideAWordIsCode() {
        #expect(Self.regions("n=${#a[@]} # c\n", file: "a.sh") == ["skip 11..<14"])
    }
}
