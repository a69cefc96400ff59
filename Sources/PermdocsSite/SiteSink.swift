public import PermdocsDiagnostics
import PermdocsSupport

/// Where rendered files go. Pages are rendered in parallel, so a sink accepts writes from any
/// thread. The site declares it and never looks further: `PermdocsWrite` conforms to it with
/// the atomic site writer, and the command line hands that to `SiteBuilder.render`.
public protocol SiteSink: Sendable {
    func write(_ file: OutputFile) throws(IOFailure)
}

/// Keeps the site in memory (tests, tools that post-process).
public final class MemorySink: SiteSink {
    private let storage = Locked<[String: [UInt8]]>([:])

    public init() {}

    public func write(_ file: OutputFile) throws(IOFailure) {
        storage.withLock { $0[file.path] = file.bytes }
    }

    /// Files by path.
    public var files: [String: [UInt8]] { storage.current }
}

/// Passes writes on to `base` and counts them (a build's closing message, `permdocs serve`).
public final class CountingSink: SiteSink {
    public let base: SiteSink
    private let written = Locked(0)

    public init(base: SiteSink) { self.base = base }

    public func write(_ file: OutputFile) throws(IOFailure) {
        try base.write(file)
        written.withLock { $0 += 1 }
    }

    /// Files written so far.
    public var count: Int { written.current }
}
