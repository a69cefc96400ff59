public import PermdocsDiagnostics

/// Files of a content folder that look like its content but are not read, each a warning
/// saying why and under which name it would be (`ignored-article-file`,
/// `ignored-procedure-file`). Only the exact spellings a loader reads count: names are
/// case-sensitive on Linux and not on macOS or Windows, so reading `x.MD` too would let one
/// checkout publish what another does not. Hidden files (`.draft.md`) are drafts, backups and
/// editor state, never read; Emacs' `.#NAME` lock links and files of other kinds are skipped
/// without a word.
public struct IgnoredFiles: Sendable {
    /// The extensions the loader reads, exactly as spelt (`md`; `yaml`, `yml`).
    public var read: Set<String>
    /// Lowercased extensions of files that look like content (`markdown`, `mdown`, …).
    public var lookalike: Set<String>
    /// The extension to rename a look-alike to, given its own.
    public var renamed: @Sendable (String) -> String
    /// `'.md'`; `'.yaml' or '.yml'`.
    public var spelling: String
    /// `article`, `procedure`.
    public var kind: String

    public init(read: Set<String>, lookalike: Set<String>, renamed: @escaping @Sendable (String) -> String, spelling: String, kind: String)
    {
        (self.read, self.lookalike, self.renamed, self.spelling, self.kind) = (read, lookalike, renamed, spelling, kind)
    }

    /// A warning (`rule`) for each entry of `all` (the listing of `folder`) that is not read.
    public func warnings(_ all: [Paths.Entry], in folder: String, rule: some Rule) -> [Diagnostic] {
        var found: [Diagnostic] = []
        // Looked at only when a file is warned about (a 20,000-article folder has none).
        lazy var names = Set(all.map(\.name))
        for entry in all where !entry.isFolder && !entry.name.hasPrefix(".#") {
            let name = entry.name
            let hidden = name.hasPrefix(".")
            let visible = hidden ? String(name.dropFirst()) : name
            guard let dot = visible.lastIndex(of: "."), dot != visible.startIndex else { continue }
            let ext = String(visible[visible.index(after: dot)...])
            guard lookalike.contains(ext.lowercased()), hidden || !read.contains(ext) else { continue }
            let wanted = visible[..<dot] + "." + renamed(ext)
            let why =
                hidden
                ? "hidden files are drafts, backups and editor state"
                : "only names ending in \(spelling), in lowercase, are \(kind)s, so the site is the same on every file system"
            let advice =
                names.contains(String(wanted)) ? "'\(wanted)' is read instead: merge the two" : "to publish it, name it '\(wanted)'"
            found.append(
                .warning(
                    rule,
                    "'\(name)' is not read as a\(kind.first.map { "aeiou".contains($0) } == true ? "n" : "") \(kind): \(why); \(advice)",
                    at: SourceLocation(file: Paths.join(folder, name), line: 1, column: 1)))
        }
        return found
    }
}
