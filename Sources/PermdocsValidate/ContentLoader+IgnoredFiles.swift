import PermdocsDiagnostics
import PermdocsSupport

extension ContentLoader {
    /// A warning for each file of the procedures folder that looks like a procedure but is not
    /// read, as `ignored-article-file` does for articles: only `ID.yaml` and `ID.yml`, spelt
    /// so, are procedures (`x.YAML` would be read on one file system and not another), and
    /// hidden files (`.draft.yaml`) are drafts and editor state. Other files are skipped
    /// without a word.
    static func ignoredProcedureFiles(in folder: String) -> [Diagnostic] {
        guard let all = try? Paths.listAllEntries(folder) else { return [] }
        let names = Set(all.map(\.name))
        return all.compactMap { entry -> Diagnostic? in
            let name = entry.name
            guard !entry.isFolder, !name.hasPrefix(".#") else { return nil }
            let hidden = name.hasPrefix(".")
            let visible = hidden ? String(name.dropFirst()) : name
            guard let dot = visible.lastIndex(of: "."), dot != visible.startIndex else { return nil }
            let ext = String(visible[visible.index(after: dot)...])
            guard ["yaml", "yml"].contains(ext.lowercased()), hidden || !["yaml", "yml"].contains(ext) else { return nil }
            let wanted = visible[..<dot] + "." + ext.lowercased()
            let why =
                hidden
                ? "hidden files are drafts, backups and editor state"
                : "only names ending in '.yaml' or '.yml', in lowercase, are procedures, so the site is the same on every file system"
            let advice =
                names.contains(String(wanted)) ? "'\(wanted)' is read instead: merge the two" : "to publish it, name it '\(wanted)'"
            return .warning(
                CatalogRule.ignoredProcedureFile, "'\(name)' is not read as a procedure: \(why); \(advice)",
                at: SourceLocation(file: Paths.join(folder, name), line: 1, column: 1))
        }
    }
}
