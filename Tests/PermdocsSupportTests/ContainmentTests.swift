import Testing
import Foundation
import PermdocsDiagnostics
@testable import PermdocsSupport

/// Containment resolves a folder once and its plain files from the directory listing; anything
/// the listing cannot vouch for is resolved one by one.
@Suite("Containment")
struct ContainmentTests {
    private func makeTree() throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("permdocs-containment-\(UUID().uuidString)").path
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/content/articles", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: root + "/outside", withIntermediateDirectories: true)
        try Data("secret".utf8).write(to: URL(fileURLWithPath: root + "/outside/secret.md"))
        try Data("ok".utf8).write(to: URL(fileURLWithPath: root + "/content/articles/plain.md"))
        try fm.createSymbolicLink(atPath: root + "/content/articles/leak.md", withDestinationPath: root + "/outside/secret.md")
        try fm.createSymbolicLink(atPath: root + "/content/linked", withDestinationPath: root + "/outside")
        return root
    }

    @Test func plainFilesPassAndLinksOutsideAreCaughtInAFolderInside() throws {
        let root = try makeTree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let dir = root + "/content/articles"
        let entries = try Paths.listEntries(dir, extensions: ["md"])
        #expect(entries.map(\.name) == ["leak.md", "plain.md"])
        #expect(entries.map(\.isPlainFile) == [false, true])
        let folder = Containment.Folder(dir, root: root + "/content")
        #expect(folder.escape(dir + "/plain.md", entry: entries[1]) == nil)
        #expect(folder.escape(dir + "/leak.md", entry: entries[0])?.hasSuffix("/outside/secret.md") == true)
    }

    @Test func aFolderThatIsALinkOutsideMakesEveryFileEscape() throws {
        let root = try makeTree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let dir = root + "/content/linked"
        let entries = try Paths.listEntries(dir, extensions: ["md"])
        #expect(entries.map(\.name) == ["secret.md"])
        #expect(entries[0].isPlainFile)
        let folder = Containment.Folder(dir, root: root + "/content")
        #expect(folder.escape(dir + "/secret.md", entry: entries[0])?.hasSuffix("/outside/secret.md") == true)
    }

    @Test func aMissingFolderListsNothingAndAFileIsNotAFolder() throws {
        #expect(try Paths.listEntries("/nonexistent-\(UUID().uuidString)", extensions: ["md"]).isEmpty)
        let root = try makeTree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(throws: IOFailure.self) { try Paths.listEntries(root + "/content/articles/plain.md", extensions: ["md"]) }
    }
}
