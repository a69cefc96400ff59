public import PermdocsDiagnostics

/// Checks templates against their schemas without rendering: every variable and section must name
/// a field of the context at that point, every partial must exist, `{{name}}` may print only text
/// (escaped) and `{{{name}}}` only HTML that permdocs built. Errors are at `template:line:column`.
public struct TemplateChecker {
    let schemas: TemplateSchemas
    /// Parsed partials by name, for `{{> name}}`.
    let partials: [String: [TemplateNode]]
    public var diagnostics: Diagnostics { Diagnostics(found) }
    /// A partial checked in two contexts may hit the same problem twice; it is reported once.
    private var found: [Diagnostic] = []
    private var seen: Set<Diagnostic> = []
    private var checkedPartials: Set<String> = []

    public init(schemas: TemplateSchemas, partials: [String: [TemplateNode]]) {
        self.schemas = schemas
        self.partials = partials
    }

    /// Checks `nodes` rendered with a context of type `root`.
    public mutating func check(_ nodes: [TemplateNode], root: TemplateType) {
        check(nodes, stack: [root], chain: [])
    }

    /// `chain`: the partials entered since the last list section. A partial that reappears in it
    /// includes itself with nothing that ends the recursion (only a list's items get smaller), so
    /// rendering would recurse until the stack overflows; it is an error at the including tag.
    private mutating func check(_ nodes: [TemplateNode], stack: [TemplateType], chain: [String]) {
        for node in nodes {
            switch node {
            case .tag(let tag):
                switch tag.kind {
                case .variable(let escaped):
                    guard let type = resolve(tag, stack: stack) else { continue }
                    switch (type, escaped) {
                    case (.text, true), (.html, false):
                        break
                    case (.html, true):
                        report(TemplateRule.type, "'\(tag.name)' is HTML; write {{{\(tag.name)}}}", at: tag.location)
                    case (.text, false):
                        report(TemplateRule.type, "'\(tag.name)' is text and must be escaped; write {{\(tag.name)}}", at: tag.location)
                    default:
                        report(
                            TemplateRule.type,
                            "'\(tag.name)' is \(type) and cannot be printed; use a section {{#\(tag.name)}}…{{/\(tag.name)}}",
                            at: tag.location)
                    }
                case .partial:
                    guard let body = partials[tag.name] else {
                        let hint = DidYouMean.hint(for: tag.name, among: partials.keys.sorted())
                        report(TemplateRule.unknownPartial, "unknown partial '\(tag.name)'\(hint)", at: tag.location)
                        continue
                    }
                    if let start = chain.firstIndex(of: tag.name) {
                        let cycle = (chain[start...] + [tag.name]).map { "'\($0)'" }.joined(separator: " → ")
                        report(
                            TemplateRule.recursivePartial,
                            "partial '\(chain[start])' includes itself (\(cycle)) outside a list section; rendering would never end",
                            at: tag.location)
                        continue
                    }
                    // A partial is checked once per context it is used in. An outer frame that
                    // reappears further in is shadowed by it, so dropping it changes no lookup;
                    // that makes a recursive partial (a step within a step) reach a fixed point.
                    let normalized = Self.normalize(stack)
                    let key = tag.name + "|" + normalized.map(\.description).joined(separator: "|")
                    if checkedPartials.insert(key).inserted {
                        check(body, stack: normalized, chain: chain + [tag.name])
                    }
                case .section, .invertedSection:
                    break
                }
            case .comment:
                break
            case .section(let tag, let children, _):
                guard let type = resolve(tag, stack: stack) else {
                    check(children, stack: stack, chain: chain)
                    continue
                }
                if tag.kind == .invertedSection {
                    check(children, stack: stack, chain: chain)
                    continue
                }
                switch type {
                case .bool:
                    check(children, stack: stack, chain: chain)
                case .list(let element):
                    check(children, stack: stack + [element], chain: [])
                case .object:
                    check(children, stack: stack + [type], chain: chain)
                case .text, .html:
                    report(
                        TemplateRule.type,
                        "'\(tag.name)' is \(type); a section needs a condition, a list or an object (is there a 'has_\(tag.name)'?)",
                        at: tag.location)
                    check(children, stack: stack, chain: chain)
                }
            }
        }
    }

    private mutating func report(_ rule: TemplateRule, _ message: String, at location: SourceLocation?) {
        let d = Diagnostic.error(rule, message, at: location)
        if seen.insert(d).inserted { found.append(d) }
    }

    static func normalize(_ stack: [TemplateType]) -> [TemplateType] {
        var out: [TemplateType] = []
        for (i, frame) in stack.enumerated() where !stack[(i + 1)...].contains(frame) {
            out.append(frame)
        }
        return out
    }

    /// The type of `tag.name` in the context stack, searching from the innermost context outwards as
    /// Mustache does; dotted names then follow object fields.
    private mutating func resolve(_ tag: TemplateTag, stack: [TemplateType]) -> TemplateType? {
        if tag.name == "." { return stack.last }
        let parts = tag.name.split(separator: ".").map(String.init)
        var current: TemplateType?
        for frame in stack.reversed() {
            if case .object(let name) = frame, let t = schemas.objects[name]?[parts[0]] {
                current = t
                break
            }
        }
        guard var type = current else {
            let visible = stack.reversed().flatMap { frame -> [String] in
                if case .object(let name) = frame { return schemas.objects[name].map { Array($0.keys) } ?? [] }
                return []
            }
            let hint = DidYouMean.hint(for: parts[0], among: visible.sorted())
            report(TemplateRule.unknownVariable, "unknown variable '\(parts[0])'\(hint)", at: tag.location)
            return nil
        }
        for part in parts.dropFirst() {
            guard case .object(let name) = type, let t = schemas.objects[name]?[part] else {
                let fields: [String] = if case .object(let name) = type { schemas.objects[name].map { $0.keys.sorted() } ?? [] } else { [] }
                report(
                    TemplateRule.unknownVariable,
                    "unknown variable '\(tag.name)': \(type) has no '\(part)'\(DidYouMean.hint(for: part, among: fields))", at: tag.location
                )
                return nil
            }
            type = t
        }
        return type
    }
}
