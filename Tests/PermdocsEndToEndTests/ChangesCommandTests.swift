import Testing
import Foundation
import PermdocsTestSupport

private let golden = Repo.path("Tests/PermdocsEndToEndTests/Fixtures/changes")

/// A git repository holding a copy of the example content in two commits: the second adds
/// `Place.Read.All` (admin consent in every tenant) to the rooms feature, `Contacts.Read` (users may
/// consent, even under Microsoft-managed consent) to the calendar feature, and drops `Mail.Send` from
/// the mailbox feature: both directions, and each kind of consequence.
private struct FixtureRepository {
    let temp: TempFolder
    var path: String { temp.path }

    init() throws {
        temp = try TempFolder(prefix: "permdocs-changes")
        try FileManager.default.copyItem(atPath: Repo.path("content"), toPath: temp.path + "/docs")
        try git("init", "-q")
        try git("add", "-A")
        try git("commit", "-q", "-m", "base")
        let catalog = temp.path + "/docs/permissions.yaml"
        let text = try String(contentsOfFile: catalog, encoding: .utf8)
            .replacingOccurrences(
                of: "scopes: [offline_access, User.Read, Calendars.ReadWrite]",
                with: "scopes: [offline_access, User.Read, Calendars.ReadWrite, Contacts.Read]"
            )
            .replacingOccurrences(
                of: "scopes: [offline_access, User.ReadBasic.All]", with: "scopes: [offline_access, User.ReadBasic.All, Place.Read.All]"
            )
            .replacingOccurrences(
                of: "scopes: [offline_access, User.Read, Mail.Send, Mail.ReadWrite, email, openid]",
                with: "scopes: [offline_access, User.Read, Mail.ReadWrite, email, openid]"
            )
            .replacingOccurrences(
                of: "  Mail.Send:\n    description: Allows the app to send emails as you.\n",
                with:
                    "  Mail.Send:\n    description: Allows the app to send emails as you.\n  Place.Read.All:\n    description: Allows the app to read your organization's places.\n  Contacts.Read:\n    description: Allows the app to read your contacts.\n"
            )
        try text.write(toFile: catalog, atomically: true, encoding: .utf8)
        try git("commit", "-q", "-am", "change scopes")
    }

    func git(_ args: String...) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments =
            ["git", "-C", path, "-c", "user.name=permdocs", "-c", "user.email=permdocs@localhost", "-c", "commit.gpgsign=false"] + args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        if p.terminationStatus != 0 { throw CocoaError(.fileWriteUnknown) }
    }
}

@Suite("permdocs changes (real binary, a real git repository)")
struct ChangesCommandTests {
    /// Per feature: scopes added and removed, who must act under each tenant setting, and the log
    /// entry to paste. Exit 1 because something changed.
    @Test(arguments: ["text", "markdown", "json"])
    func theConsequencesOfAScopeChangeArePinnedInEachFormat(format: String) throws {
        let repo = try FixtureRepository()
        defer { repo.temp.remove() }
        let r = try Binary.run(
            ["changes", "--content", "docs", "--base", "HEAD~1", "--date", "2026-12-02", "--format", format], in: repo.path)
        #expect(r.status == 1)
        #expect(r.stderr.isEmpty, "\(r.stderr)")
        let ext = ["text": "txt", "markdown": "md", "json": "json"][format]!
        #expect(Golden.mismatch(r.stdout, golden: "\(golden)/changes.\(ext)") == nil)
    }

    @Test func nothingChangedIsExitZero() throws {
        let repo = try FixtureRepository()
        defer { repo.temp.remove() }
        let r = try Binary.run(["changes", "--content", "docs", "--base", "HEAD"], in: repo.path)
        #expect(r.status == 0)
        #expect(r.stdout == "No feature's scopes changed.\n")
        // A file works as the base too.
        try repo.git("show", "HEAD:docs/permissions.yaml")
        let file = repo.path + "/docs/permissions.yaml"
        #expect(try Binary.run(["changes", "--content", "docs", "--base", file], in: repo.path).status == 0)
    }

    @Test func anUnknownRevisionOrAMissingGitIsExitTwo() throws {
        let repo = try FixtureRepository()
        defer { repo.temp.remove() }
        let unknown = try Binary.run(["changes", "--content", "docs", "--base", "no-such-rev"], in: repo.path)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.hasPrefix("permdocs: error: cannot read permissions.yaml at 'no-such-rev': fatal:"))
        let noGit = try Binary.run(
            ["changes", "--content", "docs", "--base", "HEAD~1"], in: repo.path, environment: ["PATH": "/nonexistent"])
        #expect(noGit.status == 2)
        #expect(noGit.stderr == "permdocs: error: git is not installed: --base needs git to read a revision, or give a file\n")
        let badDate = try Binary.run(["changes", "--content", "docs", "--base", "HEAD", "--date", "2026-02-30"], in: repo.path)
        #expect(badDate.status == 2)
    }
}
