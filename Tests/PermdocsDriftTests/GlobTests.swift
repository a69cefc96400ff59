import Testing
import Foundation
import PermdocsTestSupport
@testable import PermdocsDrift

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
    @Test(arguments: [
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
        ("**/*.py", [".env.py", "app.py", "literal/[x].py", "literal/star*.py", "workers/a.py", "workers/b.py", "workers/deep/d.py", "workers/x1.py"]),
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
