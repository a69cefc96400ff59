import Foundation

/// Matches a client path pattern against relative paths: `*` and `?` stay within one folder,
/// `**/` matches any number of folders. A pattern without wildcards is a plain path.
struct Glob {
    let pattern: String
    private let regex: NSRegularExpression?

    init(_ pattern: String) {
        self.pattern = pattern
        guard Self.hasWildcards(pattern) else {
            regex = nil
            return
        }
        var re = "^"
        var chars = Array(pattern)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "*" {
                if i + 1 < chars.count, chars[i + 1] == "*" {
                    if i + 2 < chars.count, chars[i + 2] == "/" {
                        re += "(?:.*/)?"
                        i += 3
                    } else {
                        re += ".*"
                        i += 2
                    }
                    continue
                }
                re += "[^/]*"
            } else if c == "?" {
                re += "[^/]"
            } else {
                re += NSRegularExpression.escapedPattern(for: String(c))
            }
            i += 1
        }
        re += "$"
        chars = []
        regex = try? NSRegularExpression(pattern: re)
    }

    static func hasWildcards(_ p: String) -> Bool { p.contains("*") || p.contains("?") }

    var isLiteral: Bool { regex == nil }

    func matches(_ path: String) -> Bool {
        guard let regex else { return path == pattern }
        return regex.firstMatch(in: path, range: NSRange(path.startIndex..., in: path)) != nil
    }

    /// The folder before the first wildcard, to walk as little of the tree as needed.
    var fixedPrefix: String {
        let parts = pattern.split(separator: "/", omittingEmptySubsequences: false)
        var fixed: [Substring] = []
        for part in parts.dropLast() {
            if Self.hasWildcards(String(part)) { break }
            fixed.append(part)
        }
        return fixed.joined(separator: "/")
    }
}

/// Lists regular files below a folder (relative paths, sorted), skipping version-control and
/// dependency folders. Symbolic links are not followed.
enum FileTree {
    static let skipped: Set<String> = [".git", ".hg", ".svn", "node_modules", ".build", "deps", "_build", "vendor"]

    static func files(under root: String, prefix: String) -> [String] {
        var out: [String] = []
        var stack = [prefix]
        while let rel = stack.popLast() {
            let dir = rel.isEmpty ? root : root + "/" + rel
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: dir) else { continue }
            for name in entries {
                let childRel = rel.isEmpty ? name : rel + "/" + name
                var info = stat()
                guard lstat(dir + "/" + name, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR where !skipped.contains(name): stack.append(childRel)
                case S_IFREG: out.append(childRel)
                default: break
                }
            }
        }
        return out.sorted()
    }
}
