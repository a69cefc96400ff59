public import PermdocsTemplates

/// What an article's template tags may use: the object schemas and the root object every article
/// renders with (the site declares it, `SiteSchemas`).
public struct ArticleSchema: Sendable {
    public let schemas: TemplateSchemas
    public let root: String
    /// Every dotted name an article may print with `{{name}}` (a text field reached through
    /// objects from the root): the ones the checker would accept without a word.
    let textPaths: Set<String>

    public init(schemas: TemplateSchemas, root: String) {
        self.schemas = schemas
        self.root = root
        var paths: Set<String> = []
        func walk(_ object: String, prefix: String, depth: Int) {
            guard depth < 4, let fields = schemas.objects[object] else { return }
            for (name, type) in fields {
                switch type {
                case .text: paths.insert(prefix + name)
                case .object(let inner): walk(inner, prefix: prefix + name + ".", depth: depth + 1)
                default: break
                }
            }
        }
        walk(root, prefix: "", depth: 0)
        textPaths = paths
    }
}
