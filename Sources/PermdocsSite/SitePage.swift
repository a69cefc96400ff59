import PermdocsPages
import PermdocsArticles

/// One HTML page the site renders. The kinds come in the order they are rendered: the site-wide
/// pages first (each goes over every procedure or feature), so one of them never runs last alone
/// on a core, then the articles.
enum SitePage {
    /// A printable checklist for one admin scenario.
    case checklist(Checklist)
    /// `consent.html`, which also writes the consent links and `permissions.json` as data.
    case consent
    /// `index.html`.
    case index
    /// `changes.html`, the permission change log for admins, which also writes its Atom feed
    /// (only when the content has `changes.yaml`).
    case changes
    /// The article at this position of the site's articles.
    case article(Int)

    /// Every page of a site, in rendering order.
    static func all(checklists: [Checklist], articles: [Article], hasChangeLog: Bool) -> [SitePage] {
        checklists.map(SitePage.checklist) + [.consent, .index] + (hasChangeLog ? [.changes] : []) + articles.indices.map(SitePage.article)
    }

    /// The page's file name.
    func href(articles: [Article]) -> String {
        switch self {
        case .checklist(let c): c.href
        case .consent: SiteBuilder.consentPage
        case .index: SiteBuilder.indexPage
        case .changes: ChangesPage.page
        case .article(let i): articles[i].href
        }
    }
}
