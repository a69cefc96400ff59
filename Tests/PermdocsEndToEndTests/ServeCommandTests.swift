import Foundation
import Testing
import PermdocsTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// One HTTP/1.1 request over a plain socket, the path sent exactly as given (no client
/// normalising `..`); the status code and body.
private func get(
    _ port: Int, _ path: String, method: String = "GET", host: String = "127.0.0.1"
) throws -> (
    status: Int, headers: String, body: String
) {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw POSIXError(.EIO) }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
    let request = Array("\(method) \(path) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n".utf8)
    _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
    var response: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n <= 0 { break }
        response += buffer[..<n]
    }
    let text = String(decoding: response, as: UTF8.self)
    let status = Int(text.split(separator: " ").dropFirst().first ?? "") ?? 0
    let split = text.range(of: "\r\n\r\n")
    let body = split.map { String(text[$0.upperBound...]) } ?? ""
    let headers = split.map { String(text[..<$0.lowerBound]) } ?? text
    return (status, headers, body)
}

/// `permdocs serve` running on a copy of the example, on a free port, its temporary folder
/// under a folder of the test's own.
private final class Serving {
    let folder: TempFolder
    let process = Process()
    let stderr: String
    var port = 0
    var content: String { folder.path + "/content" }
    var tmp: String { folder.path + "/tmp" }

    /// `edit` changes the copied folder before serve starts.
    init(edit: (TempFolder) throws -> Void = { _ in }) throws {
        folder = try TempFolder(prefix: "permdocs-serve-e2e")
        for name in ["content", "templates"] {
            try FileManager.default.copyItem(atPath: Repo.path(name), toPath: folder.path + "/" + name)
        }
        try edit(folder)
        try FileManager.default.createDirectory(atPath: folder.path + "/tmp", withIntermediateDirectories: true)
        stderr = folder.path + "/serve.err"
        FileManager.default.createFile(atPath: stderr, contents: nil)
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = ["serve", "--port", "0"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        var env = ProcessInfo.processInfo.environment
        env["TMPDIR"] = tmp
        env["NO_COLOR"] = "1"
        process.environment = env
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderr))
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while port == 0 {
            let log = try String(contentsOfFile: stderr, encoding: .utf8)
            if let match = log.firstMatch(of: /serving http:\/\/127\.0\.0\.1:([0-9]+)\//) { port = Int(match.1)! }
            guard process.isRunning, Date() < deadline else { throw POSIXError(.ETIMEDOUT) }
            usleep(20_000)
        }
    }

    var log: String { (try? String(contentsOfFile: stderr, encoding: .utf8)) ?? "" }

    func stop() -> Int32 {
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

@Suite("permdocs serve (real binary)")
struct ServeCommandTests {
    @Test func servesTheSiteRebuildsOnSaveShowsErrorsAndCleansUp() throws {
        let serving = try Serving()
        defer { serving.folder.remove() }
        let home = try get(serving.port, "/")
        #expect(home.status == 200)
        #expect(home.body.contains("<script src=\"/__permdocs/live.js\" data-attempt=\"1\"></script></body>"))
        #expect(try get(serving.port, "/__permdocs/live.js").body.contains("location.reload()"))
        // HEAD: a GET's headers, no body.
        let head = try get(serving.port, "/", method: "HEAD")
        #expect(head.status == 200)
        #expect(head.body == "")
        #expect(head.headers.contains("Content-Length: \(home.body.utf8.count)"))
        // A request for another name (DNS rebinding) gets nothing.
        let foreign = try get(serving.port, "/", host: "attacker.example:\(serving.port)")
        #expect(foreign.status == 403)
        #expect(!foreign.body.contains("<html"))
        #expect(try get(serving.port, "/", host: "localhost:\(serving.port)").status == 200)
        // A second serve on the same port: exit 2, saying why, leaving nothing behind.
        let rival = try Binary.run(["serve", "--port", "\(serving.port)"], in: serving.folder.path, environment: ["TMPDIR": serving.tmp])
        #expect(rival.status == 2)
        #expect(rival.stderr.contains("permdocs: error: cannot listen on 127.0.0.1:\(serving.port): "))
        #expect(try FileManager.default.contentsOfDirectory(atPath: serving.tmp).count == 1)
        // Nothing outside the site, however the path is spelled.
        for path in ["/../content/permissions.yaml", "/%2e%2e/content/permissions.yaml", "/.permdocs-site", "/../../../../etc/passwd"] {
            let response = try get(serving.port, path)
            #expect(response.status == 404, "\(path)")
            #expect(!response.body.contains("root:x:0:0"), "\(path)")
            #expect(!response.body.contains("scopes:"), "\(path)")
        }

        // A save: the open page's wait answers with build 2, and the page has the edit.
        let article = serving.content + "/articles/microsoft-entra-permissions.md"
        let text = try String(contentsOfFile: article, encoding: .utf8)
        try (text + "\nA line saved while serving.\n").write(toFile: article, atomically: false, encoding: .utf8)
        let second = try get(serving.port, "/__permdocs/wait?since=1")
        #expect(second.body == #"{"attempt":2,"errors":[],"ok":true}"#)
        #expect(try get(serving.port, "/microsoft-entra-permissions.html").body.contains("<p>A line saved while serving.</p>"))

        // A broken save: the errors go to the page, the last good site stays.
        let lines = (text + "\n").split(separator: "\n", omittingEmptySubsequences: false).count
        try (text + "\n[a broken link](nowhere.html)\n").write(toFile: article, atomically: false, encoding: .utf8)
        let third = try get(serving.port, "/__permdocs/wait?since=2")
        #expect(
            third.body
                == #"{"attempt":3,"errors":["content\/articles\/microsoft-entra-permissions.md:\#(lines):17: error: link to 'nowhere.html': no page 'nowhere.html' in the site [broken-link]"],"ok":false}"#
        )
        #expect(try get(serving.port, "/microsoft-entra-permissions.html").body.contains("<p>A line saved while serving.</p>"))
        #expect(serving.log.contains("permdocs: build 3 (content/articles/microsoft-entra-permissions.md alone) failed in "))

        // Stopped: exit 0, and the temporary folder is gone.
        #expect(serving.stop() == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: serving.tmp) == [])
    }

    @Test func whenTheFirstBuildFailsEveryPageSaysSoAndAFixServesTheSite() throws {
        let article = "content/articles/microsoft-entra-permissions.md"
        var original = ""
        let serving = try Serving { folder in
            original = try String(contentsOfFile: folder.path + "/" + article, encoding: .utf8)
            try (original + "\n[a broken link](nowhere.html)\n").write(
                toFile: folder.path + "/" + article, atomically: false, encoding: .utf8)
        }
        defer { serving.folder.remove() }
        let home = try get(serving.port, "/")
        #expect(home.status == 404)
        #expect(home.body.contains("No build has succeeded yet; the errors are below."))
        // The page comes from no good build (0): its script asks at once and shows build 1's errors.
        #expect(home.body.contains("<script src=\"/__permdocs/live.js\" data-attempt=\"0\"></script>"))
        let status = try get(serving.port, "/__permdocs/wait?since=1&now=1").body
        #expect(status.hasPrefix(#"{"attempt":1,"errors":["content\/articles\/microsoft-entra-permissions.md:"#))
        #expect(status.hasSuffix(#"[broken-link]"],"ok":false}"#))
        try original.write(toFile: serving.folder.path + "/" + article, atomically: false, encoding: .utf8)
        #expect(try get(serving.port, "/__permdocs/wait?since=1").body == #"{"attempt":2,"errors":[],"ok":true}"#)
        #expect(try get(serving.port, "/").status == 200)
        #expect(serving.stop() == 0)
    }

    @Test func aMissingContentFolderIsAUsageErrorAndLeavesNothingBehind() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path + "/tmp", withIntermediateDirectories: true)
        let r = try Binary.run(
            ["serve", "--content", folder.path + "/nowhere", "--port", "0"], environment: ["TMPDIR": folder.path + "/tmp"])
        #expect(r.status == 2)
        #expect(r.stderr == "permdocs: error: \(folder.path)/nowhere: content folder not found\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/tmp") == [])
    }

    @Test func aHostThatIsNotAnAddressIsAUsageError() throws {
        let r = try Binary.run(["serve", "--host", "example.com"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--host example.com: expected an IPv4 or IPv6 address, or localhost"))
    }

    @Test func theBuiltSiteNeverCarriesTheReloadScript() throws {
        let output = Repo.path("output")
        for name in try FileManager.default.contentsOfDirectory(atPath: output) {
            let text = try String(contentsOfFile: output + "/" + name, encoding: .utf8)
            #expect(!text.contains("__permdocs"), "\(name)")
        }
    }
}
