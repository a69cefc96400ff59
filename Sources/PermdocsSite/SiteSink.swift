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
