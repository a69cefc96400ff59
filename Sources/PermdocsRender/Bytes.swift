import Foundation

/// Byte-level helpers the render stage's scanners share.
enum Bytes {
    /// The offset of the first `byte` in `base[from..<to]`, by `memchr`; nil when there is none.
    @inline(__always)
    static func find(_ byte: UInt8, in base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int? {
        guard from < to, let hit = memchr(base + from, Int32(byte), to - from) else { return nil }
        return UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - base
    }
}

/// Byte strings at fixed addresses for the life of the store, read by every thread: pages copy
/// from them without touching a reference count that both cores would fight over.
final class ByteStore: @unchecked Sendable {
    private let lock = NSLock()
    private var buffers: [UnsafeMutableBufferPointer<UInt8>] = []

    init(_ items: [[UInt8]] = []) {
        buffers = items.map(Self.copy)
    }

    subscript(i: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(buffers[i]) }

    /// Adds `bytes` (from any thread) and returns them at their fixed address. Read added
    /// bytes through the returned buffer, not by number.
    func add(_ bytes: [UInt8]) -> UnsafeBufferPointer<UInt8> {
        let buffer = Self.copy(bytes)
        lock.lock()
        buffers.append(buffer)
        lock.unlock()
        return UnsafeBufferPointer(buffer)
    }

    private static func copy(_ bytes: [UInt8]) -> UnsafeMutableBufferPointer<UInt8> {
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, bytes.count))
        _ = buffer.initialize(from: bytes)
        return UnsafeMutableBufferPointer(rebasing: buffer[0..<bytes.count])
    }

    deinit { for b in buffers { b.baseAddress?.deallocate() } }
}
