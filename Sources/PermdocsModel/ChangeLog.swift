public import PermdocsDiagnostics
public import PermdocsLoad

/// `content/changes.yaml`: the docs team's log of permission changes, newest first. Replaying it
/// from the oldest entry yields each feature's current scopes; `check` holds it to the catalog, and
/// the site turns it into a "Permission changes" page and an Atom feed for customers' admins.
public struct ChangeLog: Sendable {
    public struct Entry: Sendable {
        /// ISO 8601 calendar date, `YYYY-MM-DD`.
        public var date: Located<String>
        public var feature: Located<String>
        public var added: [Located<String>]
        public var removed: [Located<String>]
        /// Inline Markdown: what changed for users and admins.
        public var note: Located<String>?
        public var location: SourceLocation
    }

    public var file: String
    /// Optional Markdown shown above the entries (e.g. that the log is example data).
    public var note: Located<String>?
    /// Newest first, as written.
    public var entries: [Entry]

    public init(file: String, note: Located<String>?, entries: [Entry]) {
        self.file = file
        self.note = note
        self.entries = entries
    }

    /// Entries of one feature, newest first.
    public func entries(of feature: String) -> [Entry] { entries.filter { $0.feature.value == feature } }
}

/// Builds a `ChangeLog` from the located YAML tree of `changes.yaml`, reporting structural problems.
/// Whether the log agrees with the catalog is the validate stage's business.
public enum ChangeLogDecoder {
    public static func decode(_ root: YAMLNode, file: String, into reader: inout NodeReader) -> ChangeLog? {
        guard let top = reader.mapping(root, what: "the change log", shape: ChangeLogShape.top) else { return nil }
        let note = reader.string(in: top, "note")
        var entries: [ChangeLog.Entry] = []
        if let node = top.value("changes") {
            for item in reader.list(node, name: "changes") {
                guard
                    let map = reader.mapping(
                        item, what: "a change", shape: ChangeLogShape.change)
                else { continue }
                guard let date = reader.string(in: map, "date"), let feature = reader.string(in: map, "feature") else { continue }
                if !isISODate(date.value) {
                    reader.diagnostics.error(ModelRule.invalidValue, "'\(date.value)' is not a date: write YYYY-MM-DD", at: date.location)
                }
                let added = reader.stringList(in: map, "added")
                let removed = reader.stringList(in: map, "removed")
                if added.isEmpty && removed.isEmpty {
                    reader.diagnostics.error(
                        ModelRule.emptyValue, "a change adds or removes at least one scope ('added', 'removed')", at: item.location)
                }
                entries.append(
                    ChangeLog.Entry(
                        date: date, feature: feature, added: added, removed: removed,
                        note: reader.string(in: map, "note"), location: item.location))
            }
        }
        return ChangeLog(file: file, note: note, entries: entries)
    }

    /// `YYYY-MM-DD` with a month 1–12 and a day the month can have (leap years included).
    public static func isISODate(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m)
        else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return (1...days[m - 1]).contains(d)
    }
}
