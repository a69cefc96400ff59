import Foundation

/// A value shared between threads, reached only through its lock: the one lock wrapper of the
/// project (counters, caches, pools and sinks that pages write to from every core).
public final class Locked<Value>: @unchecked Sendable {
    // Reachable from inlined `withLock` in other modules, so callers get a specialized lock
    // (pages take a few per article); never touched directly.
    @usableFromInline let lock = NSLock()
    @usableFromInline var value: Value

    public init(_ value: Value) { self.value = value }

    /// Runs `body` with the value, under the lock. Keep `body` short: other threads wait.
    @inlinable
    public func withLock<R, E: Error>(_ body: (inout Value) throws(E) -> R) throws(E) -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }

    /// A copy of the value, read under the lock.
    @inlinable public var current: Value { withLock { $0 } }
}
