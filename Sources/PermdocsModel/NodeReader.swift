public import PermdocsDiagnostics
public import PermdocsLoad

/// Reads typed values out of located YAML nodes and records every structural problem (unknown key
/// with a did-you-mean, missing required key, wrong type, empty value) as a located diagnostic.
/// Reading goes on after a problem so one run reports all of them.
public struct NodeReader {
    public var diagnostics = Diagnostics()

    public init() {}

    /// A checked view of one mapping: unknown keys are reported when it is opened.
    public struct Mapping {
        public let node: YAMLNode
        /// How messages name the mapping, e.g. "feature 'mailbox'".
        public let what: String
        let pairs: [YAMLPair]

        public func pair(_ key: String) -> YAMLPair? { pairs.first { $0.key.text == key } }
        public func value(_ key: String) -> YAMLNode? { pair(key)?.value }
        public var location: SourceLocation { node.location }
    }

    /// Opens `node` as a mapping with the given keys; reports wrong type and unknown keys.
    public mutating func mapping(_ node: YAMLNode, what: String, required: [String], optional: [String] = []) -> Mapping? {
        guard let pairs = node.mapping else {
            diagnostics.error(ModelRule.wrongType, "\(what) must be a mapping, not \(node.kindDescription)", at: node.location)
            return nil
        }
        let known = required + optional
        var names: DidYouMean.Candidates?
        for pair in pairs where !known.contains(pair.key.text) {
            if names == nil { names = DidYouMean.Candidates(known) }
            let hint = names!.hint(for: pair.key.text)
            diagnostics.error(ModelRule.unknownKey, "unknown key '\(pair.key.text)' in \(what)\(hint)", at: pair.keyLocation)
        }
        for key in required where !pairs.contains(where: { $0.key.text == key }) {
            diagnostics.error(ModelRule.missingKey, "\(what) is missing required key '\(key)'", at: node.location)
        }
        return Mapping(node: node, what: what, pairs: pairs)
    }

    /// A non-empty string scalar. Reports a wrong type (list, mapping, null) or an empty string.
    public mutating func string(_ node: YAMLNode, name: String, allowEmpty: Bool = false) -> Located<String>? {
        guard let scalar = node.scalar, !scalar.isNull || (allowEmpty && scalar.text.isEmpty) else {
            if node.isNull && !allowEmpty {
                diagnostics.error(ModelRule.emptyValue, "'\(name)' must not be empty", at: node.location)
            } else {
                diagnostics.error(ModelRule.wrongType, "'\(name)' must be a string, not \(node.kindDescription)", at: node.location)
            }
            return nil
        }
        if !allowEmpty && scalar.text.allSatisfy(\.isWhitespace) {
            diagnostics.error(ModelRule.emptyValue, "'\(name)' must not be empty", at: node.location)
            return nil
        }
        return Located(scalar.text, at: node.location)
    }

    public mutating func string(in map: Mapping, _ key: String) -> Located<String>? {
        map.value(key).flatMap { string($0, name: key) }
    }

    /// A plain `true` or `false` (YAML 1.2 core schema); anything else is a located `wrong-type`.
    public mutating func bool(in map: Mapping, _ key: String) -> Located<Bool>? {
        guard let node = map.value(key) else { return nil }
        guard let value = node.scalar?.bool else {
            diagnostics.error(
                ModelRule.wrongType, "'\(key)' must be true or false, not \(node.scalar.map { "'\($0.text)'" } ?? node.kindDescription)",
                at: node.location)
            return nil
        }
        return Located(value, at: node.location)
    }

    /// A list of non-empty strings; a single string is not accepted (write `[x]`).
    public mutating func stringList(_ node: YAMLNode, name: String) -> [Located<String>] {
        guard let items = node.sequence else {
            diagnostics.error(ModelRule.wrongType, "'\(name)' must be a list of strings, not \(node.kindDescription)", at: node.location)
            return []
        }
        return items.compactMap { string($0, name: "an item of '\(name)'") }
    }

    public mutating func stringList(in map: Mapping, _ key: String) -> [Located<String>] {
        map.value(key).map { stringList($0, name: key) } ?? []
    }

    /// A list of mappings (or anything); reports a wrong type.
    public mutating func list(_ node: YAMLNode, name: String) -> [YAMLNode] {
        guard let items = node.sequence else {
            diagnostics.error(ModelRule.wrongType, "'\(name)' must be a list, not \(node.kindDescription)", at: node.location)
            return []
        }
        return items
    }

    /// One value of a fixed set, with a did-you-mean.
    public mutating func oneOf<E: RawRepresentable & CaseIterable & Sendable>(_ node: YAMLNode, name: String, _ type: E.Type) -> Located<E>?
    where E.RawValue == String {
        guard let text = string(node, name: name) else { return nil }
        if let value = E(rawValue: text.value) { return Located(value, at: text.location) }
        let names = E.allCases.map(\.rawValue)
        let hint = DidYouMean.hint(for: text.value, among: names)
        diagnostics.error(
            ModelRule.invalidValue, "'\(text.value)' is not a valid \(name)\(hint) (one of: \(names.joined(separator: ", ")))",
            at: text.location)
        return nil
    }
}
