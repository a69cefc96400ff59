import PermdocsPages
public import PermdocsArticles
public import PermdocsTemplates

extension SiteSchemas {
    /// What the templates folder must hold: the page templates and directive partials, checked
    /// against `all`.
    public static let contract = TemplateContract(schemas: all, pages: pages, partials: directivePartials)

    /// What an article's template tags may use: the `article` object.
    public static let articles = ArticleSchema(schemas: all, root: "article")
}
