import Testing
import Foundation
import PermdocsTestSupport

/// A catalog whose one feature reads its scopes at `path` (line 13, column 15).
private func catalog(path: String) -> String {
    """
    app:
      name: Acme
      client_id: 11111111-2222-3333-4444-555555555555
      redirect_uri: https://acme.contoso.com/callback
    scopes:
      offline_access: {description: Stay signed in.}
      Mail.Send: {description: Send mail as you.}
    features:
      - id: mail
        title: Mail
        scopes: [offline_access, Mail.Send]
        client:
          - path: \(path)
            anchor: "SCOPES ="

    """
}

/// A tree with `client/` (the code, holding a link to a file and a link to a folder outside it) and
/// `secret/scopes.py` beside it, which requests an undocumented scope: reading it would be a finding.
private func tree() throws -> TempFolder {
    let temp = try TempFolder(prefix: "permdocs-client-path")
    try temp.write("secret/scopes.py", "SCOPES = [\"offline_access\", \"Mail.Send\", \"Mail.Read\"]\n")
    try temp.write("client/src/scopes.py", "SCOPES = [\"offline_access\", \"Mail.Send\"]\n")
    try FileManager.default.createSymbolicLink(atPath: temp.path + "/client/link.py", withDestinationPath: "../secret/scopes.py")
    try FileManager.default.createSymbolicLink(atPath: temp.path + "/client/linked", withDestinationPath: "../secret")
    return temp
}

@Suite("Client paths stay inside --client (real binary)")
struct ClientPathTests {
    /// Every way a path can name a file outside the client folder: `..` above it (plain, after a
    /// folder, in a brace alternative, after `**`, in a glob), an absolute path, a link to a file
    /// or a folder outside. Each is one located error at the path in the catalog, and the file is
    /// not read (its undocumented scope is never reported).
    @Test(arguments: [
        ("../secret/scopes.py", "climbs above the client folder with '..'"),
        ("src/../../secret/scopes.py", "climbs above the client folder with '..'"),
        ("'{src,../secret}/scopes.py'", "climbs above the client folder with '..'"),
        ("'**/../../secret/scopes.py'", "climbs above the client folder with '..'"),
        ("'../secret/*.py'", "climbs above the client folder with '..'"),
        ("ABSOLUTE/secret/scopes.py", "is absolute"),
        ("link.py", "leads to "),
        ("linked/scopes.py", "leads to "),
    ])
    func aClientPathThatLeavesTheClientFolderIsALocatedErrorAndNotRead(path: String, reason: String) throws {
        let temp = try tree()
        defer { temp.remove() }
        let written = path.replacingOccurrences(of: "ABSOLUTE", with: temp.path)
        try temp.write("content/permissions.yaml", catalog(path: written))
        let r = try Binary.run(["check", "--content", "content", "--client", "client"], in: temp.path)
        let shown = written.hasPrefix("'") ? String(written.dropFirst().dropLast()) : written
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        let prefix = "content/permissions.yaml:13:15: error: client path '\(shown)' \(reason)"
        #expect(lines.filter { $0.hasPrefix(prefix) && $0.hasSuffix(" [client-path-outside]") }.count == 1, "\(r.stderr)")
        #expect(!r.stderr.contains("Mail.Read"), "\(r.stderr)")
        #expect(lines.last == "permdocs: 1 error, 0 warnings")
    }

    /// A glob neither follows nor matches symbolic links, so a link out of the client folder is
    /// never read through one: `linked/*.py` and `*.py` (which would match `link.py`) find nothing.
    @Test(arguments: ["'linked/*.py'", "'*.py'", "'**/scopes.py'"])
    func aGlobDoesNotFollowALinkOutOfTheClientFolder(path: String) throws {
        let temp = try tree()
        defer { temp.remove() }
        try FileManager.default.removeItem(atPath: temp.path + "/client/src/scopes.py")
        try temp.write("content/permissions.yaml", catalog(path: path))
        let r = try Binary.run(["check", "--content", "content", "--client", "client"], in: temp.path)
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("content/permissions.yaml:13:15: error: no file in client matches"), "\(r.stderr)")
        #expect(!r.stderr.contains("Mail.Read"), "\(r.stderr)")
    }

    /// A `..` that stays inside the client folder is a path like any other.
    @Test func aDotDotThatStaysInsideIsRead() throws {
        let temp = try tree()
        defer { temp.remove() }
        try temp.write("content/permissions.yaml", catalog(path: "src/../src/scopes.py"))
        let r = try Binary.run(["check", "--content", "content", "--client", "client"], in: temp.path)
        #expect(r.status == 0)
        #expect(r.stderr == "permdocs: 0 errors, 0 warnings\n")
    }
}
