/// SARIF 2.1.0 for code scanning: every rule of the catalog in the driver, one result per
/// finding with `ruleId` = kind, repository-relative `artifactLocation.uri` (a percent-encoded URI
/// reference, `FindingPaths.uriReference`), and 1-based
/// `region.startLine`/`startColumn` counted in Unicode code points (declared in `columnKind`).
public struct SARIFReporter: Sendable {
    public var version: String
    public var catalog: RuleCatalog

    public init(version: String, catalog: RuleCatalog) {
        self.version = version
        self.catalog = catalog
    }

    public func report(_ diagnostics: [Diagnostic]) -> String {
        let rules = catalog.rules
        let results: [JSONText] = diagnostics.map { d in
            var result: [String: JSONText] = [
                "ruleId": .string(d.kind),
                "level": .string(Self.level(d.severity)),
                "message": .object(["text": .string(d.message)]),
            ]
            if let i = catalog.position(of: d.kind) { result["ruleIndex"] = .int(i) }
            if let l = d.location { result["locations"] = .array([Self.location(l)]) }
            let related: [JSONText] = d.notes.enumerated().compactMap { i, note in
                guard let l = note.location, case .object(var loc) = Self.location(l) else { return nil }
                loc["id"] = .int(i + 1)
                loc["message"] = .object(["text": .string(note.message)])
                return .object(loc)
            }
            if !related.isEmpty { result["relatedLocations"] = .array(related) }
            var properties: [String: JSONText] = [:]
            if let f = d.feature { properties["feature"] = .string(f) }
            if let s = d.scope { properties["scope"] = .string(s) }
            if !properties.isEmpty { result["properties"] = .object(properties) }
            return .object(result)
        }
        let driver: JSONText = .object([
            "name": "permdocs",
            "version": .string(version),
            "informationUri": "https://github.com/permdocs/permdocs",
            "rules": .array(
                rules.map { r in
                    .object([
                        "id": .string(r.id),
                        "shortDescription": .object(["text": .string(r.explanation)]),
                        "fullDescription": .object(["text": .string(RuleHelp.fullDescription(r.id, description: r.explanation))]),
                        "helpUri": .string(RuleHelp.helpURI(r.id)),
                        "defaultConfiguration": .object(["level": .string(Self.level(r.severity))]),
                    ])
                }),
        ])
        return JSONText.object([
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": .array([
                .object([
                    "tool": .object(["driver": driver]),
                    "columnKind": "unicodeCodePoints",
                    "results": .array(results),
                ])
            ]),
        ]).rendered
    }

    static func level(_ s: Diagnostic.Severity) -> String {
        switch s {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    static func location(_ l: SourceLocation) -> JSONText {
        .object([
            "physicalLocation": .object([
                "artifactLocation": .object(["uri": .string(FindingPaths.uriReference(l.file))]),
                "region": .object(["startLine": .int(l.line), "startColumn": .int(l.column)]),
            ])
        ])
    }
}
