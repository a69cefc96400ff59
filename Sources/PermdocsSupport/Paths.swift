public import PermdocsDiagnostics
import Foundation

/// Small path helpers; permdocs keeps paths as the user typed them so diagnostics stay clickable.
public enum Paths {
    public static func trimmingTrailingSlashes(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
        return String(p)
    }

    public static func join(_ folder: String, _ name: String) -> String {
        folder == "." ? name : (folder.hasSuffix("/") ? folder + name : folder + "/" + name)
    }

    // Path splitting without NSString's path methods (Foundation on Linux traps on some
    // one-letter paths in `deletingLastPathComponent`).

    /// "a/b/c" → "a/b"; "c" → "."; "/c" → "/".
    public static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// The real path of `path`, or, when it does not exist yet, the real path of its nearest
    /// existing ancestor with the rest appended (`.` and `..` applied): where a write would land,
    /// however the path is spelled.
    public static func resolved(_ path: String) -> String {
        var missing: [String] = []
        var p = trimmingTrailingSlashes(path)
        while true {
            if let r = realpath(p, nil) {
                defer { free(r) }
                var base = String(cString: r)
                for part in missing.reversed() {
                    switch part {
                    case "", ".": continue
                    case "..": base = parent(base)
                    default: base = base == "/" ? "/" + part : base + "/" + part
                    }
                }
                return base
            }
            let up = parent(p)
            if up == p { return path }
            missing.append(lastComponent(p))
            p = up
        }
    }

    /// Whether `path` (resolved) is `folder` (resolved) or lies inside it; false when `folder` does not exist.
    public static func isWithin(_ path: String, _ folder: String) -> Bool {
        guard let r = realpath(folder, nil) else { return false }
        defer { free(r) }
        let real = String(cString: r)
        let target = resolved(path)
        return target == real || target.hasPrefix(real == "/" ? "/" : real + "/")
    }

    /// "a/b/c" → "c".
    public static func lastComponent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// Regular files in `folder` with one of `extensions`, sorted by name; empty when the folder is absent.
    public static func listFiles(_ folder: String, extensions: Set<String>) throws(IOFailure) -> [String] {
        try listEntries(folder, extensions: extensions).map(\.name)
    }

    /// A directory entry: its name, and whether the directory says it is a plain file (not a
    /// symbolic link, or of unknown type), which lets `Containment` skip resolving its path.
    public struct Entry: Sendable {
        public var name: String
        public var isPlainFile: Bool
        /// Whether the directory says it is a folder.
        public var isFolder = false

        public init(name: String, isPlainFile: Bool, isFolder: Bool = false) {
            self.name = name
            self.isPlainFile = isPlainFile
            self.isFolder = isFolder
        }
    }

    /// Every entry of `folder` but `.` and `..`, hidden ones included, sorted by name; empty when
    /// the folder is absent. For telling authors about files a loader does not read.
    public static func listAllEntries(_ folder: String) throws(IOFailure) -> [Entry] {
        try listEntries(folder) { _ in true }
    }

    /// Like `listFiles`, with each entry's type from the directory itself (`readdir`'s `d_type`).
    public static func listEntries(_ folder: String, extensions: Set<String>) throws(IOFailure) -> [Entry] {
        try listEntries(folder) { name in
            guard name.utf8.first != UInt8(ascii: "."), let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")) else { return false }
            return extensions.contains(String(name[name.utf8.index(after: dot)...]))
        }
    }

    private static func listEntries(_ folder: String, where include: (String) -> Bool) throws(IOFailure) -> [Entry] {
        var info = stat()
        guard stat(folder, &info) == 0 else {
            if errno == ENOENT { return [] }
            throw IOFailure("\(folder): cannot list: \(String(cString: strerror(errno)))")
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { throw IOFailure("\(folder): expected a folder") }
        guard let dir = opendir(folder) else {
            throw IOFailure("\(folder): cannot list: \(String(cString: strerror(errno)))")
        }
        defer { closedir(dir) }
        var entries: [Entry] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard name != ".", name != "..", include(name) else { continue }
            entries.append(
                Entry(name: name, isPlainFile: entry.pointee.d_type == UInt8(DT_REG), isFolder: entry.pointee.d_type == UInt8(DT_DIR)))
        }
        return entries.sorted { $0.name < $1.name }
    }
}
