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
        // Read straight into the array: the size from fstat plus one byte, so a file that is
        // exactly that size ends in one read and a growing one is still read to its end.
        var bytes: [UInt8] = []
        var capacity = Int(info.st_size) + 1
        while true {
            var failed = false
            var atEnd = false
            let start = bytes.count
            var filled = start
            // The first read goes into uninitialized capacity (no zero-filling a page of a file
            // about to be read over it); a file that grew while read takes the slower path.
            if start == 0 {
                bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                    while filled < capacity {
                        let n = Foundation.read(fd, buffer.baseAddress! + filled, capacity - filled)
                        if n < 0 {
                            if errno == EINTR { continue }
                            failed = true
                            break
                        }
                        if n == 0 { atEnd = true; break }
                        filled += n
                    }
                    count = filled
                }
                if failed { throw IOFailure("\(displayPath): cannot read: \(String(cString: strerror(errno)))") }
                if filled > limit { return nil }
                if atEnd { break }
                capacity = min(limit + 1, capacity * 2)
                continue
            }
            bytes.append(contentsOf: repeatElement(0, count: capacity - start))
            bytes.withUnsafeMutableBytes { buffer in
                while filled < capacity {
                    let n = Foundation.read(fd, buffer.baseAddress! + filled, capacity - filled)
                    if n < 0 {
                        if errno == EINTR { continue }
                        failed = true
                        return
                    }
                    if n == 0 { atEnd = true; return }
                    filled += n
                }
            }
            if failed { throw IOFailure("\(displayPath): cannot read: \(String(cString: strerror(errno)))") }
            bytes.removeLast(bytes.count - filled)
            if filled > limit { return nil }
            if atEnd { break }
            capacity = min(limit + 1, capacity * 2)
        }
        return bytes
    }
}
