import Foundation
import PermdocsSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Waits for files under some folders to change. `next` blocks until at least one file was
/// written, created, renamed or removed, lets a burst of changes settle (an editor's save is
/// often a write, a rename and a delete), and returns the changed paths, sorted.
///
/// Hidden files and editor leftovers (`.x.swp`, `x~`, `4913`, Emacs' `#x#`, JetBrains'
/// `x___jb_tmp___`) are not changes: they are no content, and an editor writes them on every
/// keystroke. (A hidden article draft is warned about at the next build that lists the folder.)
public protocol FileWatcher: AnyObject {
    func next() -> [String]
}

enum WatchedNames {
    /// Whether a change to a file named `name` can change the site.
    static func matters(_ name: String) -> Bool {
        !(name.hasPrefix(".") || name.hasSuffix("~") || name == "4913" || name.hasSuffix(".swp") || name.hasSuffix(".swx")
            || (name.hasPrefix("#") && name.hasSuffix("#")) || name.hasSuffix("___jb_tmp___") || name.hasSuffix("___jb_old___"))
    }

    /// Whether `path` names a file (by its extension) that is not there now.
    static func isMissingFile(_ path: String) -> Bool {
        var info = stat()
        return Paths.lastComponent(path).contains(".") && lstat(path, &info) != 0
    }

    /// Every folder under `root` (itself included), hidden ones skipped. Symbolic links to
    /// folders are followed, as the build follows them (`content -> ../docs/content`), each real
    /// folder once (a link loop ends there); an entry of unknown type (some network and FUSE
    /// file systems) is looked at with `stat`.
    static func folders(under root: String) -> [String] {
        var result: [String] = []
        var seen: Set<[UInt64]> = []
        var stack = [root]
        while let folder = stack.popLast() {
            var info = stat()
            guard stat(folder, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR,
                seen.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted
            else { continue }
            result.append(folder)
            // Folders, and what may be one: a symbolic link or an entry of unknown type.
            for entry in (try? Paths.listAllEntries(folder)) ?? [] where !entry.name.hasPrefix(".") && !entry.isPlainFile {
                stack.append(folder + "/" + entry.name)
            }
        }
        return result.sorted()
    }
}

#if os(Linux)
    /// Linux's inotify: one watch per folder (inotify is not recursive), added for folders
    /// created later too. The kernel queues events while a build runs, so nothing saved during a
    /// build is missed.
    public final class InotifyWatcher: FileWatcher {
        private let fd: Int32
        private let roots: [String]
        private var folders: [Int32: String] = [:]
        /// How long a burst of changes may go quiet before the build starts.
        let settle: Int32

        private static let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_DELETE_SELF)

        /// Nil when the system gives no inotify instance (then poll: `PollingWatcher`).
        public init?(roots: [String], settleMilliseconds: Int32 = 5) {
            fd = inotify_init1(Int32(IN_CLOEXEC))
            guard fd >= 0 else { return nil }
            self.roots = roots
            settle = settleMilliseconds
            for root in roots {
                for folder in WatchedNames.folders(under: root) { add(folder) }
            }
            if folders.isEmpty {
                close(fd)
                return nil
            }
        }

        deinit { close(fd) }

        private func add(_ folder: String) {
            let wd = inotify_add_watch(fd, folder, Self.mask)
            if wd >= 0 { folders[wd] = folder }
        }

        public func next() -> [String] {
            var changed: Set<String> = []
            var extra = 0
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                // Block for the first event, then take what follows until `settle` passes quietly.
                var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let ready = poll(&poller, 1, changed.isEmpty ? -1 : settle)
                if ready < 0 {
                    if errno == EINTR { continue }
                    return changed.sorted()
                }
                if ready == 0 {
                    // An editor that saves by renaming (the file away, then a new one in its
                    // place) can be caught in between: wait up to 50 ms more for it to be back.
                    if extra < 10, changed.contains(where: { WatchedNames.isMissingFile($0) }) {
                        extra += 1
                        continue
                    }
                    return changed.sorted()
                }
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n <= 0 { continue }
                changed.formUnion(events(in: buffer, count: n))
            }
        }

        /// The paths of the events in the first `count` bytes of `buffer`.
        private func events(in buffer: [UInt8], count: Int) -> [String] {
            var paths: [String] = []
            var offset = 0
            let header = MemoryLayout<inotify_event>.size
            buffer.withUnsafeBytes { raw in
                while offset + header <= count {
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    if event.mask & UInt32(IN_Q_OVERFLOW) != 0 {
                        // The kernel's queue overflowed (thousands of changes at once, a
                        // `git checkout`): which files changed is lost, so every root did, and
                        // folders made meanwhile are watched now.
                        paths += roots
                        for root in roots { for folder in WatchedNames.folders(under: root) { add(folder) } }
                        offset += header + Int(event.len)
                        continue
                    }
                    let nameBytes = raw[(offset + header)..<min(count, offset + header + Int(event.len))]
                    let name = String(decoding: nameBytes.prefix(while: { $0 != 0 }), as: UTF8.self)
                    offset += header + Int(event.len)
                    guard let folder = folders[event.wd] else { continue }
                    if event.mask & UInt32(IN_IGNORED) != 0 {
                        folders[event.wd] = nil
                        continue
                    }
                    if name.isEmpty {
                        paths.append(folder)
                        continue
                    }
                    guard WatchedNames.matters(name) else { continue }
                    let path = folder + "/" + name
                    if event.mask & UInt32(IN_ISDIR) != 0, event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                        // A new folder: watch it and everything already in it.
                        for sub in WatchedNames.folders(under: path) { add(sub) }
                    }
                    paths.append(path)
                }
            }
            return paths
        }
    }
#endif

/// Looks at every file's size, modification time and inode every `interval`: for systems without
/// inotify, and `permdocs serve --poll` (network file systems, containers whose mounts give no events).
public final class PollingWatcher: FileWatcher {
    let roots: [String]
    let interval: Double
    private var snapshot: [String: [Int]]

    public init(roots: [String], interval: Double = 0.25) {
        self.roots = roots
        self.interval = interval
        snapshot = Self.scan(roots)
    }

    public func next() -> [String] {
        while true {
            Thread.sleep(forTimeInterval: interval)
            let now = Self.scan(roots)
            let changed = Set(now.keys).union(snapshot.keys).filter { now[$0] != snapshot[$0] }
            snapshot = now
            if !changed.isEmpty { return changed.sorted() }
        }
    }

    /// Every file under the roots with its inode, size and modification time.
    static func scan(_ roots: [String]) -> [String: [Int]] {
        var files: [String: [Int]] = [:]
        for root in roots {
            for folder in WatchedNames.folders(under: root) {
                for entry in (try? Paths.listAllEntries(folder)) ?? [] where WatchedNames.matters(entry.name) {
                    var info = stat()
                    let path = folder + "/" + entry.name
                    guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
                    files[path] = [Int(info.st_ino), Int(info.st_size), Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec)]
                }
            }
        }
        return files
    }
}
