/// Collects findings in the order they are produced and answers whether a run failed.
public struct Diagnostics: Sendable {
    public private(set) var all: [Diagnostic] = []

    public init(_ diagnostics: [Diagnostic] = []) { self.all = diagnostics }

    public mutating func append(_ diagnostic: Diagnostic) { all.append(diagnostic) }
    public mutating func append(contentsOf other: [Diagnostic]) { all.append(contentsOf: other) }

    public mutating func error(
        _ rule: some Rule, _ message: String, at location: SourceLocation?, notes: [Diagnostic.Note] = [], feature: String? = nil,
        scope: String? = nil
    ) {
        all.append(.error(rule, message, at: location, notes: notes, feature: feature, scope: scope))
    }

    public mutating func warning(
        _ rule: some Rule, _ message: String, at location: SourceLocation?, notes: [Diagnostic.Note] = [], feature: String? = nil,
        scope: String? = nil
    ) {
        all.append(.warning(rule, message, at: location, notes: notes, feature: feature, scope: scope))
    }

    public var errorCount: Int { all.lazy.filter { $0.severity == .error }.count }
    public var warningCount: Int { all.lazy.filter { $0.severity == .warning }.count }
    public var hasErrors: Bool { all.contains { $0.severity == .error } }
    public var hasWarnings: Bool { all.contains { $0.severity == .warning } }

    /// Findings sorted by file, line and column; findings without a place come first. Stable for equal places.
    public var sorted: [Diagnostic] {
        all.enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case let (l?, r?): return l == r ? a.offset < b.offset : l < r
            case (nil, _?): return true
            case (_?, nil): return false
            case (nil, nil): return a.offset < b.offset
            }
        }.map(\.element)
    }
}
