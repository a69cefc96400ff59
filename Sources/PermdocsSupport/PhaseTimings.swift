import Foundation

/// `PERMDOCS_TIMINGS=1 permdocs build` prints the wall time of each phase to stderr.
public final class PhaseTimings: @unchecked Sendable {
    public init() {}

    public let enabled = ProcessInfo.processInfo.environment["PERMDOCS_TIMINGS"] == "1"
    var last = DispatchTime.now().uptimeNanoseconds

    public func mark(_ phase: String) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        StandardStreams.write(String(format: "permdocs: %7.3f s  %@\n", Double(now - last) / 1e9, phase), to: STDERR_FILENO)
        last = now
    }
}
