import Foundation

/// Byte-level helpers the scanners share.
public enum Bytes {
    /// The offset of the first `byte` in `base[from..<to]`, by `memchr`; nil when there is none.
    @inline(__always)
    public static func find(_ byte: UInt8, in base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int? {
        guard from < to, let hit = memchr(base + from, Int32(byte), to - from) else { return nil }
        return UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - base
    }

    /// `bytes` with every line ending as LF: CRLF (Windows) and a lone CR (classic Mac OS) end
    /// one line each, as libyaml and cmark count them. Columns do not move (a CR is only ever
    /// the end of a line); without a CR, `bytes` come back as they are, uncopied.
    public static func lineFeeds(_ bytes: consuming [UInt8]) -> [UInt8] {
        let (cr, lf) = (UInt8(ascii: "\r"), UInt8(ascii: "\n"))
        let hasCR = bytes.withUnsafeBufferPointer { b in b.baseAddress.map { find(cr, in: $0, from: 0, to: b.count) != nil } ?? false }
        guard hasCR else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for (i, b) in bytes.enumerated() {
            if b != cr {
                out.append(b)
            } else if i + 1 == bytes.count || bytes[i + 1] != lf {
                out.append(lf)
            }
        }
        return out
    }
}

/// Byte strings at fixed addresses for the life of the store, read by every thread: pages copy
/// from them without touching a reference count that both cores would fight over.
public final class ByteStore: @unchecked Sendable {
    /// The bytes given to `init`: never changed afterwards, so read without a lock.
    private let fixed: [UnsafeMutableBufferPointer<UInt8>]
    /// The bytes given to `add`, kept only to be freed with the store.
    private let added = Locked<[UnsafeMutableBufferPointer<UInt8>]>([])

    public init(_ items: [[UInt8]] = []) {
        fixed = items.map(Self.copy)
    }

    /// The bytes of item `i` given to `init`.
    public subscript(i: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(fixed[i]) }

    /// Adds `bytes` (from any thread) and returns them at their fixed address. Read added
    /// bytes through the returned buffer, not by number.
    public func add(_ bytes: [UInt8]) -> UnsafeBufferPointer<UInt8> {
        let buffer = Self.copy(bytes)
        added.withLock { $0.append(buffer) }
        return UnsafeBufferPointer(buffer)
    }

    private static func copy(_ bytes: [UInt8]) -> UnsafeMutableBufferPointer<UInt8> {
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, bytes.count))
        _ = buffer.initialize(from: bytes)
        return UnsafeMutableBufferPointer(rebasing: buffer[0..<bytes.count])
    }

    deinit {
        for b in fixed { b.baseAddress?.deallocate() }
        added.withLock { for b in $0 { b.baseAddress?.deallocate() } }
    }
}
