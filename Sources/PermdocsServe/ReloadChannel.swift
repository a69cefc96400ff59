import Foundation

/// What the open pages of `permdocs serve` are told after each build, over a long poll
/// (`/__permdocs/wait`): the build's number, whether it succeeded, and its errors as
/// `file:line:column: message` lines for the overlay.
public struct BuildStatus: Sendable, Equatable, Codable {
    /// Counts builds, failed ones too: a page reloads when a newer one succeeded.
    public var attempt: Int
    public var ok: Bool
    public var errors: [String]

    public init(attempt: Int, ok: Bool, errors: [String]) {
        self.attempt = attempt
        self.ok = ok
        self.errors = errors
    }
}

/// Hands each build's status to the pages waiting for it.
public actor ReloadChannel {
    public private(set) var status = BuildStatus(attempt: 0, ok: true, errors: [])
    private var waiters: [Int: CheckedContinuation<BuildStatus, Never>] = [:]
    private var nextWaiter = 0

    public init() {}

    /// Publishes a build's status (an older one than the current is dropped) and wakes every waiter.
    public func publish(_ new: BuildStatus) {
        guard new.attempt > status.attempt else { return }
        status = new
        let woken = waiters
        waiters = [:]
        for waiter in woken.values { waiter.resume(returning: new) }
    }

    /// The status once it is newer than build `since`, or the current one after `timeout`
    /// (the page asks again; no proxy or browser holds a request open for ever).
    public func wait(since: Int, timeout: Duration) async -> BuildStatus {
        if status.attempt != since { return status }
        let id = nextWaiter
        nextWaiter += 1
        return await withCheckedContinuation { continuation in
            waiters[id] = continuation
            Task {
                try? await Task.sleep(for: timeout)
                self.expire(id)
            }
        }
    }

    private func expire(_ id: Int) {
        waiters.removeValue(forKey: id)?.resume(returning: status)
    }
}
