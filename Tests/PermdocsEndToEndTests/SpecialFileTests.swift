import Testing
import Foundation
import PermdocsTestSupport

/// A copy of the example content, templates and client code.
private func workspace() throws -> TempFolder {
    let temp = try TempFolder(prefix: "permdocs-special")
    for folder in ["content", "templates", "examples"] {
        try FileManager.default.copyItem(atPath: Repo.path(folder), toPath: temp.path + "/" + folder)
    }
    return temp
}

/// Runs permdocs, killing it after `seconds`: a read that blocks forever fails the test
/// (status SIGKILL) instead of hanging the suite.
private func runGuarded(_ arguments: [String], in directory: String, seconds: Double = 20) throws -> Binary.Result {
    let guardPath = directory + "/.guard-\(UUID().uuidString)"
    let timer = DispatchSource.makeTimerSource()
    let started = Date()
    timer.schedule(deadline: .now() + seconds)
    timer.setEventHandler {
        // The permdocs process of this test is the only one whose working folder is `directory`
        // (a fresh temporary folder): it is found through /proc and killed by its pid.
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = Int32(entry), pid != getpid(),
                let cwd = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(entry)/cwd"), cwd == directory
            else { continue }
            FileManager.default.createFile(atPath: guardPath, contents: nil)
            kill(pid, SIGKILL)
        }
    }
    timer.resume()
    defer { timer.cancel() }
    let r = try Binary.run(arguments, in: directory)
    #expect(!FileManager.default.fileExists(atPath: guardPath), "permdocs \(arguments) blocked for \(Date().timeIntervalSince(started)) s")
    return r
}

private func mkfifoOrFail(_ path: String) {
    #expect(mkfifo(path, 0o644) == 0, "mkfifo \(path): \(String(cString: strerror(errno)))")
}

/// Binds a Unix socket at `path` (and closes it; the socket file stays).
private func makeSocket(_ path: String) {
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
        for (i, byte) in path.utf8.prefix(raw.count - 1).enumerated() { raw[i] = byte }
    }
    let bound = withUnsafePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
    #expect(bound == 0, "bind \(path): \(String(cString: strerror(errno)))")
}

@Suite("Special files are errors, never a read that blocks (real binary)")
struct SpecialFileTests {
    /// A FIFO where permdocs reads a file: an error naming it (exit 2), within the guard's time.
    @Test(arguments: [
        (["build"], "content/articles/pipe.md"),
        (["check"], "content/procedures/pipe.yaml"),
        (["build"], "templates/partials/pipe.mustache"),
        (["check", "--manifest", "pipe.json"], "pipe.json"),
        (["check", "--client", "examples/client"], "examples/client/lib/sync/microsoft/mailbox.ex"),
        (["changes", "--base", "pipe.yaml"], "pipe.yaml"),
    ])
    func aFIFOIsAnErrorNamingItNotAReadThatBlocks(arguments: [String], fifo: String) throws {
        let w = try workspace()
        defer { w.remove() }
        try? FileManager.default.removeItem(atPath: w.path + "/" + fifo)
        mkfifoOrFail(w.path + "/" + fifo)
        let r = try runGuarded(arguments, in: w.path)
        #expect(r.status == 2)
        #expect(
            r.stderr.hasSuffix("permdocs: error: \(fifo): is a FIFO (named pipe), not a regular file; permdocs reads only regular files\n"),
            "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: w.path + "/output"))
    }

    /// The error names the file on one line, escaped like the text report, whatever its name holds.
    @Test func theErrorNamingAFileIsOneLineWhateverItsName() throws {
        let w = try workspace()
        defer { w.remove() }
        mkfifoOrFail(w.path + "/content/articles/x\n::error::y.md")
        let r = try runGuarded(["build"], in: w.path)
        #expect(r.status == 2)
        #expect(
            r.stderr
                == "permdocs: error: content/articles/x\\n::error::y.md: is a FIFO (named pipe), not a regular file; permdocs reads only regular files\n"
        )
    }

    @Test func aSocketInContentIsAnErrorNamingIt() throws {
        let w = try workspace()
        defer { w.remove() }
        makeSocket(w.path + "/content/articles/sock.md")
        let r = try runGuarded(["build"], in: w.path)
        #expect(r.status == 2)
        #expect(
            r.stderr.hasSuffix(
                "permdocs: error: content/articles/sock.md: is a socket, not a regular file; permdocs reads only regular files\n"))
    }

    @Test func aDeviceAsTheManifestIsAnErrorNamingIt() throws {
        let w = try workspace()
        defer { w.remove() }
        let r = try runGuarded(["check", "--manifest", "/dev/zero"], in: w.path)
        #expect(r.status == 2)
        #expect(
            r.stderr.hasSuffix("permdocs: error: /dev/zero: is a character device, not a regular file; permdocs reads only regular files\n")
        )
    }
}
