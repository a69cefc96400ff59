/// A kind of finding: a stable id that every output format uses (`[unknown-scope]`, JSON `kind`,
/// SARIF `ruleId`), the severity it is usually reported with, and what it means.
///
/// Each stage declares its rules once, in one enum beside the code that reports them
/// (`InputRule`, `YAMLRule`, `ModelRule`, `CatalogRule`, `DriftRule`, `TemplateRule`,
/// `ArticleRule`, `LinkRule`), and reports with the case, never with a string: a misspelt rule is
/// a compile error. `RuleCatalog` gathers them for SARIF's rule list.
public protocol Rule: Sendable {
    var id: String { get }
    var severity: Diagnostic.Severity { get }
    var explanation: String { get }
}

extension Rule where Self: RawRepresentable, RawValue == String {
    public var id: String { rawValue }
}
