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

    /// Regular files in `folder` with one of `extensions`, sorted by name; empty when the folder is absent.
    public static func listFiles(_ folder: String, extensions: Set<String>) throws(IOFailure) -> [String] {
        try listEntries(folder, extensions: extensions).map(\.name)
    }

    /// A directory entry: its name, and whether the directory says it is a plain file (not a
    /// symbolic link, or of unknown type), which lets `Containment` skip resolving its path.
    public struct Entry: Sendable {
        public var name: String
        public var isPlainFile: Bool
    }

    /// Like `listFiles`, with each entry's type from the directory itself (`readdir`'s `d_type`).
    public static func listEntries(_ folder: String, extensions: Set<String>) throws(IOFailure) -> [Entry] {
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
            guard name.utf8.first != 46, let dot = name.utf8.lastIndex(of: 46),
                  extensions.contains(String(name[name.utf8.index(after: dot)...])) else { continue }
            entries.append(Entry(name: name, isPlainFile: entry.pointee.d_type == UInt8(DT_REG)))
        }
        return entries.sorted { $0.name < $1.name }
    }
}

/// Keeps reads inside the folder the user named: a file whose real path (after every symbolic
/// link) lies outside its root is refused, so `content/articles/x.md -> /etc/passwd` or a
/// `templates/partials` link to `$HOME` cannot leak into a published site.
public enum Containment {
    /// nil when `path` resolves inside `root`; otherwise where it really leads.
    public static func escape(_ path: String, root: String) -> String? {
        guard let realRoot = realPath(root), let real = realPath(path) else { return nil }
        return real == realRoot || real.hasPrefix(realRoot + "/") ? nil : real
    }

    /// Containment for the files of one folder, resolving the folder once: a plain file (as the
    /// directory reports it) in a folder inside `root` is inside `root`; only symbolic links and
    /// entries of unknown type are resolved one by one.
    public struct Folder: Sendable {
        let root: String
        let folderInside: Bool

        public init(_ folder: String, root: String) {
            self.root = root
            folderInside = Containment.escape(folder, root: root) == nil
        }

        /// nil when `path` (the entry `entry` of this folder) resolves inside the root.
        public func escape(_ path: String, entry: Paths.Entry) -> String? {
            if folderInside && entry.isPlainFile { return nil }
            return Containment.escape(path, root: root)
        }
    }

    /// The located error for a file that leads outside `root`.
    public static func diagnostic(_ path: String, root: String, target: String) -> Diagnostic {
        .error("symlink-outside", "'\(path)' is a symbolic link to \(target), outside \(root); permdocs reads only files inside it",
               at: SourceLocation(file: path, line: 1, column: 1))
    }

    static func realPath(_ p: String) -> String? {
        guard let r = realpath(p, nil) else { return nil }
        defer { free(r) }
        return String(cString: r)
    }
}
