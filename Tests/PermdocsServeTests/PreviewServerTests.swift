import Foundation
import Testing
@testable import PermdocsServe

@Suite("permdocs serve: what the server hands out")
struct PreviewServerTests {
    @Test func theLiveScriptGoesBeforeTheLastBodyCloseOnly() {
        let page = Array("<html><body><p>&lt;/body&gt; is text</p></body>\n</html>\n".utf8)
        let out = PreviewServer.inject("<script></script>", into: page)
        #expect(String(decoding: out, as: UTF8.self) == "<html><body><p>&lt;/body&gt; is text</p><script></script></body>\n</html>\n")
        // A page without one gets it at the end.
        #expect(String(decoding: PreviewServer.inject("<s>", into: Array("<p>x</p>".utf8)), as: UTF8.self) == "<p>x</p><s>")
    }

    @Test func onlyTheSitesOwnFilesAreServed() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("permdocs-preview-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/site", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "<html><body><h1>Home</h1></body></html>".write(toFile: folder + "/site/index.html", atomically: false, encoding: .utf8)
        try "body{}".write(toFile: folder + "/site/style.css", atomically: false, encoding: .utf8)
        try "marker".write(toFile: folder + "/site/.permdocs-site", atomically: false, encoding: .utf8)
        try "TOP-SECRET-BYTES".write(toFile: folder + "/secret.txt", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder + "/site/link.html", withDestinationPath: folder + "/secret.txt")
        let server = try PreviewServer(folder: folder + "/site", address: .ip4("127.0.0.1"), port: 0, channel: ReloadChannel())
        server.serve(files: ["index.html", "style.css", "link.html"], attempt: 7)

        let home = server.file("/")
        #expect(home.statusCode.code == 200)
        #expect(home.headers[.contentType] == "text/html; charset=utf-8")
        #expect(
            String(decoding: try await home.bodyData, as: UTF8.self)
                == "<html><body><h1>Home</h1><script src=\"/__permdocs/live.js\" data-attempt=\"7\"></script></body></html>")
        let css = server.file("/style.css")
        #expect(css.statusCode.code == 200)
        #expect(String(decoding: try await css.bodyData, as: UTF8.self) == "body{}")
        // Outside the site, the marker, a symbolic link leading out, a file the site does not list.
        for path in [
            "/../secret.txt", "/%2e%2e/secret.txt", "/.permdocs-site", "/link.html", "/secret.txt", "//etc/passwd", "/index.html/",
        ] {
            let response = server.file(path)
            #expect(response.statusCode.code == 404, "\(path)")
            #expect(!String(decoding: try await response.bodyData, as: UTF8.self).contains("TOP-SECRET-BYTES"), "\(path)")
        }
    }

    @Test func aWaitingPageHearsOfTheNextBuild() async throws {
        let channel = ReloadChannel()
        await channel.publish(BuildStatus(attempt: 1, ok: true, errors: []))
        // A page from an earlier build hears at once.
        #expect(await channel.wait(since: 0, timeout: .seconds(30)) == BuildStatus(attempt: 1, ok: true, errors: []))
        // A page of the current build waits for the next.
        async let next = channel.wait(since: 1, timeout: .seconds(30))
        try await Task.sleep(for: .milliseconds(50))
        await channel.publish(BuildStatus(attempt: 2, ok: false, errors: ["a.md:1:1: error: x [y]"]))
        #expect(await next == BuildStatus(attempt: 2, ok: false, errors: ["a.md:1:1: error: x [y]"]))
        // An older status never replaces a newer one.
        await channel.publish(BuildStatus(attempt: 1, ok: true, errors: []))
        #expect(await channel.status.attempt == 2)
        // Nothing new: the wait ends with the current status after its timeout.
        #expect(await channel.wait(since: 2, timeout: .milliseconds(20)).attempt == 2)
    }

    @Test func hostsAreAddressesOrLocalhost() {
        #expect(PreviewServer.Address(host: "127.0.0.1") != nil)
        #expect(PreviewServer.Address(host: "::1") != nil)
        #expect(PreviewServer.Address(host: "localhost") != nil)
        #expect(PreviewServer.Address(host: "example.com") == nil)
        #expect(PreviewServer.Address(host: "1.2.3") == nil)
    }
}

@Suite("permdocs serve: watching files")
struct FileWatcherTests {
    @Test(arguments: [false, true]) func aSaveInANestedOrNewFolderIsSeenAndHiddenFilesAreNot(polling: Bool) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("permdocs-watch-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/articles", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        var watcher: FileWatcher = PollingWatcher(roots: [root], interval: 0.05)
        #if os(Linux)
            if !polling { watcher = try #require(InotifyWatcher(roots: [root])) }
        #endif
        try "x".write(toFile: root + "/articles/.a.md.swp", atomically: false, encoding: .utf8)
        try "x".write(toFile: root + "/articles/a.md", atomically: false, encoding: .utf8)
        #expect(watcher.next() == [root + "/articles/a.md"])
        try FileManager.default.createDirectory(atPath: root + "/partials", withIntermediateDirectories: true)
        if !polling { #expect(watcher.next() == [root + "/partials"]) }
        try "y".write(toFile: root + "/partials/p.mustache", atomically: false, encoding: .utf8)
        #expect(watcher.next() == [root + "/partials/p.mustache"])
        try FileManager.default.removeItem(atPath: root + "/articles/a.md")
        #expect(watcher.next() == [root + "/articles/a.md"])
    }
}
