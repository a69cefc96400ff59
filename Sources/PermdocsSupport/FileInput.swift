public import PermdocsDiagnostics
import Foundation

/// Reads whole input files with a size bound, so an oversized file is a clear error rather than an
/// out-of-memory kill, and names the file in I/O errors.
public enum FileInput {
    /// The file's bytes, or nil when it is larger than `limit`.
    ///
    /// Only regular files are read: a FIFO, socket or device (which a read could wait on forever,
    /// or never finish) is an error naming the file. It is recognised before it is opened, and
    /// again on the descriptor, opened without blocking, in case it was swapped in between.
    public static func read(_ path: String, displayPath: String, limit: Int) throws(IOFailure) -> [UInt8]? {
        var info = stat()
        if stat(path, &info) == 0 { try requireRegular(info, displayPath) }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            throw IOFailure("\(displayPath): cannot read: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        guard fstat(fd, &info) == 0 else {
            throw IOFailure("\(displayPath): cannot read: \(String(cString: strerror(errno)))")
        }
        try requireRegular(info, displayPath)
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

    private static func requireRegular(_ info: stat, _ displayPath: String) throws(IOFailure) {
        let kind: String
        switch info.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: throw IOFailure("\(displayPath): is a folder, not a file")
        case S_IFIFO: kind = "a FIFO (named pipe)"
        case S_IFSOCK: kind = "a socket"
        case S_IFCHR: kind = "a character device"
        case S_IFBLK: kind = "a block device"
        default: kind = "a special file"
        }
        throw IOFailure("\(displayPath): is \(kind), not a regular file; permdocs reads only regular files")
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
