public import PermdocsDiagnostics

/// A YAML node that knows where it came from. Every scalar, sequence, mapping and mapping key carries
/// the 1-based `file:line:column` of its first character (for a quoted scalar, its opening quote).
public struct YAMLNode: Sendable {
    public enum Value: Sendable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    public var value: Value
    public var location: SourceLocation
    /// The anchor this node defines (`&name`), when the loader accepts anchors.
    public var anchor: String?
    /// The name of the alias (`*name`) this node is, when the loader accepts anchors; its value is
    /// then an empty plain scalar, and `Document.resolve` gives the anchored node.
    public var alias: String?
    /// Where the anchored node is in `Document.anchored`; nil for an alias of an unknown anchor.
    public var aliasTarget: Int?

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }

    public var scalar: YAMLScalar? {
        if case .scalar(let s) = value { return s }
        return nil
    }

    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = value { return items }
        return nil
    }

    public var mapping: [YAMLPair]? {
        if case .mapping(let pairs) = value { return pairs }
        return nil
    }

    /// A plain `null`, `~` or empty scalar.
    public var isNull: Bool { scalar?.isNull ?? false }

    /// How a message names this node's kind: "a mapping", "a list", "a string", "null".
    public var kindDescription: String {
        switch value {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar(let s): s.isNull ? "null" : "a scalar"
        }
    }

    /// The value of `key` in a mapping node, with the pair (for the key's location).
    public subscript(key: String) -> YAMLNode? {
        mapping?.first { $0.key.text == key }?.value
    }
}

/// A mapping entry. Keys are always scalars (the loader rejects complex keys).
public struct YAMLPair: Sendable {
    public var key: YAMLScalar
    public var keyLocation: SourceLocation
    public var value: YAMLNode

    public init(key: YAMLScalar, keyLocation: SourceLocation, value: YAMLNode) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }
}

/// A scalar's text exactly as YAML defines it (after unescaping and folding), and how it was written.
/// The loader does not resolve types: the model reads a scalar as the type it expects, so `no` stays
/// the string "no" where a string is expected (YAML 1.1's boolean trap does not apply).
public struct YAMLScalar: Sendable, Hashable {
    public enum Style: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public var text: String
    public var style: Style

    public init(_ text: String, style: Style) {
        self.text = text
        self.style = style
    }

    /// YAML 1.2 core schema null: a plain `~`, `null`, `Null`, `NULL` or nothing at all.
    public var isNull: Bool {
        style == .plain && (text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL")
    }

    /// YAML 1.2 core schema booleans, plain only.
    public var bool: Bool? {
        guard style == .plain else { return nil }
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// YAML 1.2 core schema integers (decimal, `0o` octal, `0x` hex), plain only.
    public var int: Int? {
        guard style == .plain else { return nil }
        var t = Substring(text)
        var sign = 1
        if t.hasPrefix("-") {
            sign = -1
            t = t.dropFirst()
        } else if t.hasPrefix("+") {
            t = t.dropFirst()
        }
        if t.hasPrefix("0x") { return Int(t.dropFirst(2), radix: 16).map { $0 * sign } }
        if t.hasPrefix("0o") { return Int(t.dropFirst(2), radix: 8).map { $0 * sign } }
        guard !t.isEmpty, t.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(t).map { $0 * sign }
    }
}
