import PermdocsDiagnostics
public import PermdocsLoad

/// Builds a `Procedure` from one `content/procedures/ID.yaml` file, reporting structural problems.
public enum ProcedureDecoder {
    public static func decode(_ root: YAMLNode, id: Located<String>, file: String, into reader: inout NodeReader) -> Procedure? {
        guard
            let map = reader.mapping(
                root, what: "procedure '\(id.value)'", shape: ProcedureShape.top)
        else { return nil }
        let title = reader.string(in: map, "title")
        let summary = reader.string(in: map, "summary")
        let scenarios = map.value("scenarios").map { decodeScenarios($0, into: &reader) } ?? []
        var audience = Procedure.Audience.admin
        if let node = map.value("audience"), let a = reader.oneOf(node, name: "audience", Procedure.Audience.self) {
            audience = a.value
        }
        var steps: [Procedure.Step] = []
        if let node = map.value("steps") {
            steps = decodeSteps(node, name: "steps", into: &reader)
            if node.sequence?.isEmpty == true {
                reader.diagnostics.error(ModelRule.emptyValue, "a procedure needs at least one step", at: node.location)
            }
        }
        let procedure = Procedure(
            id: id, file: file, title: title ?? Located("", at: map.location), summary: summary,
            scenarios: scenarios, audience: audience,
            roles: reader.stringList(in: map, "roles"), steps: steps,
            notes: reader.stringList(in: map, "notes"), warnings: reader.stringList(in: map, "warnings"),
            seeAlso: reader.stringList(in: map, "see_also"), fixes: reader.stringList(in: map, "fixes"),
            checklistFirst: reader.bool(in: map, "checklist_first")?.value ?? false)
        return title == nil ? nil : procedure
    }

    static func decodeScenarios(_ node: YAMLNode, into reader: inout NodeReader) -> [Located<Procedure.Scenario>] {
        if node.sequence?.isEmpty == true {
            reader.diagnostics.error(ModelRule.emptyValue, "'scenarios' must name at least one scenario", at: node.location)
        }
        return reader.list(node, name: "scenarios").compactMap { reader.oneOf($0, name: "scenario", Procedure.Scenario.self) }
    }

    static func decodeSteps(_ node: YAMLNode, name: String, into reader: inout NodeReader) -> [Procedure.Step] {
        reader.list(node, name: name).compactMap { decodeStep($0, into: &reader) }
    }

    static func decodeStep(_ node: YAMLNode, into reader: inout NodeReader) -> Procedure.Step? {
        // A bare string is a step with text only.
        if node.scalar != nil {
            guard let text = reader.string(node, name: "step") else { return nil }
            return Procedure.Step(
                text: text, path: [], value: nil, note: nil, warning: nil, see: nil, steps: [], choices: [], location: node.location)
        }
        guard let map = reader.mapping(node, what: "a step", shape: ProcedureShape.step) else { return nil }
        guard let text = reader.string(in: map, "text") else { return nil }
        return Procedure.Step(
            text: text,
            kind: map.value("kind").flatMap { reader.oneOf($0, name: "step kind", Procedure.Step.Kind.self)?.value } ?? .action,
            setting: reader.string(in: map, "setting"),
            scenarios: map.value("scenarios").map { decodeScenarios($0, into: &reader) } ?? [],
            path: reader.stringList(in: map, "path"),
            value: reader.string(in: map, "value"),
            note: reader.string(in: map, "note"),
            warning: reader.string(in: map, "warning"),
            see: reader.string(in: map, "see"),
            steps: map.value("steps").map { decodeSteps($0, name: "steps", into: &reader) } ?? [],
            choices: map.value("choices").map { decodeSteps($0, name: "choices", into: &reader) } ?? [],
            location: node.location)
    }
}
