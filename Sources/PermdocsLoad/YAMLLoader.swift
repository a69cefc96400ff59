internal import CYAML
public import PermdocsDiagnostics
import PermdocsSupport
import Foundation

/// Loads one YAML document into located `YAMLNode`s through libyaml's event API.
///
/// The loader is deliberately stricter than YAML: a catalog is data a docs team writes by hand, so
/// everything that is more likely a mistake or an attack than an intention is a located error:
/// duplicate keys, anchors and aliases (an alias bomb must not blow up memory), tags, complex keys,
/// several documents in one file, an empty file, invalid UTF-8, NUL bytes, nesting deeper than
/// `maxDepth`, and files larger than `maxBytes`. Errors that still leave a usable tree (a duplicate
/// key, an anchor) are collected so one run reports all of them; a syntax error stops the file.
public struct YAMLLoader: Sendable {
    /// Deepest nesting of sequences and mappings accepted. A catalog needs about 8.
    public var maxDepth: Int = 64
    /// Largest file accepted, in bytes.
    public var maxBytes: Int = 8 << 20
    /// Accept anchors (`&name`), aliases (`*name`) and so merge keys (`<<: *name`), for YAML
    /// permdocs reads but does not own (a client's config). Aliases are never expanded: an alias
    /// is a node of its own (`YAMLNode.alias`) that `Document.resolve` leads to its anchor, so an
    /// alias bomb stays as small as its text.
    public var acceptsAnchors = false

    public init(maxDepth: Int = 64, maxBytes: Int = 8 << 20, acceptsAnchors: Bool = false) {
        self.maxDepth = maxDepth
        self.maxBytes = maxBytes
        self.acceptsAnchors = acceptsAnchors
    }

    /// The result of loading a file: the tree, when the file could be parsed, and every finding.
    public struct Document: Sendable {
        public var root: YAMLNode?
        public var diagnostics: [Diagnostic]
        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
        /// Anchored nodes, in the order they were completed (with `acceptsAnchors`).
        public var anchored: [YAMLNode] = []

        /// The node an alias stands for (the anchor defined last before it); any other node itself.
        public func resolve(_ node: YAMLNode) -> YAMLNode {
            guard let target = node.aliasTarget, target < anchored.count else { return node }
            return anchored[target]
        }
    }

    /// Reads and loads `path`; `displayPath` is how diagnostics name the file.
    /// Throws `IOFailure` only when the file cannot be read.
    public func load(contentsOf path: String, displayPath: String? = nil) throws(IOFailure) -> Document {
        let name = displayPath ?? path
        let bytes = try FileInput.read(path, displayPath: name, limit: maxBytes)
        guard let bytes else {
            return Document(
                root: nil,
                diagnostics: [
                    .error(
                        InputRule.fileTooLarge, "file is larger than \(maxBytes) bytes; split it or raise the limit",
                        at: SourceLocation(file: name, line: 1, column: 1))
                ])
        }
        return load(bytes: bytes, file: name)
    }

    /// Loads YAML text held in memory.
    public func load(string: String, file: String) -> Document {
        load(bytes: Array(string.utf8), file: file)
    }

    /// Loads YAML bytes held in memory; `file` names them in diagnostics.
    public func load(bytes: [UInt8], file: String) -> Document {
        if bytes.count > maxBytes {
            return Document(
                root: nil,
                diagnostics: [
                    .error(
                        InputRule.fileTooLarge, "file is larger than \(maxBytes) bytes; split it or raise the limit",
                        at: SourceLocation(file: file, line: 1, column: 1))
                ])
        }
        // A UTF-8 byte-order mark is accepted and not counted as a column.
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        return body.withUnsafeBufferPointer { buffer in
            if let error = TextScan.encodingError(in: buffer, file: file) {
                return Document(root: nil, diagnostics: [error])
            }
            var builder = TreeBuilder(file: file, maxDepth: maxDepth, input: buffer, acceptsAnchors: acceptsAnchors)
            return builder.run()
        }
    }
}

// MARK: - libyaml ownership

/// Owns a `yaml_parser_t`; `deinit` releases it, so no path (error or not) leaks C state.
private final class Parser {
    let raw: UnsafeMutablePointer<yaml_parser_t>

    init?(input: UnsafeBufferPointer<UInt8>) {
        raw = .allocate(capacity: 1)
        guard yaml_parser_initialize(raw) == 1 else {
            raw.deallocate()
            return nil
        }
        // libyaml reads from the caller's buffer, which outlives the parser (see TreeBuilder.run).
        yaml_parser_set_input_string(raw, input.baseAddress ?? UnsafePointer(bitPattern: 1)!, input.count)
        yaml_parser_set_encoding(raw, YAML_UTF8_ENCODING)
    }

    deinit {
        yaml_parser_delete(raw)
        raw.deallocate()
    }
}

// MARK: - Events → tree

/// Builds the tree from libyaml events with an explicit stack, never recursion, so depth is bounded
/// by `maxDepth` alone and 100,000 levels of `[` are one located error, not a stack overflow.
private struct TreeBuilder {
    let file: String
    let maxDepth: Int
    let input: UnsafeBufferPointer<UInt8>
    var diagnostics: [Diagnostic] = []

    /// A sequence or mapping being read. A struct mutated in place on the stack (an enum's
    /// payload would be copied out and back for every item, copying its array each time).
    private struct Frame {
        var isMapping: Bool
        var location: SourceLocation
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var pendingKey: (YAMLScalar, SourceLocation)?
        var seen: [String: SourceLocation] = [:]
        var anchor: String?
    }

    private var stack: [Frame] = []
    private var root: YAMLNode?
    private var documents = 0
    let acceptsAnchors: Bool
    /// Completed anchored nodes, and the index of each name's latest one.
    private var anchored: [YAMLNode] = []
    private var anchorIndex: [String: Int] = [:]

    init(file: String, maxDepth: Int, input: UnsafeBufferPointer<UInt8>, acceptsAnchors: Bool) {
        self.file = file
        self.maxDepth = maxDepth
        self.input = input
        self.acceptsAnchors = acceptsAnchors
    }

    private func document(_ root: YAMLNode?) -> YAMLLoader.Document {
        YAMLLoader.Document(root: root, diagnostics: diagnostics, anchored: anchored)
    }

    /// Names `node` with its anchor (when anchors are accepted) before it joins the tree.
    private mutating func named(_ node: YAMLNode, _ anchor: String?) -> YAMLNode {
        guard acceptsAnchors, let anchor else { return node }
        var node = node
        node.anchor = anchor
        anchorIndex[anchor] = anchored.count
        anchored.append(node)
        return node
    }

    private func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    mutating func run() -> YAMLLoader.Document {
        guard let parser = Parser(input: input) else {
            return .init(root: nil, diagnostics: [.error(YAMLRule.libyamlFailed, "libyaml could not be initialised", at: nil)])
        }
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(parser.raw, &event) == 1 else {
                diagnostics.append(syntaxError(parser.raw.pointee))
                return .init(root: nil, diagnostics: diagnostics)
            }
            defer { yaml_event_delete(&event) }
            let here = location(event.start_mark)
            switch event.type {
            case YAML_STREAM_START_EVENT, YAML_DOCUMENT_END_EVENT, YAML_NO_EVENT:
                break
            case YAML_STREAM_END_EVENT:
                if documents == 0 {
                    diagnostics.append(
                        .error(YAMLRule.emptyFile, "the file holds no YAML document", at: SourceLocation(file: file, line: 1, column: 1)))
                }
                return document(root)
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    diagnostics.append(.error(YAMLRule.multipleDocuments, "a file holds one YAML document; this is a second one", at: here))
                    return document(root)
                }
            case YAML_ALIAS_EVENT:
                var node = YAMLNode(.scalar(YAMLScalar("", style: .plain)), at: here)
                if acceptsAnchors {
                    let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
                    node.alias = name
                    node.aliasTarget = anchorIndex[name]
                } else {
                    diagnostics.append(.error(YAMLRule.alias, "aliases are not supported; repeat the value instead", at: here))
                }
                attach(node)
            case YAML_SCALAR_EVENT:
                let s = event.data.scalar
                checkAnchorAndTag(anchor: s.anchor, tag: s.tag, at: here)
                let text = String(decoding: UnsafeBufferPointer(start: s.value, count: s.length), as: UTF8.self)
                let style: YAMLScalar.Style =
                    switch s.style {
                    case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
                    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
                    case YAML_LITERAL_SCALAR_STYLE: .literal
                    case YAML_FOLDED_SCALAR_STYLE: .folded
                    default: .plain
                    }
                attach(named(YAMLNode(.scalar(YAMLScalar(text, style: style)), at: here), anchorName(s.anchor)))
            case YAML_SEQUENCE_START_EVENT:
                checkAnchorAndTag(anchor: event.data.sequence_start.anchor, tag: event.data.sequence_start.tag, at: here)
                guard push(Frame(isMapping: false, location: here, anchor: anchorName(event.data.sequence_start.anchor)), at: here) else {
                    return .init(root: nil, diagnostics: diagnostics)
                }
            case YAML_MAPPING_START_EVENT:
                checkAnchorAndTag(anchor: event.data.mapping_start.anchor, tag: event.data.mapping_start.tag, at: here)
                guard push(Frame(isMapping: true, location: here, anchor: anchorName(event.data.mapping_start.anchor)), at: here) else {
                    return .init(root: nil, diagnostics: diagnostics)
                }
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                let frame = stack.removeLast()
                attach(named(YAMLNode(frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items), at: frame.location), frame.anchor))
            default:
                break
            }
        }
    }

    private mutating func push(_ frame: Frame, at here: SourceLocation) -> Bool {
        if stack.count >= maxDepth {
            diagnostics.append(.error(YAMLRule.tooDeep, "nesting deeper than \(maxDepth) levels", at: here))
            return false
        }
        stack.append(frame)
        return true
    }

    private mutating func checkAnchorAndTag(
        anchor: UnsafeMutablePointer<yaml_char_t>?, tag: UnsafeMutablePointer<yaml_char_t>?, at here: SourceLocation
    ) {
        if let anchor, !acceptsAnchors {
            let name = String(cString: anchor)
            diagnostics.append(.error(YAMLRule.anchor, "anchors are not supported ('&\(name)'); repeat the value instead", at: here))
        }
        if let tag {
            let name = String(cString: tag)
            diagnostics.append(.error(YAMLRule.tag, "tags are not supported ('\(name)'); write the plain value", at: here))
        }
    }

    private func anchorName(_ anchor: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        anchor.map { String(cString: $0) }
    }

    private mutating func attach(_ node: YAMLNode) {
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        guard stack[top].isMapping else {
            stack[top].items.append(node)
            return
        }
        if let (key, keyLocation) = stack[top].pendingKey {
            // The first of duplicate keys wins; a later one was reported and its value is dropped.
            if stack[top].seen[key.text] == keyLocation {
                stack[top].pairs.append(YAMLPair(key: key, keyLocation: keyLocation, value: node))
            }
            stack[top].pendingKey = nil
            return
        }
        guard let key = node.scalar else {
            diagnostics.append(.error(YAMLRule.complexKey, "mapping keys must be scalars, not \(node.kindDescription)", at: node.location))
            // Keep the shape: the value that follows is read and dropped under a placeholder key.
            stack[top].pendingKey = (YAMLScalar("", style: .plain), node.location)
            return
        }
        if let first = stack[top].seen[key.text] {
            diagnostics.append(
                .error(
                    YAMLRule.duplicateKey, "duplicate key '\(key.text)'", at: node.location,
                    notes: [.init("'\(key.text)' is first defined here", at: first)]))
        } else {
            stack[top].seen[key.text] = node.location
        }
        stack[top].pendingKey = (key, node.location)
    }

    private func syntaxError(_ parser: yaml_parser_t) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        if parser.error == YAML_READER_ERROR {
            // Reader errors carry a byte offset rather than a mark.
            let (line, column) = TextScan.lineAndColumn(ofOffset: Int(parser.problem_offset), in: input)
            return .error(YAMLRule.syntax, problem, at: SourceLocation(file: file, line: line, column: column))
        }
        var notes: [Diagnostic.Note] = []
        if let context = parser.context {
            notes.append(.init(String(cString: context), at: location(parser.context_mark)))
        }
        return .error(YAMLRule.syntax, problem, at: location(parser.problem_mark), notes: notes)
    }
}
