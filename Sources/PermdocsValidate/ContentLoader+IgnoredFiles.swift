import PermdocsDiagnostics
import PermdocsSupport

extension ContentLoader {
    /// Files of the procedures folder not read as procedures (`IgnoredFiles`): only `ID.yaml`
    /// and `ID.yml`, spelt so, are; `x.YAML` and hidden `.draft.yaml` are warned about.
    static func ignoredProcedureFiles(in folder: String) -> [Diagnostic] {
        guard let all = try? Paths.listAllEntries(folder) else { return [] }
        let ignored = IgnoredFiles(
            read: ["yaml", "yml"], lookalike: ["yaml", "yml"], renamed: { $0.lowercased() }, spelling: "'.yaml' or '.yml'",
            kind: "procedure")
        return ignored.warnings(all, in: folder, rule: CatalogRule.ignoredProcedureFile)
    }
}
