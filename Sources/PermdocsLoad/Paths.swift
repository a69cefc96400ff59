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
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { throw IOFailure("\(folder): expected a folder") }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
            throw IOFailure("\(folder): cannot list: \(error.localizedDescription)")
        }
        return names.filter { name in
            guard !name.hasPrefix("."), let dot = name.lastIndex(of: ".") else { return false }
            return extensions.contains(String(name[name.index(after: dot)...]))
        }.sorted()
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
