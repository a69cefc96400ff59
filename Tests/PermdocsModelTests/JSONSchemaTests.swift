import Foundation
import Testing
import PermdocsDiagnostics
import PermdocsLoad
@testable import PermdocsModel

/// A sample document written from a schema: every object gets every property (`required` only: just
/// the required ones), closed objects an extra `zzz_typo` key when `typo`. JSON is YAML, so the
/// decoders read it as written.
private struct Sampler {
    let definitions: [String: Any]
    var typo = false
    var requiredOnly = false
    /// How many closed objects (additionalProperties: false) the sample has.
    var closedObjects = 0

    mutating func sample(_ schema: [String: Any], depth: Int = 0) -> Any {
        if let ref = schema["$ref"] as? String {
            let name = String(ref.dropFirst("#/definitions/".count))
            return sample(definitions[name] as! [String: Any], depth: depth)
        }
        if let branches = schema["anyOf"] as? [[String: Any]] {
            // The richest branch (a step as a mapping) until nesting is deep enough.
            return sample(depth < 4 ? branches.last! : branches.first!, depth: depth)
        }
        if let values = schema["enum"] as? [String] { return values[0] }
        let type = (schema["type"] as? String) ?? (schema["type"] as? [String])?.first
        switch type {
        case "object":
            let properties = schema["properties"] as! [String: Any]
            let closed = schema["additionalProperties"] as? Bool == false
            var keys = properties.keys.sorted()
            if !closed { keys = Array(keys.prefix(1)) }
            if requiredOnly, closed { keys = schema["required"] as? [String] ?? [] }
            var object: [String: Any] = [:]
            for key in keys { object[key] = sample(properties[key] as! [String: Any], depth: depth + 1) }
            if closed {
                closedObjects += 1
                if typo { object["zzz_typo"] = "x" }
            }
            return object
        case "array":
            return [sample(schema["items"] as! [String: Any], depth: depth + 1)]
        case "boolean": return true
        case "integer": return 1
        default: return (schema["pattern"] as? String) != nil ? "2026-01-31" : "x"
        }
    }
}

private func schema(_ kind: JSONSchemas.Kind) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(JSONSchemas.text(kind).utf8)) as? [String: Any])
}

/// Decodes `document` (JSON text) as `kind`; returns the rule ids of the findings.
private func decode(_ document: Any, as kind: JSONSchemas.Kind) throws -> [String] {
    let text = String(decoding: try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]), as: UTF8.self)
    let loaded = YAMLLoader().load(string: text, file: "sample.yaml")
    let root = try #require(loaded.root)
    var reader = NodeReader()
    switch kind {
    case .catalog: _ = CatalogDecoder.decode(root, file: "sample.yaml", into: &reader)
    case .procedure:
        _ = ProcedureDecoder.decode(
            root, id: Located("sample", at: SourceLocation(file: "sample.yaml", line: 1, column: 1)), file: "sample.yaml", into: &reader)
    case .changes: _ = ChangeLogDecoder.decode(root, file: "sample.yaml", into: &reader)
    }
    return (loaded.diagnostics + reader.diagnostics.all).map(\.kind)
}

@Suite("JSON Schemas agree with the decoders")
struct JSONSchemaTests {
    @Test(arguments: JSONSchemas.Kind.allCases)
    func everyKeyTheSchemaListsTheDecoderAccepts(kind: JSONSchemas.Kind) throws {
        let s = try schema(kind)
        var sampler = Sampler(definitions: s["definitions"] as! [String: Any])
        let findings = try decode(sampler.sample(s), as: kind)
        #expect(!findings.contains("unknown-key"), "\(findings)")
        #expect(!findings.contains("missing-key"), "\(findings)")
    }

    @Test(arguments: JSONSchemas.Kind.allCases)
    func theRequiredKeysAloneAreEnoughForTheDecoder(kind: JSONSchemas.Kind) throws {
        let s = try schema(kind)
        var sampler = Sampler(definitions: s["definitions"] as! [String: Any], requiredOnly: true)
        let findings = try decode(sampler.sample(s), as: kind)
        #expect(!findings.contains("missing-key"), "\(findings)")
    }

    @Test(arguments: JSONSchemas.Kind.allCases)
    func everyMappingTheSchemaClosesTheDecoderCloses(kind: JSONSchemas.Kind) throws {
        let s = try schema(kind)
        var sampler = Sampler(definitions: s["definitions"] as! [String: Any], typo: true)
        let findings = try decode(sampler.sample(s), as: kind)
        #expect(sampler.closedObjects >= 2)
        #expect(findings.filter { $0 == "unknown-key" }.count == sampler.closedObjects, "\(findings)")
    }

    @Test func eachShapeIsOneObjectOfItsSchema() throws {
        func object(_ kind: JSONSchemas.Kind, _ definition: String?) throws -> [String: Any] {
            let s = try schema(kind)
            guard let definition else { return s }
            var d = (s["definitions"] as! [String: Any])[definition] as! [String: Any]
            if let branches = d["anyOf"] as? [[String: Any]] { d = branches.last! }
            return d
        }
        let cases: [(JSONSchemas.Kind, String?, MappingShape)] = [
            (.catalog, nil, CatalogShape.top), (.catalog, "app", CatalogShape.app), (.catalog, "scopeText", CatalogShape.scopeText),
            (.catalog, "feature", CatalogShape.feature), (.catalog, "clientLocation", CatalogShape.clientLocation),
            (.procedure, nil, ProcedureShape.top), (.procedure, "step", ProcedureShape.step),
            (.changes, nil, ChangeLogShape.top), (.changes, "change", ChangeLogShape.change),
        ]
        for (kind, definition, shape) in cases {
            let o = try object(kind, definition)
            #expect(Set((o["properties"] as! [String: Any]).keys) == Set(shape.keys), "\(kind) \(definition ?? "top")")
            #expect(o["required"] as? [String] == shape.required, "\(kind) \(definition ?? "top")")
            #expect(o["additionalProperties"] as? Bool == false)
        }
    }

    @Test func enumsAndScopeNamesComeFromTheModel() throws {
        let procedure = try schema(.procedure)
        let definitions = procedure["definitions"] as! [String: Any]
        #expect((definitions["scenario"] as! [String: Any])["enum"] as? [String] == Procedure.Scenario.allCases.map(\.rawValue))
        let top = procedure["properties"] as! [String: Any]
        #expect((top["audience"] as! [String: Any])["enum"] as? [String] == ["admin", "user"])
        let catalog = try schema(.catalog)
        let scopeName = (catalog["definitions"] as! [String: Any])["scopeName"] as! [String: Any]
        let examples = try #require(scopeName["examples"] as? [String])
        #expect(examples.contains("User.Read") && examples.contains("offline_access") && examples.contains("Mail.Send"))
        #expect(examples == examples.sorted() && examples.count > 500)
    }
}
