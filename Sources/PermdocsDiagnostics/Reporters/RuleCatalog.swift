/// Every rule a run can report, in the order SARIF lists them in its driver (results point at
/// them by `ruleIndex`). The rules themselves are declared by the stages that report them; the
/// command line gathers them (`RuleCatalog.permdocs`).
public struct RuleCatalog: Sendable {
    public let rules: [any Rule]
    private let index: [String: Int]

    /// `rules` in SARIF order; each id once.
    public init(_ rules: [any Rule]) {
        self.rules = rules
        index = Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        precondition(index.count == rules.count, "permdocs: a rule is listed twice in the catalog")
    }

    /// Where the rule `id` is in `rules`.
    public func position(of id: String) -> Int? { index[id] }
}
