import Foundation

/// Paths in machine-readable output: relative to a root (the client root for client findings, the
/// content folder for catalog findings), or to the working folder (the repository, for SARIF and
/// GitHub annotations).
public struct FindingPaths: Sendable {
    /// Roots to make `file` relative to, most specific first.
    public var roots: [String]

    public init(roots: [String]) {
        self.roots = roots.map { Self.clean($0) }.filter { !$0.isEmpty && $0 != "." }
    }

    public func relative(_ file: String) -> String {
        let f = Self.clean(file)
        for root in roots where f.hasPrefix(root + "/") {
            return String(f.dropFirst(root.count + 1))
        }
        return f
    }

    /// Relative to the working folder when possible: what GitHub and SARIF expect.
    public static func repositoryRelative(_ file: String) -> String {
        let f = clean(file)
        if f.hasPrefix("/") {
            let cwd = FileManager.default.currentDirectoryPath
            if f.hasPrefix(cwd + "/") { return String(f.dropFirst(cwd.count + 1)) }
        }
        return f
    }

    static func clean(_ p: String) -> String {
        var s = Substring(p)
        while s.hasPrefix("./") { s = s.dropFirst(2) }
        while s.count > 1, s.hasSuffix("/") { s = s.dropLast() }
        return String(s)
    }
}
