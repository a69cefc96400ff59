import Foundation

/// SARIF 2.1.0 for code scanning: every rule of `RuleCatalog` in the driver, one result per
/// finding with `ruleId` = kind, repository-relative `artifactLocation.uri`, and 1-based
/// `region.startLine`/`startColumn` counted in Unicode code points (declared in `columnKind`).
public struct SARIFReporter: Sendable {
    public var version: String

    public init(version: String) { self.version = version }

    public func report(_ diagnostics: [Diagnostic]) -> String {
        let rules = RuleCatalog.rules
        let index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        let results: [[String: Any]] = diagnostics.map { d in
            var result: [String: Any] = [
                "ruleId": d.kind,
                "level": Self.level(d.severity),
                "message": ["text": d.message],
            ]
            if let i = index[d.kind] { result["ruleIndex"] = i }
            if let l = d.location {
                result["locations"] = [Self.location(l)]
            }
            if !d.notes.isEmpty {
                result["relatedLocations"] = d.notes.enumerated().compactMap { i, note -> [String: Any]? in
                    guard let l = note.location else { return nil }
                    var loc = Self.location(l)
                    loc["id"] = i + 1
                    loc["message"] = ["text": note.message]
                    return loc
                }
            }
            var properties: [String: Any] = [:]
            if let f = d.feature { properties["feature"] = f }
            if let s = d.scope { properties["scope"] = s }
            if !properties.isEmpty { result["properties"] = properties }
            return result
        }
        let driver: [String: Any] = [
            "name": "permdocs",
            "version": version,
            "informationUri": "https://github.com/permdocs/permdocs",
            "rules": rules.map { r in
                [
                    "id": r.id,
                    "shortDescription": ["text": r.description],
                    "defaultConfiguration": ["level": Self.level(r.severity)],
                ] as [String: Any]
            },
        ]
        let root: [String: Any] = [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [[
                "tool": ["driver": driver],
                "columnKind": "unicodeCodePoints",
                "results": results,
            ] as [String: Any]],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func level(_ s: Diagnostic.Severity) -> String {
        switch s {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    static func location(_ l: SourceLocation) -> [String: Any] {
        [
            "physicalLocation": [
                "artifactLocation": ["uri": FindingPaths.repositoryRelative(l.file)],
                "region": ["startLine": l.line, "startColumn": l.column],
            ] as [String: Any],
        ]
    }
}
