import Testing
@testable import PermdocsScopeReader
import PermdocsTestSupport
@testable import PermdocsDrift

/// Reads the list after `anchor` in `source` (with markers) and returns "scope@line:column" for
/// each scope, the list's place, and the non-literal elements.
private func read(
    _ source: String, file: String, anchor: String
) -> (scopes: [String], list: String?, nonLiterals: [String], marked: Marked) {
    let m = Marked(source)
    switch ScopeListReader(text: m.text, file: file).read(anchor: anchor) {
    case .list(let list):
        return (
            list.scopes.map { "\($0.text)@\($0.location.line):\($0.location.column)" },
            "\(list.location.line):\(list.location.column)",
            list.nonLiterals.map { "\($0.text)@\($0.location.line):\($0.location.column)" }, m
        )
    case .anchorNotFound:
        return ([], nil, ["anchor-not-found"], m)
    case .noListAfter(let at):
        return ([], nil, ["no-list@\(at.line):\(at.column)"], m)
    case .afterNotFound:
        return ([], nil, ["after-not-found"], m)
    case .tooFewOccurrences(let n):
        return ([], nil, ["occurs-\(n)"], m)
    }
}

@Suite("Scope lists in client code, per language")
struct ScopeListReaderTests {
    @Test func swift() {
        let r = read(
            """
            // static let scopes = ["decoy.Comment"]
            let note = "static let scopes = [\\"decoy.String\\"]"
            enum Sync {
                static let scopes: [String] = ①["②offline_access", /* "Mail.Read" */ "③User.Read"]
            }
            """, file: "Sync.swift", anchor: "static let scopes")
        #expect(r.scopes == ["offline_access@\(r.marked["②"])", "User.Read@\(r.marked["③"])"])
        #expect(r.list == r.marked["①"])
        #expect(r.nonLiterals == [])
    }

    @Test func typeScriptWithTemplateLiteralsAndSpread() {
        let r = read(
            """
            export const SCOPES = ①[
              '②openid',
              `③Mail.Send`,
              ④...BASE_SCOPES,
              ⑤`${prefix}Mail.Read`,
            ] as const;
            """, file: "scopes.ts", anchor: "SCOPES =")
        #expect(r.scopes == ["openid@\(r.marked["②"])", "Mail.Send@\(r.marked["③"])"])
        #expect(r.nonLiterals == ["...BASE_SCOPES@\(r.marked["④"])", "`${prefix}Mail.Read`@\(r.marked["⑤"])"])
        // Scopes are located at their own first character, inside the quotes.
        #expect(r.list == r.marked["①"])
    }

    @Test func javaScriptSingleStringOfScopes() {
        let r = read(
            """
            const scope = "openid ①offline_access  ②Mail.Send";
            """, file: "a.js", anchor: "const scope =")
        #expect(r.scopes == ["openid@1:16", "offline_access@\(r.marked["①"])", "Mail.Send@\(r.marked["②"])"])
    }

    @Test func pythonTupleWithHashComments() {
        let r = read(
            """
            # SCOPES = ("decoy",)
            SCOPES = ①(
                "②offline_access",  # "Mail.Read" is not needed
                r'③User.ReadBasic.All',
            )
            """, file: "worker.py", anchor: "SCOPES =")
        #expect(r.scopes == ["offline_access@\(r.marked["②"])", "User.ReadBasic.All@\(r.marked["③"])"])
        #expect(r.list == r.marked["①"])
    }

    @Test func rubyWordListAndArray() {
        let w = read("SCOPES = ①%w[②openid ③Mail.Send].freeze\n", file: "a.rb", anchor: "SCOPES =")
        #expect(w.scopes == ["openid@\(w.marked["②"])", "Mail.Send@\(w.marked["③"])"])
        #expect(w.list == w.marked["①"])
        let p = read("SCOPES = ①%w(②openid)\n", file: "a.rb", anchor: "SCOPES =")
        #expect(p.scopes == ["openid@\(p.marked["②"])"])
        let a = read("SCOPES = ['②openid', \"#{x}\"]\n", file: "a.rb", anchor: "SCOPES =")
        #expect(a.scopes == ["openid@\(a.marked["②"])"])
        #expect(a.nonLiterals == ["\"#{x}\"@1:21"])
    }

    @Test func elixirSigilsAndLists() {
        let s = read(
            """
            # @scopes ~w(decoy)
            @scopes ①~w(②offline_access
                        ③Mail.ReadWrite)
            """, file: "mailbox.ex", anchor: "@scopes")
        #expect(s.scopes == ["offline_access@\(s.marked["②"])", "Mail.ReadWrite@\(s.marked["③"])"])
        #expect(s.list == s.marked["①"])
        let b = read("@scopes ~w[②openid]a\n", file: "a.exs", anchor: "@scopes")
        #expect(b.scopes == ["openid@\(b.marked["②"])"])
    }

    @Test func goStringSlice() {
        let r = read(
            """
            var scopes = []string①{"②offline_access", `③User.Read`}
            """, file: "oauth.go", anchor: "var scopes =")
        #expect(r.scopes == ["offline_access@\(r.marked["②"])", "User.Read@\(r.marked["③"])"])
        #expect(r.list == r.marked["①"])
    }

    @Test func kotlinListOf() {
        let r = read(
            """
            val scopes = listOf①("②openid", "③Calendars.ReadWrite", ④"$prefix.Read")
            """, file: "Calendar.kt", anchor: "val scopes =")
        #expect(r.scopes == ["openid@\(r.marked["②"])", "Calendars.ReadWrite@\(r.marked["③"])"])
        #expect(r.nonLiterals == ["\"$prefix.Read\"@\(r.marked["④"])"])
        #expect(r.list == r.marked["①"])
    }

    @Test func javaListOf() {
        let r = read(
            """
            /* private static final List<String> SCOPES = List.of("decoy"); */
            private static final List<String> SCOPES = List.of①(
                "②offline_access", // "Mail.Read"
                "③User.Read");
            """, file: "Scopes.java", anchor: "List<String> SCOPES =")
        #expect(r.scopes == ["offline_access@\(r.marked["②"])", "User.Read@\(r.marked["③"])"])
        #expect(r.list == r.marked["①"])
    }

    @Test func cSharpNewArray() {
        let r = read(
            """
            private static readonly string[] Scopes = new[] ①{ "②openid", @"③Mail.Send", ④Constants.GraphScope };
            """, file: "Scopes.cs", anchor: "string[] Scopes =")
        #expect(r.scopes == ["openid@\(r.marked["②"])", "Mail.Send@\(r.marked["③"])"])
        #expect(r.nonLiterals == ["Constants.GraphScope@\(r.marked["④"])"])
        #expect(r.list == r.marked["①"])
    }

    @Test func phpArrayWithBothCommentStyles() {
        let r = read(
            """
            <?php
            # const SCOPES = ['decoy'];
            const SCOPES = ①[
                '②offline_access', // 'Mail.Read'
                "③User.Read",
            ];
            """, file: "oauth.php", anchor: "const SCOPES =")
        #expect(r.scopes == ["offline_access@\(r.marked["②"])", "User.Read@\(r.marked["③"])"])
        #expect(r.list == r.marked["①"])
    }

    @Test func bracketsWithoutLiteralsAreSkipped() {
        // `def scopes() do` holds no literal; the list after it does.
        let r = read("def scopes(), do: ①[\"②openid\"]\n", file: "a.ex", anchor: "def scopes")
        #expect(r.scopes == ["openid@\(r.marked["②"])"])
        #expect(r.list == r.marked["①"])
    }

    @Test func missingAnchorAndMissingList() {
        #expect(read("x = 1\n// SCOPES = [\"a\"]\n", file: "a.js", anchor: "SCOPES =").nonLiterals == ["anchor-not-found"])
        // A call is not skipped for a later list: it is a non-literal at its place.
        #expect(read("SCOPES = compute()\nOTHER = ['a']\n", file: "a.py", anchor: "SCOPES =").nonLiterals == ["compute()@1:10"])
        #expect(read("SCOPES =\n", file: "a.py", anchor: "SCOPES =").nonLiterals == ["no-list@1:1"])
    }
}

@Suite("Anchors and constants")
struct AnchorAndConstantTests {
    @Test func whitespaceInTheAnchorMatchesAnyRunIncludingCRLF() {
        let text = "var (\r\n\tmailScopes     = []string{\"Mail.Send\"}\r\n)\r\n"
        let r = read(text, file: "a.go", anchor: "mailScopes = []string")
        // (Columns by hand: `Marked` counts CRLF as one character.)
        #expect(r.scopes == ["Mail.Send@2:29"])
        let multi = read(
            "$provider = [\r\n    'scope'   =>\r\n       'openid',\r\n];\r\n", file: "a.php", anchor: "$provider = [ 'scope' => ")
        #expect(multi.scopes == ["openid@3:9"])
        // A run in the anchor needs a run in the code.
        #expect(read("SCOPES=['a']\n", file: "a.py", anchor: "SCOPES =").nonLiterals == ["anchor-not-found"])
    }

    @Test func afterAndOccurrenceChooseARepeatedAnchor() {
        let text = """
            'google' => ['scope' => ['email']],
            'microsoft' => ['scope' => ['①Mail.Send']],
            'other' => ['scope' => ['②Files.Read']],
            """
        let m = Marked(text)
        let reader = ScopeListReader(text: m.text, file: "a.php")
        func scopes(_ a: ScopeListReader.Anchor) -> [String] {
            guard case .list(let l) = reader.read(a) else { return ["-"] }
            return l.scopes.map { "\($0.text)@\($0.location.line):\($0.location.column)" }
                + l.ambiguous.map { "ambiguous@\($0.line):\($0.column)" }
        }
        #expect(scopes(.init("'scope' =>", after: "'microsoft'")) == ["Mail.Send@\(m["①"])"])
        #expect(scopes(.init("'scope' =>", occurrence: 3)) == ["Files.Read@\(m["②"])"])
        #expect(scopes(.init("'scope' =>", after: "'microsoft'", occurrence: 2)) == ["Files.Read@\(m["②"])"])
        #expect(scopes(.init("'scope' =>")) == ["email@1:27", "ambiguous@1:14", "ambiguous@2:17", "ambiguous@3:13"])
        guard case .tooFewOccurrences(3) = reader.read(.init("'scope' =>", occurrence: 4)) else {
            Issue.record("occurrence 4")
            return
        }
        guard case .afterNotFound = reader.read(.init("'scope' =>", after: "'azure'")) else {
            Issue.record("after")
            return
        }
    }

    @Test(arguments: [
        // (file, anchor, text): ① where the list is read (the reference), ② ③ the scopes.
        ("a.ts", "scope:", "const SCOPES = ['②openid', '③Mail.Send'];\nauth({ scope: ①SCOPES.join(' '), other: ['x'] });\n"),
        ("a.py", "scope=", "SCOPES = (\"②openid\", \"③Mail.Send\")\nauthorize(scope=①\" \".join(SCOPES))\n"),
        (
            "a.kt", "scope =",
            "private val SCOPES = listOf(\"②openid\", \"③Mail.Send\")\nval params = mapOf(scope = ①SCOPES.joinToString(\" \"))\n"
        ),
        (
            "a.go", "Scopes:",
            "var scopeAccess = []string{\"②openid\", \"③Mail.Send\"}\n\nvar cfg = oauth2.Config{\n\tScopes: ①scopeAccess,\n\tEndpoint: map[string]string{\"host\": \"login.microsoftonline.com\"},\n}\n"
        ),
        (
            "a.go", "Scope:",
            "const mailScope = \"③Mail.Send\"\nvar s = Req{Scope: ①strings.Join([]string{\"②openid\", mailScope}, \" \")}\n"
        ),
        ("a.rb", "scope:", "SCOPES = %w[②openid ③Mail.Send].freeze\nprovider :microsoft, scope: ①SCOPES.join(' ')\n"),
        ("a.php", "'scope' =>", "<?php\nconst SCOPES = ['②openid', '③Mail.Send'];\n$p = ['scope' => implode①(' ', self::SCOPES)];\n"),
        ("a.js", "scope:", "const GRAPH = 'https://graph.microsoft.com/';\nconst x = { scope: ①'②openid ' + GRAPH + '③Mail.Send' };\n"),
        ("a.cs", "Scopes =", "const string MailSend = \"③Mail.Send\";\nstatic readonly string[] Scopes = ①{ \"②openid\", MailSend };\n"),
        ("a.ex", "scope:", "@scopes ~w(②openid ③Mail.Send)\ndef url, do: authorize(scope: ①Enum.join(@scopes, \" \"))\n"),
        (
            "a.kt", "scopes =",
            "val SCOPES = arrayOf(\"②openid\", \"③Mail.Send\")\nval req = Request(scopes = ①SCOPES.toList()) // not ['x']\nval hosts = listOf(\"x\")\n"
        ),
        ("a.rb", "scope:", "SCOPE = \"②openid ③Mail.Send\"\nget_token(scope: ①SCOPE.split(' ')) # hosts = ['x']\nHOSTS = ['x']\n"),
        ("a.ts", "scope:", "const SCOPES = ['②openid', '③Mail.Send'];\nauth({ scope: ①SCOPES // all\n});\nconst hosts = ['x'];\n"),
    ])
    func constantsDefinedInTheFileAreFollowed(file: String, anchor: String, text: String) {
        let r = read(text, file: file, anchor: anchor)
        let graph = file == "a.js" ? "https://graph.microsoft.com/" : ""
        #expect(r.scopes == ["openid@\(r.marked["②"])", "\(graph)Mail.Send@\(r.marked["③"])"])
        #expect(r.nonLiterals == [])
        #expect(r.list == r.marked["①"])
    }

    @Test func aReferenceThatCannotBeFollowedIsReportedInPlaceNotSkipped() {
        let r = read("auth({ scope: ①SCOPES.join(' ') });\nconst hosts = ['login.microsoftonline.com'];\n", file: "a.ts", anchor: "scope:")
        #expect(r.scopes == [])
        #expect(r.nonLiterals == ["SCOPES@\(r.marked["①"])"])
        let go = read(
            "cfg := oauth2.Config{\n\tScopes: ①scopeAccess,\n}\nvar hosts = map[string]string{\"a\": \"b\"}\n", file: "a.go",
            anchor: "Scopes:")
        #expect(go.nonLiterals == ["scopeAccess@\(go.marked["①"])"])
        let fstring = read("scope = ①f\"{GRAPH}/Mail.Read\"\n", file: "a.py", anchor: "scope =")
        #expect(fstring.nonLiterals == ["f\"{GRAPH}/Mail.Read\"@\(fstring.marked["①"])"])
        let cs = read("Scope = ①$\"{Api}/Files.Sync\";\n", file: "a.cs", anchor: "Scope =")
        #expect(cs.nonLiterals == ["$\"{Api}/Files.Sync\"@\(cs.marked["①"])"])
        let call = read("scope = ①scopes_for(user)\nOTHER = ['x']\n", file: "a.py", anchor: "scope =")
        #expect(call.nonLiterals == ["scopes_for(user)@\(call.marked["①"])"])
    }

    @Test func anAnchorMayEndWithTheListsBracketOrSigil() {
        let bracket = read("@scopes ①[\"②openid\"]\ndef scopes, do: @scopes\n", file: "a.ex", anchor: "@scopes [")
        #expect(bracket.scopes == ["openid@\(bracket.marked["②"])"])
        #expect(bracket.list == bracket.marked["①"])
        let sigil = read("@scopes ①~w(②openid)\n", file: "a.ex", anchor: "@scopes ~w")
        #expect(sigil.scopes == ["openid@\(sigil.marked["②"])"])
        #expect(sigil.list == sigil.marked["①"])
    }

    @Test func typesBeforeTheValueAreSkippedButAConstantsListIsRead() {
        let typed = read("SCOPES: list[str] = ①[\"②openid\"]\n", file: "a.py", anchor: "SCOPES:")
        #expect(typed.scopes == ["openid@\(typed.marked["②"])"])
        let constants = read("A = \"①openid\"\nB = \"②Mail.Send\"\nSCOPES = [A, B]\n", file: "a.py", anchor: "SCOPES =")
        #expect(constants.scopes == ["openid@\(constants.marked["①"])", "Mail.Send@\(constants.marked["②"])"])
        let empty = read("SCOPES = ①[]\nOTHER = ['x']\n", file: "a.py", anchor: "SCOPES =")
        #expect(empty.scopes == [])
        #expect(empty.list == empty.marked["①"])
    }

    @Test func deeplyNestedListsAreBoundedNotRecursedWithoutEnd() {
        let depth = 20_000
        let text = "SCOPES = " + String(repeating: "[", count: depth) + "'a'" + String(repeating: "]", count: depth) + "\n"
        guard case .list(let list) = ScopeListReader(text: text, file: "a.py").read(anchor: "SCOPES =") else {
            Issue.record("no list")
            return
        }
        // 32 levels are read; the element below them is reported, not guessed.
        #expect(list.scopes.isEmpty)
        #expect(list.nonLiterals.map { "\($0.location.line):\($0.location.column)" } == ["1:\(10 + 32)"])
    }

    @Test func anAnchorDoesNotMatchInsideALongerName() {
        let m = Marked("scopeHosts = ['login.microsoftonline.com']\nmsScope = ['x']\nscope = ①['②Mail.Send']\n")
        let reader = ScopeListReader(text: m.text, file: "a.py")
        guard case .list(let list) = reader.read(ScopeListReader.Anchor("scope")) else {
            Issue.record("no list")
            return
        }
        #expect(list.scopes.map { "\($0.text)@\($0.location.line):\($0.location.column)" } == ["Mail.Send@\(m["②"])"])
        #expect(list.ambiguous.isEmpty)
        // Punctuation at the anchor's ends needs no boundary.
        guard case .list(let dotted) = ScopeListReader(text: "cfg.scope=['a']\n", file: "a.py").read(anchor: ".scope=") else {
            Issue.record("no list")
            return
        }
        #expect(dotted.scopes.map(\.text) == ["a"])
    }
}
