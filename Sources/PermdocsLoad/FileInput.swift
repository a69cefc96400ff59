public import PermdocsDiagnostics
import Foundation

/// Reads whole input files with a size bound, so an oversized file is a clear error rather than an
/// out-of-memory kill, and names the file in I/O errors.
public enum FileInput {
    /// The file's bytes, or nil when it is larger than `limit`.
    public static func read(_ path: String, displayPath: String, limit: Int) throws(IOFailure) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw IOFailure("\(displayPath): cannot read: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw IOFailure("\(displayPath): cannot read: \(String(cString: strerror(errno)))")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw IOFailure("\(displayPath): is a folder, not a file")
        }
        if Int(info.st_size) > limit { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw IOFailure("\(displayPath): cannot read: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > limit { return nil }
        }
        return bytes
    }
}
