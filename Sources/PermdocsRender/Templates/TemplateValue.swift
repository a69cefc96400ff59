/// A value a template renders: what `Contexts` builds for each schema in `SiteSchemas`.
///
/// A closed enum instead of `[String: Any]`: rendering looks a name up in a dictionary and
/// switches on the case, with no dynamic casts or protocol-conformance lookups (which were a
/// third of a large build when templates rendered through `Any`).
public indirect enum TemplateValue: Sendable, Equatable {
    /// Text or HTML: which one is the schema's business (`{{name}}` escapes, `{{{name}}}` does not).
    case string(String)
    case bool(Bool)
    case list([TemplateValue])
    case object([String: TemplateValue])

    /// The field `name` of an object; nil for anything else.
    @inline(__always)
    subscript(name: String) -> TemplateValue? {
        if case .object(let fields) = self { return fields[name] }
        return nil
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        var fields = [String: TemplateValue](minimumCapacity: elements.count)
        for (key, value) in elements { fields[key] = value }
        self = .object(fields)
    }
}

extension TemplateValue {
    /// Shorthands for building contexts from model values.
    static func text(_ s: String) -> TemplateValue { .string(s) }
    static func texts(_ items: [String]) -> TemplateValue { .list(items.map(TemplateValue.string)) }
}
