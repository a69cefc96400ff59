import Foundation

/// Runs `body` for every index in `0..<count` on all cores and returns the results in index order,
/// so output never depends on scheduling. Work is handed out in small chunks from a shared counter.
public func parallelMap<T>(_ count: Int, workers: Int = ProcessInfo.processInfo.activeProcessorCount, _ body: (Int) -> T) -> [T] {
    if count == 0 { return [] }
    let results = UnsafeMutableBufferPointer<T>.allocate(capacity: count)
    defer { results.deallocate() }
    let chunk = max(1, min(64, count / (workers * 8)))
    // The next index to hand out: consecutive ranges of `chunk` go to whichever thread asks.
    let next = Locked(0)
    withoutActuallyEscaping(body) { body in
        let shared = UncheckedSendable((body, results))
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, (count + chunk - 1) / chunk))) { _ in
            let (body, results) = shared.value
            while true {
                let start = next.withLock { n in
                    defer { n += chunk }
                    return n
                }
                if start >= count { break }
                for i in start..<min(count, start + chunk) {
                    (results.baseAddress! + i).initialize(to: body(i))
                }
            }
        }
    }
    let array = Array(results)
    _ = results.baseAddress.map { $0.deinitialize(count: count) }
    return array
}

/// Read-only values shared with worker threads: built before a parallel pass and never mutated
/// during it.
public struct UncheckedSendable<T>: @unchecked Sendable {
    public let value: T
    public init(_ value: T) { self.value = value }
}
