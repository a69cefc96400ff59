import Foundation

/// Runs `body` for every index in `0..<count` on all cores and returns the results in index order,
/// so output never depends on scheduling. Work is handed out in small chunks from a shared counter.
public func parallelMap<T>(_ count: Int, workers: Int = ProcessInfo.processInfo.activeProcessorCount, _ body: (Int) -> T) -> [T] {
    if count == 0 { return [] }
    let results = UnsafeMutableBufferPointer<T>.allocate(capacity: count)
    defer { results.deallocate() }
    let chunk = max(1, min(64, count / (workers * 8)))
    let next = ChunkCounter()
    withoutActuallyEscaping(body) { body in
        let shared = UncheckedSendable((body, results))
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, (count + chunk - 1) / chunk))) { _ in
            let (body, results) = shared.value
            while true {
                let start = next.take(chunk)
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

/// Hands out consecutive index ranges to worker threads.
final class ChunkCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func take(_ n: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        let v = value
        value += n
        return v
    }
}

/// Read-only values shared with worker threads (dictionaries of `Any` for templates are built
/// before the parallel phase and never mutated during it).
public struct UncheckedSendable<T>: @unchecked Sendable {
    public let value: T
    public init(_ value: T) { self.value = value }
}
