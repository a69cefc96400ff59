import Foundation

/// A client path pattern with gitignore/shell semantics (README "Scope drift", "Client paths"):
/// `{a,b}` expands first (nested braces too); then the pattern is split at `/` and each segment is
/// matched against one file or folder name with `fnmatch(3)`, so `*` and `?` never cross a `/`,
/// `[a-z]`, `[!a-z]` and `\*` work as in the shell, and `*` matches names starting with a dot. A
/// segment that is exactly `**` matches zero or more folders; `**` inside a segment is a plain `*`.
///
/// Only `**` walks folders it was not told about, so only `**` skips `FileTree.skipped` (`vendor`,
/// `deps`, `_build`, `node_modules` and version-control and build folders): a pattern that names
/// such a folder (`vendor/workers/*.py`, `*/scopes.py` matching `vendor/scopes.py`) reads it.
/// Symbolic links are not followed; only regular files match.
package struct Glob {
    package let pattern: String
    /// The brace alternatives, each as its segments.
    private let alternatives: [[Segment]]

    package enum Segment: Equatable {
        case name(String)
        case pattern(String)
        case globstar
    }

    package init(_ pattern: String) {
        self.pattern = pattern
        alternatives = Self.expandBraces(pattern).map { alternative in
            alternative.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }.map { part in
                let s = String(part)
                if s == "**" { return .globstar }
                if Self.hasWildcards(s) { return .pattern(Self.collapseStars(s)) }
                return .name(Self.unescape(s))
            }
        }
    }

    /// True when `p` holds a metacharacter that is not escaped with `\`.
    package static func hasWildcards(_ p: String) -> Bool {
        var escaped = false
        for c in p {
            if escaped {
                escaped = false
                continue
            }
            if c == "\\" {
                escaped = true
                continue
            }
            if c == "*" || c == "?" || c == "[" || c == "{" { return true }
        }
        return false
    }

    /// A plain path: the caller checks that the file exists instead of listing folders. A pattern
    /// with an escape (`star\*.py`) is matched, so the escape is read as one.
    package var isLiteral: Bool { !Self.hasWildcards(pattern) && !pattern.contains("\\") }

    /// True when the relative `path` matches, by name only (no skip list, no file system).
    package func matches(_ path: String) -> Bool {
        let names = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        return alternatives.contains { Self.match($0[...], names[...]) }
    }

    private static func match(_ segments: ArraySlice<Segment>, _ names: ArraySlice<String>) -> Bool {
        guard let first = segments.first else { return names.isEmpty }
        let rest = segments.dropFirst()
        switch first {
        case .globstar:
            if rest.isEmpty { return !names.isEmpty }
            var tail = names
            while true {
                if match(rest, tail) { return true }
                guard !tail.isEmpty else { return false }
                tail = tail.dropFirst()
            }
        case .name(let n):
            guard let name = names.first, name == n else { return false }
            return match(rest, names.dropFirst())
        case .pattern(let p):
            guard let name = names.first, fnmatch(p, name, 0) == 0 else { return false }
            return match(rest, names.dropFirst())
        }
    }

    /// The regular files below `root` that match, as sorted relative paths.
    package func files(under root: String) -> [String] {
        var found = Set<String>()
        for segments in alternatives where !segments.isEmpty {
            walk(segments[...], rel: "", root: root, into: &found)
        }
        return found.sorted()
    }

    private func walk(_ segments: ArraySlice<Segment>, rel: String, root: String, into found: inout Set<String>) {
        guard let first = segments.first else { return }
        let rest = segments.dropFirst()
        func visit(_ name: String, kind: FileTree.Kind) {
            let child = rel.isEmpty ? name : rel + "/" + name
            if rest.isEmpty {
                if kind == .file { found.insert(child) }
            } else if kind == .folder {
                walk(rest, rel: child, root: root, into: &found)
            }
        }
        switch first {
        case .name(let name):
            visit(name, kind: FileTree.kind(of: FileTree.join(root, rel.isEmpty ? name : rel + "/" + name)))
        case .pattern(let p):
            for (name, kind) in FileTree.entries(root: root, rel: rel) where fnmatch(p, name, 0) == 0 {
                visit(name, kind: kind)
            }
        case .globstar:
            if rest.isEmpty {
                // `dir/**`: every file below, at any depth.
                found.formUnion(FileTree.files(under: root, prefix: rel))
                return
            }
            // Zero folders, then one more folder at a time (skipping FileTree.skipped).
            walk(rest, rel: rel, root: root, into: &found)
            for (name, kind) in FileTree.entries(root: root, rel: rel) where kind == .folder && !FileTree.skipped.contains(name) {
                walk(segments, rel: rel.isEmpty ? name : rel + "/" + name, root: root, into: &found)
            }
        }
    }

    /// `a/**b/c` is `a/*b/c`, as in gitignore: consecutive stars inside a segment are one star.
    private static func collapseStars(_ s: String) -> String {
        var out = ""
        for c in s where !(c == "*" && out.hasSuffix("*") && !out.hasSuffix("\\*")) { out.append(c) }
        return out
    }

    private static func unescape(_ s: String) -> String {
        guard s.contains("\\") else { return s }
        var out = ""
        var escaped = false
        for c in s {
            if !escaped && c == "\\" {
                escaped = true
                continue
            }
            escaped = false
            out.append(c)
        }
        return out
    }

    /// Shell brace expansion: `src/{a,b}/{x,y}.py` → four patterns, left to right; nested braces
    /// expand too. A brace without a top-level comma, or unclosed, stays literal (for fnmatch's
    /// `[...]` or the name itself), as in bash.
    package static func expandBraces(_ p: String) -> [String] {
        let chars = Array(p)
        var i = 0
        while i < chars.count {
            if chars[i] == "\\" {
                i += 2
                continue
            }
            if chars[i] == "{" {
                var depth = 0
                var commas: [Int] = []
                var j = i
                var close: Int?
                while j < chars.count {
                    let c = chars[j]
                    if c == "\\" {
                        j += 2
                        continue
                    }
                    if c == "{" { depth += 1 }
                    if c == "}" {
                        depth -= 1
                        if depth == 0 {
                            close = j
                            break
                        }
                    }
                    if c == "," && depth == 1 { commas.append(j) }
                    j += 1
                }
                if let close, !commas.isEmpty {
                    let head = String(chars[..<i])
                    let tail = String(chars[(close + 1)...])
                    let bounds = [i] + commas + [close]
                    var out: [String] = []
                    for k in 0..<(bounds.count - 1) {
                        let option = String(chars[(bounds[k] + 1)..<bounds[k + 1]])
                        out += expandBraces(head + option + tail)
                    }
                    return out
                }
            }
            i += 1
        }
        return [p]
    }
}

/// Folder listings for `Glob`. Symbolic links are neither followed nor matched.
package enum FileTree {
    /// Folders `**` does not enter (a pattern that names one still reads it): dependencies, build
    /// output and version control.
    package static let skipped: Set<String> = [".git", ".hg", ".svn", "node_modules", ".build", "deps", "_build", "vendor"]

    package enum Kind { case file, folder, other }

    package static func join(_ root: String, _ rel: String) -> String { rel.isEmpty ? root : root + "/" + rel }

    package static func kind(of path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .other }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .folder
        case S_IFREG: return .file
        default: return .other
        }
    }

    /// The entries of folder `rel` below `root`, sorted by name.
    package static func entries(root: String, rel: String) -> [(String, Kind)] {
        let dir = join(root, rel)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return [] }
        return names.sorted().map { ($0, kind(of: dir + "/" + $0)) }
    }

    /// Regular files below folder `prefix` (relative paths, sorted), skipping `skipped` folders.
    package static func files(under root: String, prefix: String) -> [String] {
        var out: [String] = []
        var stack = [prefix]
        while let rel = stack.popLast() {
            for (name, kind) in entries(root: root, rel: rel) {
                let childRel = rel.isEmpty ? name : rel + "/" + name
                switch kind {
                case .folder where !skipped.contains(name): stack.append(childRel)
                case .file: out.append(childRel)
                default: break
                }
            }
        }
        return out.sorted()
    }
}
