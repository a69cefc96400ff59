public import PermdocsDiagnostics
import Foundation

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
        .error(
            InputRule.symlinkOutside, "'\(path)' is a symbolic link to \(target), outside \(root); permdocs reads only files inside it",
            at: SourceLocation(file: path, line: 1, column: 1))
    }

    static func realPath(_ p: String) -> String? {
        guard let r = realpath(p, nil) else { return nil }
        defer { free(r) }
        return String(cString: r)
    }
}
