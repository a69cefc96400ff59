import Foundation

/// `{"findings": [{severity, kind, feature, scope, file, line, column, message}], "summary": {errors, warnings}}`
/// on stdout; `file` relative to the client root or the content folder.
public struct JSONReporter: Sendable {
    public var paths: FindingPaths

    public init(paths: FindingPaths) { self.paths = paths }

    public func report(_ diagnostics: [Diagnostic]) -> String {
        let findings: [[String: Any]] = diagnostics.map { d in
            [
                "severity": d.severity.rawValue, "kind": d.kind,
                "feature": d.feature.map { $0 as Any } ?? NSNull(), "scope": d.scope.map { $0 as Any } ?? NSNull(),
                "file": d.location.map { paths.relative($0.file) as Any } ?? NSNull(),
                "line": d.location.map { $0.line as Any } ?? NSNull(),
                "column": d.location.map { $0.column as Any } ?? NSNull(),
                "message": d.message,
            ]
        }
        let root: [String: Any] = [
            "findings": findings,
            "summary": [
                "errors": diagnostics.filter { $0.severity == .error }.count,
                "warnings": diagnostics.filter { $0.severity == .warning }.count,
            ],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
