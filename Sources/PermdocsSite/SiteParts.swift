import PermdocsLinks
import PermdocsPages
import PermdocsArticles
import PermdocsModel
import PermdocsSupport
import PermdocsTemplates

/// What every page shares: where procedures are shown, the contexts, the checklists, and
/// each distinct directive's HTML (`::permissions mailbox` is the same on every page), with
/// its links and ids read once (into the link check's `SharedLinkTable`).
/// A class: the page workers share one instance instead of copying (and retaining) every
/// field of it per page.
final class SiteParts {
    let ordered: [Procedure]
    let checklists: [Checklist]
    let checklistLinks: [TemplateValue]
    let procedureHref: [String: String]
    let contexts: Contexts
    /// Block numbers by directive words, for articles whose template moves lines.
    let blockIndex: [String: Int]
    /// Each article's directives' block numbers, in order.
    let articleBlocks: [[Int]]
    let blockHTML: [[UInt8]]
    /// Each block's links, for the link check.
    let blockLinks: [SharedLinks]
    /// Each block's ids, which headings on its pages avoid.
    let blockIDs: [Set<String>]
    /// The block number of each thing a directive can show (`Directive.block`), -1 when no
    /// article shows it.
    let blockNumbers: [Int]

    init(
        ordered: [Procedure], checklists: [Checklist], checklistLinks: [TemplateValue], procedureHref: [String: String],
        contexts: Contexts, blockIndex: [String: Int], articleBlocks: [[Int]], blockHTML: [[UInt8]], blockLinks: [SharedLinks],
        blockIDs: [Set<String>], blockNumbers: [Int]
    ) {
        self.ordered = ordered
        self.checklists = checklists
        self.checklistLinks = checklistLinks
        self.procedureHref = procedureHref
        self.contexts = contexts
        self.blockIndex = blockIndex
        self.articleBlocks = articleBlocks
        self.blockHTML = blockHTML
        self.blockLinks = blockLinks
        self.blockIDs = blockIDs
        self.blockNumbers = blockNumbers
    }

    /// The same parts with article `index`'s blocks replaced (`permdocs serve`, after an edit
    /// that shows nothing new); nil when the article shows something no block holds yet.
    func replacing(article index: Int, with article: Article) -> SiteParts? {
        var numbers: [Int] = []
        for key in article.directiveKeys {
            let n = blockNumbers[key.block]
            if n < 0 { return nil }
            numbers.append(n)
        }
        // A template that moves lines finds its blocks by their words, which only a full render indexes.
        if !article.template.keepsLines { return nil }
        var blocks = articleBlocks
        blocks[index] = numbers
        return SiteParts(
            ordered: ordered, checklists: checklists, checklistLinks: checklistLinks, procedureHref: procedureHref, contexts: contexts,
            blockIndex: blockIndex, articleBlocks: blocks, blockHTML: blockHTML, blockLinks: blockLinks, blockIDs: blockIDs,
            blockNumbers: blockNumbers)
    }

    /// The block for directive line `number` (its bytes `line`) of article `index`: found by
    /// its line while the template keeps the lines (the usual case), else by its words.
    func block(_ article: Article, _ index: Int, line: ArraySlice<UInt8>, number: Int) -> Int? {
        if article.template.keepsLines {
            return article.directiveKeys.firstIndex { $0.line == number }.map { articleBlocks[index][$0] }
        }
        return blockIndex[line.withUnsafeBufferPointer(Directive.normalized)]
    }
}

extension SiteBuilder {
    func parts(articles: [Article], templates: TemplateSet, links: SharedLinkTable) -> SiteParts {
        let appName = content.catalog.app.name.value
        let ordered = procedureOrder(articles)
        let checklists = Checklist.scenarios.map { Checklist(scenario: $0) }

        // Each procedure links to the first article that shows it.
        var firstArticle = [Int](repeating: -1, count: content.procedures.count)
        for (i, a) in articles.enumerated() {
            for n in a.procedureNumbers where firstArticle[n] < 0 { firstArticle[n] = i }
        }
        var procedureHref: [String: String] = [:]
        for (n, i) in firstArticle.enumerated() where i >= 0 {
            let id = content.procedures[n].id.value
            procedureHref[id] = "\(articles[i].href)#\(id)"
        }
        for c in checklists {
            for p in ordered where p.audience == .admin && p.applies(to: c.scenario) && procedureHref[p.id.value] == nil {
                procedureHref[p.id.value] = "\(c.href)#\(p.id.value)"
            }
        }
        let contexts = Contexts(content: content, reference: reference, procedureHref: procedureHref, consentHref: Self.consentPage)
        let checklistLinks = Self.checklistLinks(checklists, appName: appName, contexts: contexts)
        // One block per thing shown (`Directive.block`), numbered in order of first use.
        var blockOf = [Int](
            repeating: -1, count: Directive.blockCount(features: content.catalog.features.count, procedures: content.procedures.count))
        var blockIndex: [String: Int] = [:]
        var blockDirectives: [Directive] = []
        var articleBlocks: [[Int]] = []
        articleBlocks.reserveCapacity(articles.count)
        for a in articles {
            var numbers: [Int] = []
            numbers.reserveCapacity(a.directiveKeys.count)
            for (i, key) in a.directiveKeys.enumerated() {
                if blockOf[key.block] < 0 {
                    blockOf[key.block] = blockDirectives.count
                    blockDirectives.append(a.directives[i])
                }
                numbers.append(blockOf[key.block])
                // A template that moves lines: its directives are found again by their words.
                if !a.template.keepsLines { blockIndex[key.source] = blockOf[key.block] }
            }
            articleBlocks.append(numbers)
        }
        let work = UncheckedSendable((contexts, checklistLinks))
        let blocks: [([UInt8], SharedLinks)] = parallelMap(blockDirectives.count) { i in
            let (contexts, checklistLinks) = work.value
            let html = Array(
                renderDirective(blockDirectives[i], templates: templates, contexts: contexts, checklistLinks: checklistLinks).utf8)
            return (html, links.add(html))
        }
        return SiteParts(
            ordered: ordered, checklists: checklists, checklistLinks: checklistLinks, procedureHref: procedureHref,
            contexts: contexts, blockIndex: blockIndex, articleBlocks: articleBlocks, blockHTML: blocks.map(\.0),
            blockLinks: blocks.map(\.1), blockIDs: blocks.map { links.ids(of: $0.1) }, blockNumbers: blockOf)
    }

    /// The links to the checklists, as the index, the articles and `::checklists` show them.
    static func checklistLinks(_ checklists: [Checklist], appName: String, contexts: Contexts) -> [TemplateValue] {
        checklists.map {
            [
                "href": .text($0.href), "title": .text($0.title(app: appName)),
                "summary": .text($0.summary(app: appName, managedPolicyScopes: contexts.managedPolicyScopes)), "has_summary": true,
            ]
        }
    }

    /// What every article renders with (`{{app.name}}` and the like), without building the
    /// rest of the site's parts: it names no procedure's place.
    func articleContext() -> TemplateValue {
        let contexts = Contexts(content: content, reference: reference, procedureHref: [:], consentHref: Self.consentPage)
        let checklists = Checklist.scenarios.map { Checklist(scenario: $0) }
        return contexts.article(
            checklists: Self.checklistLinks(checklists, appName: content.catalog.app.name.value, contexts: contexts))
    }

    /// Procedures in the order articles first show them, then the rest by id.
    func procedureOrder(_ articles: [Article]) -> [Procedure] {
        var rank = [Int](repeating: Int.max, count: content.procedures.count)
        var next = 0
        for a in articles {
            for n in a.procedureNumbers where rank[n] == Int.max {
                rank[n] = next
                next += 1
            }
        }
        // `procedures` is sorted by id: among the unshown, index order is id order.
        return content.procedures.indices.sorted { (rank[$0], $0) < (rank[$1], $1) }.map { content.procedures[$0] }
    }

    func renderDirective(_ d: Directive, templates: TemplateSet, contexts: Contexts, checklistLinks: [TemplateValue]) -> String {
        switch d.name {
        case .permissions:
            guard let id = d.arguments.first?.value, let f = content.catalog.feature(id) else { return "" }
            return templates.render("permissions", contexts.permissions(f))
        case .procedure:
            guard let id = d.arguments.first?.value, let p = content.procedure(id) else { return "" }
            return templates.render("procedure", contexts.procedure(p, heading: d.options["heading"]?.value ?? "h3"))
        case .checklists:
            return templates.render("checklists", ["checklists": .list(checklistLinks)])
        }
    }
}
