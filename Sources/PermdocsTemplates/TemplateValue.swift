/// A value a template renders (the site builds one for each schema of its contract).
///
/// A closed enum instead of `[String: Any]`: rendering looks a name up and switches on the case,
/// with no dynamic casts or protocol-conformance lookups.
public indirect enum TemplateValue: Sendable, Equatable {
    /// Text or HTML: which one is the schema's business (`{{name}}` escapes, `{{{name}}}` does not).
    case string(String)
    case bool(Bool)
    case list([TemplateValue])
    case object(TemplateObject)

    /// The field `name` of an object; nil for anything else.
    @inline(__always)
    public subscript(name: String) -> TemplateValue? {
        if case .object(let fields) = self { return fields[name] }
        return nil
    }
}

/// An object's fields: a short list searched in order, not a dictionary. A context object has a
/// handful of fields with short names, and a large site builds tens of thousands of them (an
/// index entry per article, a row per permission, a step per procedure): comparing a few short
/// strings beats hashing every name when the object is built and again when it is read, and one
/// array is cheaper to free than a hash table.
public struct TemplateObject: Sendable, Equatable {
    private let fields: [(String, TemplateValue)]

    /// Names are distinct (contexts are written as literals; a repeat is a mistake caught by
    /// `assert` in debug builds and by the schema check in tests).
    public init(_ fields: [(String, TemplateValue)]) {
        assert(Set(fields.map(\.0)).count == fields.count, "repeated field name in \(fields.map(\.0))")
        self.fields = fields
    }

    @inline(__always)
    public subscript(name: String) -> TemplateValue? {
        // Lengths first: most names differ in length, and comparing two counts is inline while
        // `==` on strings is a call into the runtime.
        let length = name.utf8.count
        for field in fields where field.0.utf8.count == length && field.0 == name { return field.1 }
        return nil
    }

    /// The field names, in the order they were given.
    public var names: [String] { fields.map(\.0) }

    /// Equal when they have the same names with equal values, in any order.
    public static func == (a: TemplateObject, b: TemplateObject) -> Bool {
        a.fields.count == b.fields.count && a.fields.allSatisfy { b[$0.0] == $0.1 }
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) { self = .object(TemplateObject(elements)) }
}

extension TemplateValue {
    /// Shorthands for building contexts from model values.
    public static func text(_ s: String) -> TemplateValue { .string(s) }
    public static func texts(_ items: [String]) -> TemplateValue { .list(items.map(TemplateValue.string)) }
}
