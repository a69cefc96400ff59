import Foundation
public import PermdocsDiagnostics

/// Where rendered files go. Pages are rendered in parallel, so a sink accepts writes from any
/// thread.
public protocol SiteSink: Sendable {
    func write(_ file: OutputFile) throws(IOFailure)
}

/// Keeps the site in memory (tests, tools that post-process).
public final class MemorySink: SiteSink, @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String: [UInt8]] = [:]

    public init() {}

    public func write(_ file: OutputFile) throws(IOFailure) {
        lock.lock()
        defer { lock.unlock() }
        storage[file.path] = file.bytes
    }

    /// Files by path.
    public var files: [String: [UInt8]] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
