public import PermdocsDiagnostics
public import PermdocsModel
import PermdocsLoad
import PermdocsSupport
import Foundation

/// Loads `permissions.yaml` and `procedures/*.yaml` from a content folder, decodes them and runs the
/// validation rules. Findings come back as values; only I/O failures (a missing folder, an unreadable
/// file) are thrown, and the CLI maps those to exit code 2.
public enum ContentLoader {
    public static let catalogFile = "permissions.yaml"
    public static let proceduresFolder = "procedures"
    public static let changesFile = "changes.yaml"

    public struct Result: Sendable {
        /// Nil when the catalog could not be read into a model at all.
        public var content: Content?
        public var diagnostics: Diagnostics
    }

    /// `reference` is evaluated once, on a worker while the YAML files load (`.shared` parses
    /// the bundled Graph data the first time).
    public static func load(
        folder rawFolder: String, loader: YAMLLoader = YAMLLoader(),
        reference: @autoclosure () -> GraphReference = .shared
    ) throws(IOFailure) -> Result {
        let folder = Paths.trimmingTrailingSlashes(rawFolder)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw IOFailure("\(folder): content folder not found")
        }
        var diagnostics = Diagnostics()

        let catalogPath = Paths.join(folder, catalogFile)
        if let target = Containment.escape(catalogPath, root: folder) {
            diagnostics.append(Containment.diagnostic(catalogPath, root: folder, target: target))
            return Result(content: nil, diagnostics: diagnostics)
        }
        let proceduresPath = Paths.join(folder, proceduresFolder)
        let listing: Swift.Result<[Paths.Entry], IOFailure> = Swift.Result { () throws(IOFailure) in
            try Paths.listEntries(proceduresPath, extensions: ["yaml", "yml"])
        }
        let entries = (try? listing.get()) ?? []
        diagnostics.append(contentsOf: ignoredProcedureFiles(in: proceduresPath))
        let containment = Containment.Folder(proceduresPath, root: folder)

        // Everything loads on all cores at once: job 0 the catalog, job 1 the Graph reference
        // data, then one job per procedure file; results come back in this order.
        enum Loaded {
            case catalog(Catalog?, yaml: [Diagnostic], decoding: [Diagnostic])
            case procedure(Procedure?, [Diagnostic])
            case reference(GraphReference)
            case failure(IOFailure)
        }
        let loaded: [Loaded] = parallelMap(2 + entries.count) { job in
            if job == 1 { return .reference(reference()) }
            do throws(IOFailure) {
                if job == 0 {
                    let document = try loader.load(contentsOf: catalogPath)
                    var reader = NodeReader()
                    let catalog = document.root.flatMap { CatalogDecoder.decode($0, file: catalogPath, into: &reader) }
                    return .catalog(catalog, yaml: document.diagnostics, decoding: reader.diagnostics.all)
                }
                let name = entries[job - 2].name
                let file = Paths.join(proceduresPath, name)
                let stem = String(name[..<(name.lastIndex(of: ".") ?? name.endIndex)])
                let idLocation = SourceLocation(file: file, line: 1, column: 1)
                if let target = containment.escape(file, entry: entries[job - 2]) {
                    return .procedure(nil, [Containment.diagnostic(file, root: folder, target: target)])
                }
                let doc = try loader.load(contentsOf: file)
                guard let root = doc.root else { return .procedure(nil, doc.diagnostics) }
                var reader = NodeReader()
                let p = ProcedureDecoder.decode(root, id: Located(stem, at: idLocation), file: file, into: &reader)
                return .procedure(p, doc.diagnostics + reader.diagnostics.all)
            } catch {
                return .failure(error)
            }
        }
        // Failures in the order a sequential load meets them: the catalog, the folder, a file.
        var catalog: Catalog?
        var catalogDecoding: [Diagnostic] = []
        if case .failure(let failure) = loaded[0] { throw failure }
        if case .catalog(let c, let yaml, let decoding) = loaded[0] {
            catalog = c
            diagnostics.append(contentsOf: yaml)
            catalogDecoding = decoding
        }
        _ = try listing.get()
        guard case .reference(let graph) = loaded[1] else { preconditionFailure("job 1 is the Graph reference") }
        var procedures: [Procedure] = []
        var procedureDiagnostics: [Diagnostic] = []
        for result in loaded.dropFirst(2) {
            switch result {
            case .failure(let failure): throw failure
            case .procedure(let p, let found):
                procedureDiagnostics.append(contentsOf: found)
                if let p { procedures.append(p) }
            case .catalog, .reference: break
            }
        }
        procedures.sort { $0.id.value < $1.id.value }
        diagnostics.append(contentsOf: catalogDecoding)
        diagnostics.append(contentsOf: procedureDiagnostics)

        guard let catalog else { return Result(content: nil, diagnostics: diagnostics) }
        let changes = try loadChanges(folder: folder, loader: loader, into: &diagnostics)
        let content = Content(folder: folder, catalog: catalog, procedures: procedures, changes: changes)
        diagnostics.append(contentsOf: ContentValidator(reference: graph).validate(content))
        return Result(content: content, diagnostics: diagnostics)
    }

    /// `changes.yaml` is optional: without it nothing is held to a log.
    static func loadChanges(folder: String, loader: YAMLLoader, into diagnostics: inout Diagnostics) throws(IOFailure) -> ChangeLog? {
        let path = Paths.join(folder, changesFile)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        if let target = Containment.escape(path, root: folder) {
            diagnostics.append(Containment.diagnostic(path, root: folder, target: target))
            return nil
        }
        let document = try loader.load(contentsOf: path)
        diagnostics.append(contentsOf: document.diagnostics)
        var reader = NodeReader()
        let log = document.root.flatMap { ChangeLogDecoder.decode($0, file: path, into: &reader) }
        diagnostics.append(contentsOf: reader.diagnostics.all)
        return log
    }
}
