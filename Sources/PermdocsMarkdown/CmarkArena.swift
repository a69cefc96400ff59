internal import CCmark
import PermdocsSupport
import Foundation

/// A bump allocator for one cmark document at a time: cmark's parser, its nodes, its inline
/// scratch buffers and `cmark_render_html`'s output all come out of one block of memory, and the
/// whole document is let go by moving one pointer back, instead of the few thousand small
/// `malloc`/`calloc`/`realloc`/`free` calls cmark makes per article.
///
/// cmark's `cmark_mem` is three plain C function pointers with no context argument, so `calloc`
/// finds the arena through a thread-local slot, set only while permdocs calls into cmark for a
/// document of this arena (`active`); `realloc` and `free` read it from the block's header. A document parsed with an arena must be rendered on a
/// thread where that arena is active too; `CommonMark.ArticleBody` does both.
///
/// Blocks are 16-byte aligned (as `malloc`'s) with a 16-byte header holding the size asked for,
/// which `realloc` needs to copy, and the arena the block belongs to. `realloc` of the newest block grows it in place (cmark's output
/// buffer grows that way while it renders), and `free` of the newest block takes it back (cmark's
/// short-lived inline scratch); every other `free` waits for `reset`.
final class CmarkArena {
    /// The first chunk, kept across documents; chunks added for a big document are freed by `reset`.
    private var state: UnsafeMutablePointer<State>
    /// The `cmark_mem` handed to cmark (its functions are the same for every arena).
    let mem: UnsafeMutablePointer<cmark_mem>

    struct State {
        var chunk: UnsafeMutableRawPointer  // the chunk being filled; its first word: the chunk before it
        var top: UnsafeMutableRawPointer  // next free byte, 16-aligned
        var end: UnsafeMutableRawPointer  // end of `chunk`
        var newest: UnsafeMutableRawPointer?  // the block last handed out, while it is the newest
        var first: UnsafeMutableRawPointer  // the chunk kept across documents
        var firstSize: Int
        /// Bytes taken from chunks since the last reset, for sizing the kept chunk.
        var used: Int
    }

    static let header = 16

    init(chunkSize: Int = 1 << 20) {
        _ = Self.keyCreated
        let size = max(chunkSize, 4096)
        let first = Self.newChunk(size, previous: nil)
        state = .allocate(capacity: 1)
        state.initialize(
            to: State(
                chunk: first, top: first + Self.header, end: first + size, newest: nil,
                first: first, firstSize: size, used: 0))
        mem = .allocate(capacity: 1)
        mem.initialize(to: cmark_mem(calloc: arenaCalloc, realloc: arenaRealloc, free: arenaFree))
    }

    deinit {
        Self.freeChunks(state, keepFirst: false)
        state.deallocate()
        mem.deallocate()
    }

    /// Runs `body` with this arena as the one cmark's allocations on this thread go to.
    @inline(__always)
    func active<R>(_ body: () throws -> R) rethrows -> R {
        let previous = pthread_getspecific(arenaKey)
        pthread_setspecific(arenaKey, UnsafeRawPointer(state))
        defer { pthread_setspecific(arenaKey, previous) }
        return try body()
    }

    /// Documents parsed into this arena and not yet gone (`ParsedDocument` counts itself).
    var liveDocuments = 0

    /// Lets go of every block: the document allocated here must be gone.
    func reset() {
        precondition(liveDocuments == 0, "permdocs: cmark arena reset under a live document")
        let s = state
        let used = s.pointee.used + (s.pointee.top - s.pointee.chunk)
        Self.freeChunks(s, keepFirst: true)
        if used > s.pointee.firstSize {
            // A document outgrew the first chunk: the next ones get one big enough.
            free(s.pointee.first)
            let size = used + used / 2
            s.pointee.first = Self.newChunk(size, previous: nil)
            s.pointee.firstSize = size
        }
        s.pointee.chunk = s.pointee.first
        s.pointee.top = s.pointee.first + Self.header
        s.pointee.end = s.pointee.first + s.pointee.firstSize
        s.pointee.newest = nil
        s.pointee.used = 0
    }

    /// Bytes handed out since the last reset (headers and alignment included), for tests.
    var bytesInUse: Int { state.pointee.used + (state.pointee.top - state.pointee.chunk) }

    // MARK: - Allocation (called by cmark through `mem`)

    @inline(__always)
    static func allocate(_ s: UnsafeMutablePointer<State>, _ size: Int) -> UnsafeMutableRawPointer {
        let need = header + (size + 15) & ~15
        if s.pointee.end - s.pointee.top < need { grow(s, need) }
        let block = s.pointee.top + header
        block.storeBytes(of: size, toByteOffset: -header, as: Int.self)
        block.storeBytes(of: UnsafeMutableRawPointer(s), toByteOffset: -header + 8, as: UnsafeMutableRawPointer.self)
        s.pointee.top += need
        s.pointee.newest = block
        return block
    }

    static func reallocate(_ s: UnsafeMutablePointer<State>, _ block: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer {
        guard let block else { return allocate(s, size) }
        let old = block.load(fromByteOffset: -header, as: Int.self)
        if block == s.pointee.newest {
            let end = block + (size + 15) & ~15
            if end <= s.pointee.end {
                block.storeBytes(of: size, toByteOffset: -header, as: Int.self)
                s.pointee.top = end
                return block
            }
        } else if size <= old {
            return block
        }
        let moved = allocate(s, size)
        moved.copyMemory(from: block, byteCount: min(old, size))
        return moved
    }

    @inline(__always)
    static func release(_ s: UnsafeMutablePointer<State>, _ block: UnsafeMutableRawPointer?) {
        guard let block, block == s.pointee.newest else { return }
        s.pointee.top = block - header
        s.pointee.newest = nil
    }

    private static func grow(_ s: UnsafeMutablePointer<State>, _ need: Int) {
        let size = max(need + header, s.pointee.firstSize)
        s.pointee.used += s.pointee.top - s.pointee.chunk
        let chunk = newChunk(size, previous: s.pointee.chunk)
        s.pointee.chunk = chunk
        s.pointee.top = chunk + header
        s.pointee.end = chunk + size
        s.pointee.newest = nil
    }

    private static func newChunk(_ size: Int, previous: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer {
        // 16-aligned like malloc's blocks; cmark aborts when its allocator fails, and so do we.
        guard let chunk = malloc(size) else { fatalError("permdocs: out of memory (cmark arena, \(size) bytes)") }
        chunk.storeBytes(of: previous, as: UnsafeMutableRawPointer?.self)
        return chunk
    }

    private static func freeChunks(_ s: UnsafeMutablePointer<State>, keepFirst: Bool) {
        var chunk: UnsafeMutableRawPointer? = s.pointee.chunk
        while let c = chunk {
            chunk = c.load(as: UnsafeMutableRawPointer?.self)
            if c == s.pointee.first && keepFirst { continue }
            free(c)
        }
    }

    /// Creates the thread-local slot once, before any arena can be active.
    private static let keyCreated: Bool = {
        precondition(pthread_key_create(&arenaKey, nil) == 0, "permdocs: no thread-local slot for the cmark arena")
        return true
    }()

    /// The arena state a block was allocated from (its header's second word).
    @inline(__always)
    static func owner(of block: UnsafeMutableRawPointer) -> UnsafeMutablePointer<State> {
        block.load(fromByteOffset: -header + 8, as: UnsafeMutableRawPointer.self).assumingMemoryBound(to: State.self)
    }

    @inline(__always)
    static func current() -> UnsafeMutablePointer<State> {
        guard let raw = pthread_getspecific(arenaKey) else {
            fatalError("permdocs: cmark allocated outside its arena's active scope")
        }
        return raw.assumingMemoryBound(to: State.self)
    }
}

/// The thread-local slot that holds the active arena's state. Written once by
/// `CmarkArena.keyCreated` before the first arena exists, read by every allocation cmark makes:
/// a plain global (statically initialized) so reading it costs no lazy-initialization check.
/// No dynamic exclusivity check either: it is written once, before any reader exists.
@exclusivity(unchecked) nonisolated(unsafe) private var arenaKey = pthread_key_t()

private let arenaCalloc: @convention(c) (Int, Int) -> UnsafeMutableRawPointer? = { count, size in
    let (bytes, overflow) = count.multipliedReportingOverflow(by: size)
    if overflow { fatalError("permdocs: cmark asked for \(count) × \(size) bytes") }
    let block = CmarkArena.allocate(CmarkArena.current(), bytes)
    memset(block, 0, bytes)
    return block
}

// A block names its arena in its header: `realloc` and `free` need no thread-local lookup.
private let arenaRealloc: @convention(c) (UnsafeMutableRawPointer?, Int) -> UnsafeMutableRawPointer? = { block, size in
    CmarkArena.reallocate(block.map(CmarkArena.owner) ?? CmarkArena.current(), block, size)
}

private let arenaFree: @convention(c) (UnsafeMutableRawPointer?) -> Void = { block in
    guard let block else { return }
    CmarkArena.release(CmarkArena.owner(of: block), block)
}

/// Arenas for the threads that render pages: a job takes one, renders its document, and gives
/// it back reset. As many arenas exist as jobs ran at once (one per core).
final class CmarkArenaPool: Sendable {
    private let idle = Locked<[CmarkArena]>([])

    func withArena<R>(_ body: (CmarkArena) throws -> R) rethrows -> R {
        let arena = idle.withLock { $0.popLast() } ?? CmarkArena()
        defer {
            arena.reset()
            idle.withLock { $0.append(arena) }
        }
        return try body(arena)
    }
}
