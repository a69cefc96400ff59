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
