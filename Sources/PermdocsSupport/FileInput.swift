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
        // Read straight into uninitialized array storage (no zero-filling pages about to be read
        // over): the size from fstat plus one byte, so a file that is exactly that size ends in
        // one pass and a growing one is still read to its end, in a bigger array.
        var bytes: [UInt8] = []
        var capacity = Int(info.st_size) + 1
        while true {
            let previous = bytes
            var outcome: (filled: Int, atEnd: Bool)?
            bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                count = buffer.initialize(fromContentsOf: previous)
                outcome = fill(fd, buffer, from: count)
                count = outcome?.filled ?? count
            }
            guard let (filled, atEnd) = outcome else {
                throw IOFailure("\(displayPath): cannot read: \(String(cString: strerror(errno)))")
            }
            if filled > limit { return nil }
            if atEnd { break }
            capacity = min(limit + 1, capacity * 2)
        }
        return bytes
    }

    /// Reads `fd` into `buffer` from offset `filled` until the buffer is full or the file ends;
    /// nil on a read error (`errno` says which).
    private static func fill(_ fd: Int32, _ buffer: UnsafeMutableBufferPointer<UInt8>, from filled: Int) -> (filled: Int, atEnd: Bool)? {
        var filled = filled
        while filled < buffer.count {
            let n = Foundation.read(fd, buffer.baseAddress! + filled, buffer.count - filled)
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { return (filled, true) }
            filled += n
        }
        return (filled, false)
    }
}
