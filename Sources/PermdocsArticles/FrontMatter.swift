import PermdocsDiagnostics
import PermdocsLoad
import PermdocsModel
import PermdocsSupport

/// An article's front matter: `title` (required), `slug`, `summary`, `nav_title`, `order`.
struct FrontMatter: Equatable {
    var title: Located<String>?
    var slug: Located<String>?
    var summary: String?
    var navTitle: String?
    var order: Int?

    /// Reads the lines between the `---` lines (`yaml` starts on line 2 of the file).
    static func read(_ yaml: ArraySlice<UInt8>, file: String, into diagnostics: inout Diagnostics) -> FrontMatter {
        simple(yaml, file: file) ?? withYAML(yaml, file: file, into: &diagnostics)
    }

    /// Through the YAML loader, with every check and its located errors.
    static func withYAML(_ yaml: ArraySlice<UInt8>, file: String, into diagnostics: inout Diagnostics) -> FrontMatter {
        let start = SourceLocation(file: file, line: 1, column: 1)
        // Loaded with the file's line numbers: line 1 is the opening '---'.
        let document = YAMLLoader(maxDepth: 8).load(bytes: [UInt8(ascii: "\n")] + Array(yaml), file: file)
        diagnostics.append(contentsOf: document.diagnostics.filter { $0.kind != YAMLRule.emptyFile.id })
        var reader = NodeReader()
        var front = FrontMatter()
        if let root = document.root,
            let map = reader.mapping(
                root, what: "the front matter", required: ["title"], optional: ["slug", "summary", "order", "nav_title"])
        {
            front.title = reader.string(in: map, "title")
            front.slug = reader.string(in: map, "slug")
            front.summary = reader.string(in: map, "summary")?.value
            front.navTitle = reader.string(in: map, "nav_title")?.value
            if let node = map.value("order") {
                if let n = node.scalar?.int {
                    front.order = n
                } else {
                    reader.diagnostics.error(ModelRule.wrongType, "'order' must be a whole number", at: node.location)
                }
            }
        } else if document.root == nil, !document.diagnostics.contains(where: { $0.severity == .error && $0.kind != YAMLRule.emptyFile.id })
        {
            // An empty front matter (only '---' lines, or blank and comment lines between them)
            // holds no document: it lacks 'title' like any other front matter without it.
            reader.diagnostics.error(ModelRule.missingKey, "the front matter is missing required key 'title'", at: start)
        }
        diagnostics.append(contentsOf: reader.diagnostics.all)
        return front
    }

    /// The usual front matter read without a YAML parser: one `key: value` per line at column 1,
    /// each key known and once, values on one line — plain (starting with a letter or digit, no
    /// `: ` or ` #`), or single- or double-quoted without escapes — plus empty and comment lines.
    /// Anything else (and anything that would be an error) returns nil and goes through
    /// `withYAML`; where this reader answers, it answers exactly as `withYAML` would (a test holds
    /// the two to each other).
    static func simple(_ yaml: ArraySlice<UInt8>, file: String) -> FrontMatter? {
        var front = FrontMatter()
        var seen = 0
        var lineNumber = 2
        var i = yaml.startIndex
        let end = yaml.endIndex
        let (newline, space) = (UInt8(ascii: "\n"), UInt8(ascii: " "))
        while i < end {
            var lineEnd = i
            while lineEnd < end, yaml[lineEnd] != newline { lineEnd += 1 }
            defer {
                i = lineEnd + 1
                lineNumber += 1
            }
            if lineEnd == i || yaml[i] == UInt8(ascii: "#") { continue }  // empty line, '# comment'
            var k = i
            while k < lineEnd, ASCII.isLower(yaml[k]) || yaml[k] == UInt8(ascii: "_") { k += 1 }
            guard k > i, k + 1 < lineEnd, yaml[k] == UInt8(ascii: ":"), yaml[k + 1] == space else { return nil }
            let key = String(decoding: yaml[i..<k], as: UTF8.self)
            let bit: Int
            switch key {
            case "title": bit = 1
            case "slug": bit = 2
            case "summary": bit = 4
            case "order": bit = 8
            case "nav_title": bit = 16
            default: return nil
            }
            guard seen & bit == 0 else { return nil }
            seen |= bit
            var v = k + 1
            while v < lineEnd, yaml[v] == space { v += 1 }
            guard v < lineEnd, let text = value(yaml[v..<lineEnd]) else { return nil }
            guard text.utf8.contains(where: { $0 != space }) else { return nil }
            let located = Located(text, at: SourceLocation(file: file, line: lineNumber, column: v - i + 1))
            switch key {
            case "title": front.title = located
            case "slug": front.slug = located
            case "summary": front.summary = text
            case "nav_title": front.navTitle = text
            default:
                guard yaml[v] != UInt8(ascii: "\""), yaml[v] != UInt8(ascii: "'"), text.utf8.count <= 9, text.utf8.allSatisfy(ASCII.isDigit)
                else { return nil }
                front.order = Int(text)
            }
        }
        return front.title == nil ? nil : front
    }

    /// One value: the text of a quoted or plain scalar that needs no YAML rule beyond the obvious.
    private static func value(_ v: ArraySlice<UInt8>) -> String? {
        var last = v.endIndex
        let (space, doubleQuote, singleQuote) = (UInt8(ascii: " "), UInt8(ascii: "\""), UInt8(ascii: "'"))
        while last > v.startIndex, v[last - 1] == space { last -= 1 }
        let quote = v[v.startIndex]
        let inner: ArraySlice<UInt8>
        if quote == doubleQuote || quote == singleQuote {
            guard last - v.startIndex >= 2, v[last - 1] == quote else { return nil }
            inner = v[(v.startIndex + 1)..<(last - 1)]
            // No escapes, no quote inside ('' in single quotes is one), nothing after the closing one.
            guard !inner.contains(quote), quote == singleQuote || !inner.contains(UInt8(ascii: "\\")) else { return nil }
        } else {
            let first = quote
            guard ASCII.isDigit(first) || ASCII.isUpper(first) || ASCII.isLower(first) || first >= 0x80 else { return nil }
            inner = v[v.startIndex..<last]
            var previous: UInt8 = 0
            for (n, b) in zip(inner.indices, inner) {
                // ': ' (or ':' at the end) makes a mapping; ' #' starts a comment.
                if b == UInt8(ascii: ":"), n + 1 == inner.endIndex || inner[n + 1] == space { return nil }
                if b == UInt8(ascii: "#"), previous == space { return nil }
                switch b {
                case UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "\t"): return nil
                default: break
                }
                previous = b
            }
            let text = String(decoding: inner, as: UTF8.self)
            if text == "null" || text == "Null" || text == "NULL" { return nil }
        }
        // Control characters, and what YAML 1.1 reads as line breaks or a byte order mark
        // (U+0085, U+2028, U+2029, U+FEFF), are the YAML parser's to judge.
        var k = inner.startIndex
        while k < inner.endIndex {
            let b = inner[k]
            if b < 0x20 || b == 0x7F { return nil }
            if b == 0xC2, k + 1 < inner.endIndex, inner[k + 1] < 0xA0 { return nil }
            if b == 0xE2, k + 2 < inner.endIndex, inner[k + 1] == 0x80, inner[k + 2] == 0xA8 || inner[k + 2] == 0xA9 { return nil }
            if b == 0xEF, k + 2 < inner.endIndex, inner[k + 1] == 0xBB, inner[k + 2] == 0xBF { return nil }
            k += 1
        }
        return String(decoding: inner, as: UTF8.self)
    }
}
