public import PermdocsLoad

/// The keys one kind of YAML mapping accepts. The decoders open mappings with these shapes and the
/// JSON Schemas (`permdocs schema`, `schemas/`) are generated from them, so the two cannot disagree.
public struct MappingShape: Sendable, Equatable {
    public let required: [String]
    public let optional: [String]

    public init(required: [String], optional: [String] = []) {
        self.required = required
        self.optional = optional
    }

    /// Every accepted key, required first.
    public var keys: [String] { required + optional }
}

/// `permissions.yaml`.
public enum CatalogShape {
    public static let top = MappingShape(required: ["app", "scopes", "features"], optional: ["scope_case"])
    public static let app = MappingShape(
        required: ["name", "client_id", "redirect_uri"], optional: ["support_url", "verified_publisher", "example"])
    /// The text of one scope under `scopes:` (the value may also be empty).
    public static let scopeText = MappingShape(required: ["description"], optional: ["admin_consent"])
    public static let feature = MappingShape(required: ["id", "title", "scopes"], optional: ["summary", "client"])
    public static let clientLocation = MappingShape(required: ["path"], optional: ["anchor", "key", "after", "occurrence", "subset"])
}

/// `content/procedures/ID.yaml`.
public enum ProcedureShape {
    public static let top = MappingShape(
        required: ["title", "scenarios", "steps"],
        optional: ["summary", "audience", "roles", "notes", "warnings", "see_also", "fixes", "checklist_first"])
    /// A step written as a mapping (a bare string is a step with text only).
    public static let step = MappingShape(
        required: ["text"], optional: ["kind", "setting", "scenarios", "path", "value", "note", "warning", "see", "steps", "choices"])
}

/// `content/changes.yaml`.
public enum ChangeLogShape {
    public static let top = MappingShape(required: ["changes"], optional: ["note"])
    public static let change = MappingShape(required: ["date", "feature"], optional: ["added", "removed", "note"])
}

extension NodeReader {
    /// Opens `node` as a mapping of `shape`; reports wrong type, unknown and missing keys.
    public mutating func mapping(_ node: YAMLNode, what: String, shape: MappingShape) -> Mapping? {
        mapping(node, what: what, required: shape.required, optional: shape.optional)
    }
}
