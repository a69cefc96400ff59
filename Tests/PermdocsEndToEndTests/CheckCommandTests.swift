import Testing
import Foundation
import PermdocsTestSupport

private let fixtures = Repo.path("Tests/PermdocsEndToEndTests/Fixtures")

@Suite("permdocs check (real binary)")
struct CheckCommandTests {
    @Test func theExampleContentIsCleanAndExitsZero() throws {
        let r = try Binary.run(["check", "--content", "content"], in: Repo.root)
        #expect(r.status == 0)
        #expect(r.stderr == "permdocs: 0 errors, 0 warnings\n")
        #expect(r.stdout == "")
    }

    @Test func findingsAreLocatedOnStderrAndExitOne() throws {
        let r = try Binary.run(["check", "--content", "content"], in: fixtures + "/bad-catalog")
        #expect(r.status == 1)
        #expect(r.stdout == "")
        #expect(Golden.mismatch(r.stderr, golden: fixtures + "/bad-catalog/expected-stderr.txt") == nil)
    }

    @Test func strictTurnsWarningsIntoFailure() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let catalog = try String(contentsOfFile: Repo.path("content/permissions.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "scopes: [offline_access, User.ReadBasic.All]", with: "scopes: [offline_access, user.readbasic.all]")
        try temp.write("content/permissions.yaml", catalog)
        let lenient = try Binary.run(["check", "--content", "content"], in: temp.path)
        #expect(lenient.status == 0)
        #expect(
            lenient.stderr.hasPrefix(
                "content/permissions.yaml:60:30: warning: scope 'user.readbasic.all' is not in canonical case; write 'User.ReadBasic.All'"))
        let strict = try Binary.run(["check", "--content", "content", "--strict"], in: temp.path)
        #expect(strict.status == 1)
    }

    @Test func aMissingContentFolderIsAnIOErrorWithExitTwo() throws {
        let r = try Binary.run(["check", "--content", "no-such-folder"], in: fixtures)
        #expect(r.status == 2)
        #expect(r.stderr == "permdocs: error: no-such-folder: content folder not found\n")
    }

    @Test func aMissingCatalogIsAnIOErrorWithExitTwo() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        try temp.write("content/procedures/x.yaml", "title: x\n")
        let r = try Binary.run(["check", "--content", "content"], in: temp.path)
        #expect(r.status == 2)
        #expect(r.stderr == "permdocs: error: content/permissions.yaml: cannot read: No such file or directory\n")
    }

    /// The catalog, the procedures folder and the procedure files load at once; their failures
    /// are still reported in that order, one per run.
    @Test func loadFailuresComeInTheOrderOfTheFiles() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        try temp.write("content/procedures", "a file where the folder should be\n")
        var r = try Binary.run(["check", "--content", "content"], in: temp.path)
        #expect(r.status == 2)
        #expect(r.stderr == "permdocs: error: content/permissions.yaml: cannot read: No such file or directory\n")
        try FileManager.default.copyItem(atPath: Repo.path("content/permissions.yaml"), toPath: temp.path + "/content/permissions.yaml")
        r = try Binary.run(["check", "--content", "content"], in: temp.path)
        #expect(r.status == 2)
        #expect(r.stderr == "permdocs: error: content/procedures: expected a folder\n")
    }

    @Test(arguments: [["check", "--bogus"], ["check", "--content"], ["frobnicate"]])
    func usageErrorsExitTwoNotSixtyFour(arguments: [String]) throws {
        let r = try Binary.run(arguments, in: fixtures)
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("Error: "))
    }

    @Test func helpAndVersionExitZeroOnStdout() throws {
        let help = try Binary.run(["check", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: permdocs check"))
        let version = try Binary.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout == "0.1.0 (Microsoft Graph permissions of 2026-08-07, managed consent policy of 2026-01-22)\n")
    }

    @Test func yamlErrorsFromTheBinaryCarryFileLineColumn() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        try temp.write("content/permissions.yaml", "app:\n  name: [Recruitee\nscopes: {}\n")
        let r = try Binary.run(["check", "--content", "content"], in: temp.path)
        #expect(r.status == 1)
        #expect(
            r.stderr == """
                content/permissions.yaml:3:7: error: did not find expected ',' or ']' [yaml-syntax]
                content/permissions.yaml:2:9: note: while parsing a flow sequence
                permdocs: 1 error, 0 warnings

                """)
    }
}
