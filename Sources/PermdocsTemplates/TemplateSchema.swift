/// What a template may use: the names each context offers and their types. Schemas are the
/// contract between permdocs and the docs team's templates (listed in templates/README.md); the
/// checker holds every template to them before anything renders, so a typo in a branch that this
/// build does not render is still an error.
public indirect enum TemplateType: Sendable, Equatable, CustomStringConvertible {
    /// Plain text, escaped on output: `{{name}}`.
    case text
    /// HTML that permdocs built and escaped itself: `{{{name}}}`.
    case html
    /// A condition: `{{#name}}…{{/name}}`, `{{^name}}…{{/name}}`.
    case bool
    /// A list to loop over with `{{#name}}…{{/name}}`.
    case list(TemplateType)
    /// A named object (see `TemplateSchemas`); its fields are visible inside `{{#name}}`.
    case object(String)

    public var description: String {
        switch self {
        case .text: "text"
        case .html: "HTML"
        case .bool: "a condition"
        case .list(let t): "a list of \(t)"
        case .object(let name): "a '\(name)' object"
        }
    }
}

/// Named object schemas: name → field → type.
public struct TemplateSchemas: Sendable {
    public var objects: [String: [String: TemplateType]]

    public init(_ objects: [String: [String: TemplateType]]) { self.objects = objects }

    /// Whether a rendering context (the values permdocs builds) matches `type`; returns the first
    /// mismatch as a dotted path. Tests hold every context of the example site to this.
    public func mismatch(_ value: TemplateValue, as type: TemplateType, path: String = "") -> String? {
        switch (type, value) {
        case (.text, .string), (.html, .string), (.bool, .bool):
            return nil
        case (.text, _), (.html, _):
            return "\(path): expected \(type)"
        case (.bool, _):
            return "\(path): expected a condition"
        case (.list(let element), .list(let items)):
            for (i, item) in items.enumerated() {
                if let m = mismatch(item, as: element, path: "\(path)[\(i)]") { return m }
            }
            return nil
        case (.list, _):
            return "\(path): expected a list"
        case (.object(let name), .object(let dict)):
            guard let fields = objects[name] else { return "\(path): expected object '\(name)'" }
            for (key, fieldType) in fields.sorted(by: { $0.key < $1.key }) {
                guard let v = dict[key] else { return "\(path).\(key): missing" }
                if let m = mismatch(v, as: fieldType, path: "\(path).\(key)") { return m }
            }
            for key in dict.names.sorted() where fields[key] == nil { return "\(path).\(key): not in schema '\(name)'" }
            return nil
        case (.object(let name), _):
            return "\(path): expected object '\(name)'"
        }
    }
}
