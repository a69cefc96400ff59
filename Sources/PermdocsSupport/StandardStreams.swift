import Foundation

/// stdout and stderr written with POSIX `write`: a full disk, `/dev/full` or a closed descriptor
/// is a failure remembered for the exit status (2, with a message), not a trap in
/// `FileHandle.write`, which cannot report an error.
public enum StandardStreams {
    private static let failure = Locked<String?>(nil)

    /// Writes all of `text` to `fd`; false, and the first failure remembered, when it cannot.
    @discardableResult
    public static func write(_ text: String, to fd: Int32) -> Bool {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { raw in Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                let name = fd == STDOUT_FILENO ? "standard output" : fd == STDERR_FILENO ? "standard error" : "descriptor \(fd)"
                failure.withLock { first in if first == nil { first = "cannot write to \(name): \(reason)" } }
                return false
            }
            offset += n
        }
        bytes.removeAll()
        return true
    }

    /// The first write that failed, if any.
    public static var firstFailure: String? { failure.current }
}
