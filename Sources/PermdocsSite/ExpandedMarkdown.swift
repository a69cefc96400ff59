import PermdocsLinks
import PermdocsArticles

extension SiteBuilder {
    /// Each article's Markdown as cmark receives it, with every directive line replaced by its
    /// HTML as a raw HTML block (blank lines inside dropped, so it stays one block): what
    /// `permdocs build --expanded-markdown` writes, and what the benchmark's cmark-alone limit
    /// renders.
    public func expandedMarkdown(_ prepared: Prepared) -> [(name: String, bytes: [UInt8])] {
        let newline = UInt8(ascii: "\n")
        let colon = UInt8(ascii: ":")
        let space = UInt8(ascii: " ")
        let parts = parts(articles: prepared.articles, templates: prepared.templates, links: SharedLinkTable())
        let context = parts.contexts.article(checklists: parts.checklistLinks)
        let values = SplicedValues(articles: prepared.articles, context: context)
        return prepared.articles.enumerated().map { articleIndex, article in
            var markdown: [UInt8] = []
            for piece in article.template.markdown(context, values: values, source: article.source, code: prepared.codePlaces[articleIndex])
                .pieces
            {
                markdown.append(contentsOf: piece)
            }
            var out: [UInt8] = []
            out.reserveCapacity(markdown.count * 3)
            var lineStart = 0
            var number = 1
            while lineStart <= markdown.count {
                defer { number += 1 }
                let lineEnd = markdown[lineStart...].firstIndex(of: newline) ?? markdown.count
                let line = markdown[lineStart..<lineEnd]
                if line.starts(with: [colon, colon]),
                    let index = parts.block(article, articleIndex, line: line, number: number)
                {
                    var html = parts.blockHTML[index][...]
                    while html.last == newline { html = html.dropLast() }
                    var previous = newline
                    for b in html where !(b == newline && previous == newline) {
                        out.append(b)
                        previous = b
                    }
                } else if !line.allSatisfy({ $0 == space }) {
                    // Lines of spaces (the front matter, blanked) are written empty.
                    out.append(contentsOf: line)
                }
                if lineEnd < markdown.count { out.append(newline) }
                lineStart = lineEnd + 1
            }
            return (article.slug.value + ".md", out)
        }
    }
}
