public import PermdocsDiagnostics
public import PermdocsModel
import PermdocsLoad
import Foundation

/// Loads `permissions.yaml` and `procedures/*.yaml` from a content folder, decodes them and runs the
/// validation rules. Findings come back as values; only I/O failures (a missing folder, an unreadable
/// file) are thrown, and the CLI maps those to exit code 2.
public enum ContentLoader {
    public static let catalogFile = "permissions.yaml"
    public static let proceduresFolder = "procedures"

    public struct Result: Sendable {
        /// Nil when the catalog could not be read into a model at all.
        public var content: Content?
        public var diagnostics: Diagnostics
    }

    public static func load(folder rawFolder: String, loader: YAMLLoader = YAMLLoader(), reference: GraphReference = .shared) throws(IOFailure) -> Result {
        let folder = Paths.trimmingTrailingSlashes(rawFolder)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw IOFailure("\(folder): content folder not found")
        }
        var reader = NodeReader()
        var diagnostics = Diagnostics()

        let catalogPath = Paths.join(folder, catalogFile)
        if let target = Containment.escape(catalogPath, root: folder) {
            diagnostics.append(Containment.diagnostic(catalogPath, root: folder, target: target))
            return Result(content: nil, diagnostics: diagnostics)
        }
        let document = try loader.load(contentsOf: catalogPath)
        diagnostics.append(contentsOf: document.diagnostics)
        let catalog = document.root.flatMap { CatalogDecoder.decode($0, file: catalogPath, into: &reader) }

        // Procedure files load on all cores; results come back in file-name order.
        let proceduresPath = Paths.join(folder, proceduresFolder)
        let names = try Paths.listFiles(proceduresPath, extensions: ["yaml", "yml"])
        let loaded: [(Procedure?, [Diagnostic], IOFailure?)] = parallelMap(names.count) { i in
            let name = names[i]
            let file = Paths.join(proceduresPath, name)
            let stem = String(name[..<(name.lastIndex(of: ".") ?? name.endIndex)])
            let idLocation = SourceLocation(file: file, line: 1, column: 1)
            if let target = Containment.escape(file, root: folder) {
                return (nil, [Containment.diagnostic(file, root: folder, target: target)], nil)
            }
            do throws(IOFailure) {
                let doc = try loader.load(contentsOf: file)
                guard let root = doc.root else { return (nil, doc.diagnostics, nil) }
                var reader = NodeReader()
                let p = ProcedureDecoder.decode(root, id: Located(stem, at: idLocation), file: file, into: &reader)
                return (p, doc.diagnostics + reader.diagnostics.all, nil)
            } catch {
                return (nil, [], error)
            }
        }
        var procedures: [Procedure] = []
        var procedureDiagnostics: [Diagnostic] = []
        for (p, found, failure) in loaded {
            if let failure { throw failure }
            procedureDiagnostics.append(contentsOf: found)
            if let p { procedures.append(p) }
        }
        procedures.sort { $0.id.value < $1.id.value }
        diagnostics.append(contentsOf: reader.diagnostics.all)
        diagnostics.append(contentsOf: procedureDiagnostics)

        guard let catalog else { return Result(content: nil, diagnostics: diagnostics) }
        let content = Content(folder: folder, catalog: catalog, procedures: procedures)
        diagnostics.append(contentsOf: ContentValidator(reference: reference).validate(content))
        return Result(content: content, diagnostics: diagnostics)
    }
}

