import Foundation
import PermdocsConsent
import PermdocsMarkdown
import PermdocsModel
import PermdocsTemplates
import PermdocsValidate

/// The "Permission changes" page and its Atom feed, from `changes.yaml`: each entry with what it
/// means for admins (who must consent again under each tenant setting, from the consent model) and
/// a link to grant consent again. Only built when the content has a change log.
package enum ChangesPage {
    package static let page = "changes.html"
    package static let feed = "changes.xml"

    /// One log entry, resolved against the catalog and the consent model.
    package struct Entry {
        package var anchor: String
        package var date: String
        package var feature: String
        package var title: String
        package var added: [String]
        package var removed: [String]
        package var note: String?
        package var reconsent: [ScopeChanges.Reconsent]
        /// The feature's first entry: its launch, when nobody has consented yet.
        package var isFirst: Bool

        /// Settings in which each user is asked again, and in which an admin must grant again.
        package var usersAgain: [TenantSettings] { reconsent.filter { $0.outcome == .user }.map(\.settings) }
        package var adminAgain: [TenantSettings] { reconsent.filter { $0.outcome.needsAdmin }.map(\.settings) }
        package var conditional: Bool { reconsent.contains { if case .userIfClassifiedLowImpact = $0.outcome { true } else { false } } }

        package var headline: String {
            var parts: [String] = []
            if !added.isEmpty { parts.append("\(added.joined(separator: ", ")) added") }
            if !removed.isEmpty { parts.append("\(removed.joined(separator: ", ")) removed") }
            return "\(title): \(parts.joined(separator: "; "))"
        }
    }

    /// The log's entries, newest first (as written), with anchors unique on the page.
    package static func entries(_ log: ChangeLog, catalog: Catalog, model: ConsentModel) -> [Entry] {
        var seen: [String: Int] = [:]
        return log.entries.enumerated().map { index, e in
            let feature = catalog.feature(e.feature.value)
            let base = "change-\(e.date.value)-\(e.feature.value)"
            seen[base, default: 0] += 1
            let anchor = seen[base]! == 1 ? base : "\(base)-\(seen[base]!)"
            let canonical = { (s: Located<String>) in model.reference.delegated(s.value)?.value ?? s.value }
            let reconsent = feature.map { ScopeChanges.reconsent(adding: e.added, to: $0, model: model) } ?? []
            return Entry(
                anchor: anchor, date: e.date.value, feature: e.feature.value, title: feature?.title.value ?? e.feature.value,
                added: e.added.map(canonical), removed: e.removed.map(canonical), note: e.note?.value, reconsent: reconsent,
                isFirst: !log.entries[(index + 1)...].contains { $0.feature.value == e.feature.value })
        }
    }

    /// The newest entry of each feature: "Last changed" beside its permission table.
    package static func lastChanged(_ log: ChangeLog?) -> [String: String] {
        var out: [String: String] = [:]
        for e in log?.entries ?? [] where out[e.feature.value] == nil { out[e.feature.value] = e.date.value }
        return out
    }

    package static func context(_ log: ChangeLog, contexts: Contexts, articleHref: String?) -> TemplateValue {
        let items: [TemplateValue] = entries(log, catalog: contexts.content.catalog, model: contexts.consentModel).map { e in
            [
                "id": .text(e.anchor), "date": .text(e.date), "date_long": .text(Contexts.longDate(e.date)),
                "feature_id": .text(e.feature), "feature_title": .text(e.title),
                "added": Contexts.nameList(e.added), "has_added": .bool(!e.added.isEmpty),
                "removed": Contexts.nameList(e.removed), "has_removed": .bool(!e.removed.isEmpty),
                "note_html": .text(e.note.map(contexts.inline) ?? ""), "has_note": .bool(e.note != nil),
                "users_again": Contexts.nameList(e.usersAgain.map(\.phrase), conjunction: "or"),
                "has_users_again": .bool(!e.usersAgain.isEmpty),
                "admin_again": Contexts.nameList(e.adminAgain.map(\.phrase), conjunction: "or"),
                "has_admin_again": .bool(!e.adminAgain.isEmpty),
                "conditional": .bool(e.conditional), "first": .bool(e.isFirst),
                "consent_href": .text("\(contexts.consentHref)#consent-\(e.feature)"),
            ]
        }
        return [
            "app_name": .text(contexts.appName),
            "note_html": .text(log.note.map { contexts.inline($0.value) } ?? ""), "has_note": .bool(log.note != nil),
            "entries": .list(items), "has_entries": .bool(!items.isEmpty), "feed_href": .text(feed),
            "article_href": .text(articleHref ?? ""), "has_article": .bool(articleHref != nil),
        ]
    }

    // MARK: - Atom (RFC 4287)

    /// `changes.xml`: one entry per log entry, ids stable across builds (`tag:` URIs, RFC 4151, on
    /// the app's redirect host and the entry's date), `updated` at midnight UTC of the entry's date.
    package static func atom(_ log: ChangeLog, catalog: Catalog, model: ConsentModel) -> String {
        let items = entries(log, catalog: catalog, model: model)
        let host = URLComponents(string: catalog.app.redirectURI.value)?.host?.lowercased() ?? "localhost"
        let app = catalog.app.name.value
        let first = items.last?.date ?? "2000-01-01"
        var out = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <id>tag:\(host),\(first):permdocs/changes</id>
              <title>\(xml(app)): permission changes</title>
              <subtitle>Microsoft Graph permissions \(xml(app)) added or removed, and who must consent again.</subtitle>
              <updated>\(items.first?.date ?? first)T00:00:00Z</updated>
              <author><name>\(xml(app)) help center</name></author>
              <link rel="self" type="application/atom+xml" href="\(feed)"/>
              <link rel="alternate" type="text/html" href="\(page)"/>
              <generator>permdocs</generator>

            """
        for e in items {
            out += """
                  <entry>
                    <id>tag:\(host),\(e.date):permdocs/\(e.anchor)</id>
                    <title>\(xml(e.headline))</title>
                    <updated>\(e.date)T00:00:00Z</updated>
                    <link rel="alternate" type="text/html" href="\(page)#\(e.anchor)"/>
                    <summary type="text">\(xml(summary(e)))</summary>
                  </entry>

                """
        }
        return out + "</feed>\n"
    }

    /// The entry in plain text: the note, then who must act.
    package static func summary(_ e: Entry) -> String {
        var parts: [String] = []
        if let note = e.note { parts.append(note) }
        let again = e.isFirst ? "" : " again"
        if !e.usersAgain.isEmpty {
            parts.append("Each user is asked to consent\(again) where \(Contexts.phrase(e.usersAgain.map(\.phrase), conjunction: "or")).")
        }
        if !e.adminAgain.isEmpty {
            parts.append("An admin must grant consent\(again) where \(Contexts.phrase(e.adminAgain.map(\.phrase), conjunction: "or")).")
        }
        if e.conditional {
            parts.append(
                "Where user consent is limited to verified publishers, users consent\(again) only to permissions the tenant classified as low impact."
            )
        }
        if e.added.isEmpty { parts.append("Nobody is asked to consent again.") }
        return parts.joined(separator: " ")
    }

    /// XML text escaping (the five predefined entities).
    package static func xml(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case _ where c.value < 0x20 && c != "\n" && c != "\t": out += " "
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
