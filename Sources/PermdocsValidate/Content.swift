public import PermdocsModel
public import PermdocsDiagnostics

/// Everything the docs team wrote, loaded and validated: the catalog and the procedures by id.
public struct Content: Sendable {
    /// The content folder as the user named it (diagnostics and outputs are relative to it).
    public var folder: String
    public var catalog: Catalog
    /// `changes.yaml`, when the content has one.
    public var changes: ChangeLog?
    /// Sorted by id, so output order never depends on the file system.
    public let procedures: [Procedure]
    private let procedureIndex: [String: Int]
    /// The feature and procedure ids, prepared for did-you-mean hints once, not per unknown id.
    public let featureNames: DidYouMean.Candidates
    public let procedureNames: DidYouMean.Candidates

    public init(folder: String, catalog: Catalog, procedures: [Procedure], changes: ChangeLog? = nil) {
        self.folder = folder
        self.catalog = catalog
        self.changes = changes
        self.procedures = procedures
        procedureIndex = Dictionary(procedures.enumerated().map { ($1.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        featureNames = DidYouMean.Candidates(catalog.features.map(\.id.value))
        procedureNames = DidYouMean.Candidates(procedures.map(\.id.value))
    }

    public func procedure(_ id: String) -> Procedure? { procedureIndex[id].map { procedures[$0] } }

    /// The index of procedure `id` in `procedures`.
    public func procedureNumber(_ id: String) -> Int? { procedureIndex[id] }
}
