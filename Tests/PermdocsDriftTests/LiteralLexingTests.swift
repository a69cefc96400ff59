import Testing
@testable import PermdocsScopeReader
import PermdocsTestSupport

/// What `read` found: "scope@line:column" per scope, the list's place, non-literals, or why not.
private func read(_ text: String, file: String, anchor: ScopeListReader.Anchor) -> (scopes: [String], list: String?, other: [String]) {
    switch ScopeListReader(text: text, file: file).read(anchor) {
    case .list(let list):
        return (
            list.scopes.map { "\($0.text)@\($0.location.line):\($0.location.column)" },
            "\(list.location.line):\(list.location.column)",
            list.nonLiterals.map { "\($0.text)@\($0.location.line):\($0.location.column)" }
        )
    case .anchorNotFound: return ([], nil, ["anchor-not-found"])
    case .noListAfter(let at): return ([], nil, ["no-list@\(at.line):\(at.column)"])
    case .afterNotFound: return ([], nil, ["after-not-found"])
    case .tooFewOccurrences(let n): return ([], nil, ["occurs-\(n)"])
    }
}

/// A literal of each kind the lexer knows, holding a decoy anchor and list and a quote that would
/// desynchronise a lexer that does not know the kind; then (or after it on the same line) the real
/// list, `①` where it starts and `②` at its scope.
private let literalsBeforeTheList: [(name: String, file: String, anchor: String, text: String)] = [
    // Heredocs.
    ("Ruby <<~", "a.rb", "SCOPES =", "HELP = <<~TEXT\n  SCOPES = [\"Decoy.Heredoc\"] isn't it\nTEXT\nSCOPES = ①[\"②Mail.Send\"]\n"),
    ("Ruby <<-", "a.rb", "SCOPES =", "HELP = <<-TEXT.strip\n  SCOPES = [\"Decoy.Heredoc\"] isn't it\n  TEXT\nSCOPES = ①[\"②Mail.Send\"]\n"),
    ("Ruby <<ID", "a.rb", "SCOPES =", "HELP = <<TEXT\nSCOPES = [\"Decoy.Heredoc\"] isn't it\nTEXT\nSCOPES = ①[\"②Mail.Send\"]\n"),
    ("Ruby <<~'ID'", "a.rb", "SCOPES =", "HELP = <<~'TEXT'\n  SCOPES = ['Decoy.Heredoc'] #{it's}\nTEXT\nSCOPES = ①['②Mail.Send']\n"),
    (
        "Ruby two heredocs on a line", "a.rb", "SCOPES =",
        "say(<<~A, <<~B)\n  SCOPES = ['Decoy.A'] don't\nA\n  SCOPES = ['Decoy.B'] won't\nB\nSCOPES = ①['②Mail.Send']\n"
    ),
    ("PHP <<<", "a.php", "SCOPES =", "$help = <<<EOT\n  SCOPES = ['Decoy.Heredoc'] isn't it\n  EOT;\nconst SCOPES = ①['②Mail.Send'];\n"),
    (
        "PHP <<<'nowdoc'", "a.php", "SCOPES =",
        "$help = <<<'EOT'\nSCOPES = ['Decoy.Nowdoc'] isn't it\nEOT;\nconst SCOPES = ①['②Mail.Send'];\n"
    ),
    ("PHP <<<\"ID\"", "a.php", "SCOPES =", "$help = <<<\"EOT\"\nSCOPES = ['Decoy.Heredoc'] $it's\nEOT;\nconst SCOPES = ①['②Mail.Send'];\n"),
    ("shell <<EOF", "a.sh", "SCOPES=", "cat <<EOF\nSCOPES=\"Decoy.Heredoc\" isn't it\nEOF\nSCOPES=①\"②Mail.Send\"\n"),
    ("shell <<-EOF", "a.sh", "SCOPES=", "cat <<-EOF\n\tSCOPES=\"Decoy.Heredoc\" isn't it\n\tEOF\nSCOPES=①\"②Mail.Send\"\n"),
    ("shell <<'EOF'", "a.sh", "SCOPES=", "cat << 'EOF'\nSCOPES=\"Decoy.Heredoc\" isn't $it\nEOF\nSCOPES=①\"②Mail.Send\"\n"),
    // Raw strings.
    ("Swift #\"…\"#", "a.swift", "SCOPES =", "let help = #\"a lone \" then SCOPES = [\"Decoy.Raw\"]\"#\nlet SCOPES = ①[\"②Mail.Send\"]\n"),
    ("Swift ##\"…\"##", "a.swift", "SCOPES =", "let help = ##\"a \"# then SCOPES = [\"Decoy.Raw\"]\"##\nlet SCOPES = ①[\"②Mail.Send\"]\n"),
    (
        "Swift #\"\"\"…\"\"\"#", "a.swift", "SCOPES =",
        "let help = #\"\"\"\n  \"\"\" then SCOPES = [\"Decoy.Raw\"]\n  \"\"\"#\nlet SCOPES = ①[\"②Mail.Send\"]\n"
    ),
    (
        "Swift \"\"\"…\"\"\"", "a.swift", "SCOPES =",
        "let help = \"\"\"\n  a \" and SCOPES = [\"Decoy\"]\n  \"\"\"\nlet SCOPES = ①[\"②Mail.Send\"]\n"
    ),
    ("Python r\"…\"", "a.py", "SCOPES =", "PATTERN = r\"\\\" SCOPES = ['Decoy.Raw']\"\nSCOPES = ①[\"②Mail.Send\"]\n"),
    ("Python rb'…'", "a.py", "SCOPES =", "PATTERN = rb'\\' SCOPES = [\"Decoy.Raw\"]'\nSCOPES = ①[\"②Mail.Send\"]\n"),
    ("Python f\"…\"", "a.py", "SCOPES =", "HELP = f\"SCOPES = [{x!r}]\"\nSCOPES = ①[\"②Mail.Send\"]\n"),
    ("Python '''…'''", "a.py", "SCOPES =", "HELP = '''\nit's SCOPES = [\"Decoy\"]\n'''\nSCOPES = ①[\"②Mail.Send\"]\n"),
    ("C# @\"…\"", "a.cs", "Scopes =", "var dir = @\"C:\\dir\\\"; string[] Scopes = ①{ \"②Mail.Send\" };\n"),
    ("C# @\"…\"\"…\"", "a.cs", "Scopes =", "var q = @\"say \"\"Scopes = {\"\"Decoy\"\"}\"\"\"; string[] Scopes = ①{ \"②Mail.Send\" };\n"),
    (
        "C# \"\"\"\"…\"\"\"\"", "a.cs", "Scopes =",
        "var h = \"\"\"\" \"\"\" Scopes = { \"Decoy\" } \"\"\"\"; string[] Scopes = ①{ \"②Mail.Send\" };\n"
    ),
    ("C# $@\"…\"", "a.cs", "Scopes =", "var p = $@\"{root}\\\"; string[] Scopes = ①{ \"②Mail.Send\" };\n"),
    (
        "Rust r#\"…\"#", "a.rs", "SCOPES:",
        "let help = r#\"a lone \" then SCOPES: [\"Decoy\"]\"#;\nconst SCOPES: &[&str] = &①[\"②Mail.Send\"];\n"
    ),
    ("Rust r\"…\"", "a.rs", "SCOPES:", "let dir = r\"C:\\dir\\\"; const SCOPES: &[&str] = &①[\"②Mail.Send\"];\n"),
    (
        "Rust lifetimes", "a.rs", "SCOPES:",
        "fn f<'a>(x: &'a str, y: &'a str) {} const SCOPES: &[&str] = &①[\"②Mail.Send\"];\n"
    ),
    ("Go `…`", "a.go", "scopes =", "const help = `C:\\dir\\`\nvar scopes = []string①{\"②Mail.Send\"}\n"),
    ("Kotlin \"\"\"…\"\"\"", "a.kt", "val scopes =", "val dir = \"\"\"C:\\dir\\\"\"\"\nval scopes = listOf①(\"②Mail.Send\")\n"),
    // Regular expressions (and division, which must stay division).
    ("JavaScript /…\"…/", "a.js", "SCOPES =", "const re = /\"(\\w+)'/g; const SCOPES = ①[\"②Mail.Send\"];\n"),
    ("TypeScript /…'…/", "a.ts", "SCOPES =", "if (/'/.test(s)) {}\nexport const SCOPES = ①['②Mail.Send'];\n"),
    ("JavaScript /[/]/ after return", "a.js", "SCOPES =", "function f(s) { return /[/\"]/.test(s) } const SCOPES = ①[\"②Mail.Send\"];\n"),
    ("JavaScript division", "a.js", "SCOPES =", "const x = total / count / 2; const y = \"/\"; const SCOPES = ①[\"②Mail.Send\"];\n"),
    ("Ruby /…#…/", "a.rb", "SCOPES =", "re = /[#\"]/; SCOPES = ①%w[②Mail.Send]\n"),
    ("Ruby %r{…}", "a.rb", "SCOPES =", "re = %r{\"}; SCOPES = ①[\"②Mail.Send\"]\n"),
    ("Elixir ~r/…/", "a.ex", "@scopes", "@re ~r/\"/\n@scopes ①[\"②Mail.Send\"]\n"),
    // Shell words.
    ("shell ${#…}", "a.sh", "SCOPES=", "n=${#list[@]}; SCOPES=①\"②Mail.Send\"\n"),
    ("shell '…\\'", "a.sh", "SCOPES=", "dir='C:\\'; SCOPES=①\"②Mail.Send\"\n"),
]

/// Each kind of literal with the anchor only inside it: the anchor is not found.
private let anchorsOnlyInsideALiteral: [(name: String, file: String, anchor: String, text: String)] = [
    ("Ruby heredoc", "a.rb", "SCOPES =", "HELP = <<~TEXT\n  SCOPES = [\"Decoy\"]\nTEXT\n"),
    ("Ruby heredoc, anchor at the line start", "a.rb", "SCOPES =", "HELP = <<TEXT\nSCOPES = [\"Decoy\"]\nTEXT\n"),
    ("PHP heredoc", "a.php", "SCOPES =", "$h = <<<EOT\nSCOPES = ['Decoy']\nEOT;\n"),
    ("shell heredoc", "a.sh", "SCOPES=", "cat <<'EOF'\nSCOPES=\"Decoy\"\nEOF\n"),
    ("Swift raw string", "a.swift", "SCOPES =", "let h = #\"SCOPES = [\"Decoy\"]\"#\n"),
    ("Python raw string", "a.py", "SCOPES =", "h = r'SCOPES = [\"Decoy\"]'\n"),
    ("C# verbatim string", "a.cs", "Scopes =", "var h = @\"Scopes = { \"\"Decoy\"\" }\";\n"),
    ("C# raw string", "a.cs", "Scopes =", "var h = \"\"\"\n  Scopes = { \"Decoy\" }\n  \"\"\";\n"),
    ("Rust raw string", "a.rs", "SCOPES:", "let h = r#\"SCOPES: [\"Decoy\"]\"#;\n"),
    ("JavaScript regex", "a.js", "SCOPES =", "const re = /SCOPES = \\[\"(.*)\"\\]/;\n"),
    ("Ruby %r", "a.rb", "SCOPES =", "RE = %r{SCOPES = \\[\"(.*)\"\\]}\n"),
]

@Suite("Heredocs, raw strings and regular expressions cannot fool the scope reader")
struct LiteralLexingTests {
    @Test(arguments: literalsBeforeTheList.map { [$0.name, $0.file, $0.anchor, $0.text] })
    func aLiteralBeforeTheListNeitherFakesNorHidesIt(_ c: [String]) {
        let m = Marked(c[3])
        let r = read(m.text, file: c[1], anchor: .init(c[2]))
        #expect(r.scopes == ["Mail.Send@\(m["②"])"], "\(c[0])")
        #expect(r.list == m["①"], "\(c[0])")
        #expect(r.other == [], "\(c[0])")
    }

    @Test(arguments: anchorsOnlyInsideALiteral.map { [$0.name, $0.file, $0.anchor, $0.text] })
    func anAnchorOnlyInsideALiteralIsNotFound(_ c: [String]) {
        #expect(read(c[3], file: c[1], anchor: .init(c[2])).other == ["anchor-not-found"], "\(c[0])")
        // Nor is an `after` anchor.
        let after = read(c[3] + "\nscopes = [\"Mail.Send\"]\n", file: c[1], anchor: .init("= [", after: c[2]))
        #expect(after.other == ["after-not-found"], "\(c[0])")
    }

    /// A scope list written in a raw string or a heredoc is still a scope list, read at its words;
    /// one that interpolates, or a regular expression, is a non-literal at its start.
    @Test func rawStringsAndHeredocsAreValuesInterpolationAndRegexAreNot() {
        let cases: [(file: String, anchor: String, text: String, scopes: [Character], nonLiteral: Character?)] = [
            ("a.rb", "SCOPE =", "SCOPE = ①<<~EOS.split\n  ②openid ③Mail.Send\nEOS\n", ["②", "③"], nil),
            ("a.php", "SCOPE =", "const SCOPE = ①<<<'EOT'\n  ②openid ③Mail.Send\n  EOT;\n", ["②", "③"], nil),
            ("a.swift", "scope =", "let scope = ①#\"②openid ③Mail.Send\"#\n", ["②", "③"], nil),
            ("a.py", "SCOPE =", "SCOPE = ①r\"②openid ③Mail.Send\"\n", ["②", "③"], nil),
            ("a.cs", "Scope =", "const string Scope = ①@\"②openid ③Mail.Send\";\n", ["②", "③"], nil),
            ("a.cs", "Scope =", "const string Scope = ①\"\"\"\n  ②openid ③Mail.Send\n  \"\"\";\n", ["②", "③"], nil),
            ("a.rs", "SCOPE:", "const SCOPE: &str = ①r#\"②openid ③Mail.Send\"#;\n", ["②", "③"], nil),
            ("a.go", "scope =", "const scope = ①`②openid ③Mail.Send`\n", ["②", "③"], nil),
            ("a.rb", "SCOPE =", "SCOPE = ①<<~EOS\n  openid #{extra}\nEOS\n", [], "①"),
            ("a.js", "scope:", "const c = { scope: ①/Mail.Send/ };\n", [], "①"),
            ("a.cs", "Scope =", "string Scope = ①$@\"openid {extra}\";\n", [], "①"),
        ]
        for c in cases {
            let m = Marked(c.text)
            let r = read(m.text, file: c.file, anchor: .init(c.anchor))
            let expected = c.scopes.enumerated().map { ["openid", "Mail.Send"][$0.offset] + "@" + m[$0.element] }
            #expect(r.scopes == expected, "\(c.text)")
            #expect(r.list == m["①"], "\(c.text)")
            #expect(r.other.map { String($0.split(separator: "@").last!) } == (c.nonLiteral.map { [m[$0]] } ?? []), "\(c.text)")
        }
    }

    /// Finding where heredocs end takes one pass over the file, not one per `<<`: 5,000 openers
    /// that no line closes (each would scan the rest of a 100 KB file) and 5,000 that one far
    /// line closes are read at once.
    @Test func manyHeredocOpenersCostOnePass() {
        for (file, opener) in [("a.rb", "x <<~EOS_"), ("a.php", "$x = <<<EOT_"), ("a.sh", "cat <<EOF_")] {
            var text = ""
            for i in 0..<5_000 { text += "\(opener)\(i)\n" }
            for _ in 0..<5_000 { text += "\(opener)END <<~END\n" }
            text += "END\nSCOPES = [\"Mail.Send\"]\n"
            let clock = ContinuousClock()
            let started = clock.now
            let r = read(text, file: file, anchor: .init(file == "a.sh" ? "SCOPES =" : "SCOPES ="))
            #expect(clock.now - started < .seconds(10), "\(file)")
            #expect(r.scopes == ["Mail.Send@10002:12"], "\(file)")
        }
    }

    /// `<<` that no line closes is an operator (a shift, an append), and code goes on.
    @Test func aShiftOrAnAppendIsNotAHeredoc() {
        for (file, text) in [
            ("a.rb", "list <<x\nSCOPES = ①[\"②Mail.Send\"]\n"), ("a.sh", "echo $((1 << 2))\nSCOPES=①\"②Mail.Send\"\n"),
            ("a.rb", "class << self; end\nSCOPES = ①[\"②Mail.Send\"]\n"),
        ] {
            let m = Marked(text)
            let r = read(m.text, file: file, anchor: .init(file == "a.sh" ? "SCOPES=" : "SCOPES ="))
            #expect(r.scopes == ["Mail.Send@\(m["②"])"], "\(text)")
            #expect(r.list == m["①"], "\(text)")
        }
    }
}
