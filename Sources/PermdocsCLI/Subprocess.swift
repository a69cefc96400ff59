import Foundation
import PermdocsDiagnostics
import PermdocsSupport

/// Runs a program found on `PATH` with `posix_spawnp`, standard input from /dev/null, and collects
/// its standard output and error. Used for `git show` by `permdocs changes`. Not Foundation's
/// `Process`, which keeps a weak reference it never frees (LeakSanitizer reports it in every run of
/// the sanitizer suite) and needs a run loop thread for its termination handler.
enum Subprocess {
    struct Result {
        var status: Int32
        var stdout: [UInt8]
        var stderr: [UInt8]
    }

    /// nil when the program is not found; an `IOFailure` for any other failure to start it.
    static func run(_ arguments: [String]) throws(IOFailure) -> Result? {
        var out: [Int32] = [0, 0]
        var err: [Int32] = [0, 0]
        guard pipe(&out) == 0 else { throw IOFailure("cannot run \(arguments[0]): \(String(cString: strerror(errno)))") }
        guard pipe(&err) == 0 else {
            close(out[0])
            close(out[1])
            throw IOFailure("cannot run \(arguments[0]): \(String(cString: strerror(errno)))")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, out[1], 1)
        posix_spawn_file_actions_adddup2(&actions, err[1], 2)
        for fd in out + err { posix_spawn_file_actions_addclose(&actions, fd) }
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let started = posix_spawnp(&pid, arguments[0], &actions, nil, &argv, environ)
        close(out[1])
        close(err[1])
        guard started == 0 else {
            close(out[0])
            close(err[0])
            if started == ENOENT { return nil }
            throw IOFailure("cannot run \(arguments[0]): \(String(cString: strerror(started)))")
        }
        // Standard error is read on another thread so neither pipe can fill while the other is read.
        let errors = Locked<[UInt8]>([])
        let group = DispatchGroup()
        let errFD = err[0]
        DispatchQueue.global().async(group: group) {
            let bytes = readAll(errFD)
            errors.withLock { $0 = bytes }
        }
        let stdout = readAll(out[0])
        group.wait()
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        close(out[0])
        close(err[0])
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Result(status: exit, stdout: stdout, stderr: errors.withLock { $0 })
    }

    private static func readAll(_ fd: Int32) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 { bytes.append(contentsOf: buffer[0..<n]) } else if n == 0 || errno != EINTR { break }
        }
        return bytes
    }
}
