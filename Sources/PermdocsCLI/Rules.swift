import PermdocsArticles
import PermdocsDiagnostics
import PermdocsDrift
import PermdocsLinks
import PermdocsLoad
import PermdocsModel
import PermdocsSite
import PermdocsSupport
import PermdocsTemplates
import PermdocsValidate

extension RuleCatalog {
    /// Every rule of every stage. The order is the one SARIF output has always had (results
    /// point at rules by position), so it is written out here rather than derived; `every` must
    /// hold the same rules, which the test target checks.
    public static let permdocs = RuleCatalog([
        // Scope drift (client code and app registration against the catalog).
        DriftRule.undocumentedScope, DriftRule.missingInClient, CatalogRule.scopeCase, CatalogRule.unknownScope,
        CatalogRule.duplicateScope, DriftRule.nonLiteral, DriftRule.anchorNotFound, DriftRule.anchorAmbiguous, DriftRule.keyNotFound,
        DriftRule.fileNotFound,
        DriftRule.manifestMissing, DriftRule.manifestExtra,
        // Catalog and procedures.
        ModelRule.unknownKey, ModelRule.missingKey, ModelRule.wrongType, ModelRule.emptyValue, ModelRule.invalidValue,
        ModelRule.conflictingKeys, CatalogRule.invalidID, CatalogRule.duplicateID, CatalogRule.invalidClientID,
        CatalogRule.invalidRedirectURI, CatalogRule.invalidURL, CatalogRule.placeholderApp, CatalogRule.defaultCombined,
        CatalogRule.missingDescription, CatalogRule.unusedScope, CatalogRule.unresolvedReference, CatalogRule.invalidStep,
        CatalogRule.unreachableChoice, CatalogRule.checklistChoiceMissing, CatalogRule.unloggedScopeChange,
        CatalogRule.changeLogContradiction, CatalogRule.changeLogOrder, CatalogRule.unknownErrorCode,
        // YAML and input files.
        YAMLRule.syntax, YAMLRule.duplicateKey, YAMLRule.anchor, YAMLRule.alias, YAMLRule.tag, YAMLRule.complexKey,
        YAMLRule.multipleDocuments, YAMLRule.emptyFile, YAMLRule.tooDeep, InputRule.invalidUTF8, InputRule.nulByte,
        InputRule.fileTooLarge, InputRule.symlinkOutside, YAMLRule.libyamlFailed,
        // Articles, the site and templates.
        ArticleRule.missingFrontMatter, ArticleRule.duplicateSlug, ArticleRule.reservedSlug, ArticleRule.directiveSyntax,
        ArticleRule.unknownDirective, ArticleRule.duplicateDirective, ArticleRule.unusedProcedure, LinkRule.brokenLink,
        TemplateRule.syntax, TemplateRule.unsupported, TemplateRule.unknownVariable, TemplateRule.unknownPartial,
        TemplateRule.type, TemplateRule.missing, TemplateRule.duplicateTemplate, TemplateRule.recursivePartial,
        // Added later: at the end, so earlier rules keep their SARIF positions.
        LinkRule.repeatedID, ArticleRule.ignoredArticleFile, CatalogRule.windowsReservedName, ArticleRule.unsafeCodeValue,
        DriftRule.pathOutsideClient, CatalogRule.ignoredProcedureFile,
    ])

    /// Every rule each stage declares, stage by stage.
    public static let every: [any Rule] = [
        cases(of: InputRule.self), cases(of: YAMLRule.self), cases(of: ModelRule.self), cases(of: CatalogRule.self),
        cases(of: DriftRule.self), cases(of: TemplateRule.self), cases(of: ArticleRule.self), cases(of: LinkRule.self),
    ].flatMap { $0 }

    private static func cases<R: Rule & CaseIterable>(of _: R.Type) -> [any Rule] { R.allCases.map { $0 } }
}
