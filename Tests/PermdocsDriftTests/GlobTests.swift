import Testing
import Foundation
@testable import PermdocsScopeReader
import PermdocsTestSupport
@testable import PermdocsDrift
import PermdocsDiagnostics
import PermdocsValidate

/// One client tree for every glob case: dependency folders, dot files, names with brackets.
private let tree = [
    "app.py", ".env.py", "README.md",
    "workers/a.py", "workers/b.py", "workers/c.rb", "workers/x1.py", "workers/deep/d.py",
    "src/mail/scopes.ts", "src/calendar/scopes.ts", "src/scopes.ts", "src/mail/v2/scopes.ts",
    "lib/scopes.ts",
    "vendor/workers/v.py", "vendor/scopes.py",
    "deps/oauth/scopes.ex", "_build/dev/scopes.ex", "node_modules/msal/scopes.ts",
    "src/node_modules/pkg/scopes.ts", ".git/hooks/scopes.py",
    "literal/star*.py", "literal/[x].py",
]

private func files(_ pattern: String) throws -> [String] {
    let temp = try TempFolder(prefix: "permdocs-glob")
    defer { temp.remove() }
    for path in tree { try temp.write(path, "") }
    try FileManager.default.createSymbolicLink(atPath: temp.path + "/linked", withDestinationPath: temp.path + "/workers")
    return Glob(pattern).files(under: temp.path)
}

@Suite("Client path globs")
struct GlobTests {
    @Test(
        arguments: [
            // `*` within one name, dot files included (as in gitignore), never across `/`.
            ("*.py", [".env.py", "app.py"]),
            ("workers/*.py", ["workers/a.py", "workers/b.py", "workers/x1.py"]),
            ("workers/*", ["workers/a.py", "workers/b.py", "workers/c.rb", "workers/x1.py"]),
            // `?` is one character.
            ("workers/?.py", ["workers/a.py", "workers/b.py"]),
            ("workers/??.py", ["workers/x1.py"]),
            // Brackets: ranges, negation, and classes.
            ("workers/[a-b].py", ["workers/a.py", "workers/b.py"]),
            ("workers/[!a].py", ["workers/b.py"]),
            ("workers/[^a-b]?.py", ["workers/x1.py"]),
            ("workers/x[[:digit:]].py", ["workers/x1.py"]),
            // Braces expand first, nested too, across folders.
            ("workers/{a,c}.*", ["workers/a.py", "workers/c.rb"]),
            ("{workers,lib}/{a.py,scopes.ts}", ["lib/scopes.ts", "workers/a.py"]),
            ("src/{mail,cal{endar,x}}/scopes.ts", ["src/calendar/scopes.ts", "src/mail/scopes.ts"]),
            // `**` is zero or more folders; it skips dependency and version-control folders.
            ("src/**/scopes.ts", ["src/calendar/scopes.ts", "src/mail/scopes.ts", "src/mail/v2/scopes.ts", "src/scopes.ts"]),
            ("**/scopes.ts", ["lib/scopes.ts", "src/calendar/scopes.ts", "src/mail/scopes.ts", "src/mail/v2/scopes.ts", "src/scopes.ts"]),
            (
                "**/*.py",
                [
                    ".env.py", "app.py", "literal/[x].py", "literal/star*.py", "workers/a.py", "workers/b.py", "workers/deep/d.py",
                    "workers/x1.py",
                ]
            ),
            ("workers/**", ["workers/a.py", "workers/b.py", "workers/c.rb", "workers/deep/d.py", "workers/x1.py"]),
            ("**/deep/*.py", ["workers/deep/d.py"]),
            // `**` inside a name is `*`.
            ("workers/**.rb", ["workers/c.rb"]),
            // A pattern that names a skipped folder reads it; so does `*`, which is not `**`.
            ("vendor/workers/*.py", ["vendor/workers/v.py"]),
            ("*/scopes.py", ["vendor/scopes.py"]),
            ("deps/**/*.ex", ["deps/oauth/scopes.ex"]),
            ("_build/*/scopes.ex", ["_build/dev/scopes.ex"]),
            ("node_modules/msal/*.ts", ["node_modules/msal/scopes.ts"]),
            ("src/node_modules/**/*.ts", ["src/node_modules/pkg/scopes.ts"]),
            // Backslash escapes a metacharacter.
            ("literal/star\\*.py", ["literal/star*.py"]),
            ("literal/\\[x].py", ["literal/[x].py"]),
            // `./` and doubled slashes change nothing.
            ("./workers//?.py", ["workers/a.py", "workers/b.py"]),
            // No match, and symbolic links are not followed.
            ("workers/*.go", []),
            ("linked/*.py", []),
        ] as [(String, [String])])
    func patternsMatchTheTree(pattern: String, expected: [String]) throws {
        #expect(try files(pattern) == expected)
    }

    @Test func bracesExpandLeftToRightAndLeaveOtherBracesAlone() {
        #expect(Glob.expandBraces("a{b,c}d{e,f}") == ["abde", "abdf", "acde", "acdf"])
        #expect(Glob.expandBraces("{a,{b,c}}") == ["a", "b", "c"])
        #expect(Glob.expandBraces("{a}") == ["{a}"])
        #expect(Glob.expandBraces("x{a,b") == ["x{a,b"])
        #expect(Glob.expandBraces("\\{a,b}") == ["\\{a,b}"])
    }

    @Test func matchingAPathNeedsNoFileSystem() {
        #expect(Glob("src/**/scopes.ts").matches("src/scopes.ts"))
        #expect(Glob("src/**/scopes.ts").matches("src/a/b/scopes.ts"))
        #expect(!Glob("src/*/scopes.ts").matches("src/a/b/scopes.ts"))
        #expect(!Glob("*.py").matches("workers/a.py"))
        #expect(Glob("**").matches("a/b"))
        #expect(Glob("[a-c]?/x").matches("b1/x"))
    }

    @Test func onlyMetacharactersMakeAPattern() {
        #expect(Glob("workers/a.py").isLiteral)
        for p in ["*.py", "a?.py", "[ab].py", "{a,b}.py", "src/**/x", "star\\*.py"] { #expect(!Glob(p).isLiteral, "\(p)") }
    }
}

/// The drift check through the glob: files a pattern names in `vendor/` are read, and bracket and
/// brace patterns find their files instead of reporting `file-not-found`.
@Suite("Client path globs in the drift check")
struct GlobDriftTests {
    private func kinds(path: String) throws -> [String] {
        let temp = try TempFolder(prefix: "permdocs-glob-drift")
        defer { temp.remove() }
        try temp.write(
            "content/permissions.yaml",
            """
            app:
              name: Acme
              client_id: 11111111-2222-3333-4444-555555555555
              redirect_uri: https://acme.contoso.com/callback
            scopes:
              Mail.Send: {description: Send mail as you.}
            features:
              - id: mail
                title: Mail
                scopes: [Mail.Send]
                client:
                  - path: "\(path)"
                    anchor: "SCOPES ="

            """)
        try temp.write("client/vendor/workers/mail.py", "SCOPES = [\"Mail.Send\", \"Mail.Read\"]\n")
        try temp.write("client/workers/b.py", "SCOPES = [\"Mail.Send\", \"Tasks.Read\"]\n")
        let loaded = try ContentLoader.load(folder: temp.path + "/content")
        let content = try #require(loaded.content)
        let findings = try DriftChecker(content: content, clientRoot: temp.path + "/client").check()
        return Diagnostics(findings).sorted.map { "\($0.kind) \($0.scope ?? "-")" }
    }

    @Test func aPathThatNamesVendorIsRead() throws {
        #expect(try kinds(path: "vendor/workers/*.py") == ["undocumented-scope Mail.Read"])
    }

    @Test func doubleStarDoesNotEnterVendor() throws {
        #expect(try kinds(path: "**/mail.py") == ["file-not-found -"])
    }

    @Test func bracketsAndBracesFindTheirFiles() throws {
        #expect(try kinds(path: "workers/[a-c].py") == ["undocumented-scope Tasks.Read"])
        #expect(try kinds(path: "{workers,vendor/workers}/*.py") == ["undocumented-scope Mail.Read", "undocumented-scope Tasks.Read"])
    }
}
