/// `{"findings": [{severity, kind, feature, scope, file, line, column, message}], "summary": {errors, warnings}}`
/// on stdout; `file` relative to the client root or the content folder.
public struct JSONReporter: Sendable {
    public var paths: FindingPaths

    public init(paths: FindingPaths) { self.paths = paths }

    public func report(_ diagnostics: [Diagnostic]) -> String {
        let findings: [JSONText] = diagnostics.map { d in
            .object([
                "severity": .string(d.severity.rawValue), "kind": .string(d.kind),
                "feature": .optional(d.feature), "scope": .optional(d.scope),
                "file": .optional(d.location.map { paths.relative($0.file) }),
                "line": d.location.map { .int($0.line) } ?? .null,
                "column": d.location.map { .int($0.column) } ?? .null,
                "message": .string(d.message),
            ])
        }
        return JSONText.object([
            "findings": .array(findings),
            "summary": .object([
                "errors": .int(diagnostics.filter { $0.severity == .error }.count),
                "warnings": .int(diagnostics.filter { $0.severity == .warning }.count),
            ]),
        ]).rendered
    }
}
