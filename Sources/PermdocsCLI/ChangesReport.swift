import Foundation
import PermdocsConsent
import PermdocsDiagnostics

/// `permdocs changes` output: the same facts as text, Markdown and JSON.
struct ChangesReport {
    let changes: ScopeChanges
    let appName: String
    let date: String

    static func today() -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: Date())
    }

    /// Who must act under one setting, as a phrase after "In tenants where …".
    static func consequence(_ outcome: ConsentOutcome, feature: String) -> String {
        switch outcome {
        case .user: "each user is asked to consent again the next time they connect"
        case .admin: "an admin must grant consent again before \(feature) works again"
        case .userIfClassifiedLowImpact:
            "each user consents again only if the tenant classified the new permissions as low impact (and the publisher is verified); otherwise an admin must grant consent again"
        }
    }

    static func settingName(_ s: TenantSettings) -> String {
        s.assignmentRequired ? "Assignment required? is Yes" : "user consent is set to “\(s.userConsent.label)”"
    }

    /// The entry to paste at the top of `changes:` in changes.yaml.
    func logEntry() -> String {
        var out = ""
        for f in changes.features {
            out += "  - date: \(date)\n    feature: \(f.id)\n"
            if !f.added.isEmpty { out += "    added: [\(f.added.joined(separator: ", "))]\n" }
            if !f.removed.isEmpty { out += "    removed: [\(f.removed.joined(separator: ", "))]\n" }
            out += "    # note: what changes for users and admins (Markdown)\n"
        }
        return out
    }

    func text() -> String {
        guard !changes.isEmpty else { return "No feature's scopes changed.\n" }
        var out = ""
        for f in changes.features {
            var what: [String] = []
            if !f.added.isEmpty { what.append("added \(f.added.joined(separator: ", "))") }
            if !f.removed.isEmpty { what.append("removed \(f.removed.joined(separator: ", "))") }
            out += "\(f.title) (\(f.id))\(f.isNew ? ", a new feature" : f.isGone ? ", removed" : ""): \(what.joined(separator: "; "))\n"
            for r in f.reconsent {
                out += "  - In tenants where \(Self.settingName(r.settings)), \(Self.consequence(r.outcome, feature: f.title)).\n"
            }
            if f.added.isEmpty { out += "  - Nobody is asked to consent again: \(appName) asks for less.\n" }
        }
        out += "\nLog entry for changes.yaml (add it at the top of `changes:`):\n" + logEntry()
        return out
    }

    func markdown() -> String {
        guard !changes.isEmpty else { return "### Permission changes\n\nNo feature's scopes changed.\n" }
        func code(_ names: [String]) -> String { names.map { "`\($0)`" }.joined(separator: ", ") }
        var out = "### Permission changes\n\n| Feature | Added | Removed |\n|---|---|---|\n"
        for f in changes.features {
            out +=
                "| \(f.title) (`\(f.id)`)\(f.isNew ? " — new" : f.isGone ? " — removed" : "") | \(code(f.added)) | \(code(f.removed)) |\n"
        }
        for f in changes.features where !f.reconsent.isEmpty {
            out += "\n#### \(f.title): who must consent again\n\n| In tenants where | Before \(f.title) works again |\n|---|---|\n"
            for r in f.reconsent {
                out += "| \(Self.settingName(r.settings)) | \(Self.consequence(r.outcome, feature: f.title)) |\n"
            }
        }
        out += "\n<details><summary>Entry for <code>changes.yaml</code></summary>\n\n```yaml\n" + logEntry() + "```\n\n</details>\n"
        return out
    }

    func json() -> String {
        let features: [JSONText] = changes.features.map { f in
            let who = Dictionary(f.reconsent.map { ($0.settings.key, JSONText.string($0.outcome.code)) }, uniquingKeysWith: { a, _ in a })
            return .object([
                "feature": .string(f.id), "title": .string(f.title),
                "added": .array(f.added.map(JSONText.string)), "removed": .array(f.removed.map(JSONText.string)),
                "new": .bool(f.isNew), "removed_feature": .bool(f.isGone), "who_must_consent_again": .object(who),
            ])
        }
        return JSONText.object(["changes": .array(features), "log_entry": .string(logEntry())]).rendered
    }
}
