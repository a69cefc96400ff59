import Foundation

/// What a build is done with but need not free: the command-line tool, which exits right after a
/// build, hands one to `SiteBuilder` and keeps it until the process ends, so a 20,000-page site's
/// link records and shared blocks are not released object by object on the main thread (the
/// kernel takes the address space back at once). Without one (tests, in-process builds, and the
/// tool under a leak checker) everything is released as usual.
public final class Leftovers: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: [Any] = []

    public init() {}

    func keep(_ value: Any) {
        lock.lock()
        kept.append(value)
        lock.unlock()
    }
}
