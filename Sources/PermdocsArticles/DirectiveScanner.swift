import PermdocsDiagnostics
import PermdocsModel
import PermdocsValidate
import PermdocsSupport

/// Finds and checks directive lines in an article's raw Markdown, outside fenced code blocks.
enum DirectiveScanner {
    private static let newline = UInt8(ascii: "\n"), space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), colon = UInt8(ascii: ":")
    private static let backtick = UInt8(ascii: "`"), tilde = UInt8(ascii: "~")

    static func scan(body bytes: [UInt8], file: String, content: Content, into diagnostics: inout Diagnostics) -> [Directive] {
        // One pass over the bytes finds the lines that matter: fence lines and lines starting
        // with '::' (most lines are neither, and are not materialized).
        var candidates: [(line: Int, start: Int, end: Int)] = []
        candidates.reserveCapacity(16)
        var fence: (byte: UInt8, count: Int)?
        bytes.withUnsafeBufferPointer { b in
            let n = b.count
            var start = 0
            var line = 0
            guard let base = b.baseAddress else { return }
            while start <= n {
                let end = Bytes.find(newline, in: base, from: start, to: n) ?? n
                // Most lines start with a letter: neither a fence nor a directive.
                if end > start, let first = Optional(b[start]), first != space, first != backtick, first != tilde, first != colon {
                    start = end + 1
                    line += 1
                    continue
                }
                var j = start
                while j < end, b[j] == space, j - start < 4 { j += 1 }
                var isFence = false
                if j - start <= 3, j < end, b[j] == backtick || b[j] == tilde {
                    let marker = b[j]
                    var k = j
                    while k < end, b[k] == marker { k += 1 }
                    if k - j >= 3 {
                        isFence = true
                        if let open = fence {
                            var rest = k
                            while rest < end, ASCII.isBlank(b[rest]) { rest += 1 }
                            if marker == open.byte, k - j >= open.count, rest == end { fence = nil }
                        } else {
                            fence = (marker, k - j)
                        }
                    }
                }
                if !isFence, fence == nil, end - start >= 2, b[start] == colon, b[start + 1] == colon {
                    candidates.append((line, start, end))
                }
                start = end + 1
                line += 1
            }
        }
        func isBlank(_ from: Int, _ to: Int) -> Bool {
            var i = from
            while i < to {
                if !ASCII.isBlank(bytes[i]) && bytes[i] != UInt8(ascii: "\r") { return false }
                i += 1
            }
            return true
        }
        var found: [Directive] = []
        found.reserveCapacity(candidates.count)
        for candidate in candidates {
            let index = candidate.line
            let raw = bytes[candidate.start..<candidate.end]
            let lineNumber = index + 1
            let at = { (column: Int) in SourceLocation(file: file, line: lineNumber, column: column) }
            if zip(raw, raw.dropFirst()).contains(where: { $0 == UInt8(ascii: "{") && $1 == UInt8(ascii: "{") }) {
                diagnostics.error(
                    ArticleRule.directiveSyntax, "directive arguments must be literal; template tags are not allowed here", at: at(1))
                continue
            }
            // The previous line: from the start of the line before up to this line's start.
            var prevStart = candidate.start - 1
            if prevStart >= 0 {
                prevStart -= 1
                while prevStart >= 0, bytes[prevStart] != newline { prevStart -= 1 }
                prevStart += 1
            }
            let previousBlank = candidate.start == 0 || isBlank(prevStart, candidate.start - 1)
            let previousHeading = candidate.start > 0 && bytes[prevStart] == UInt8(ascii: "#")
            if !(previousBlank || previousHeading) {
                diagnostics.error(ArticleRule.directiveSyntax, "leave an empty line before a directive", at: at(1))
                continue
            }
            var nextEnd = candidate.end + 1
            while nextEnd < bytes.count, bytes[nextEnd] != newline { nextEnd += 1 }
            if candidate.end + 1 < bytes.count, !isBlank(candidate.end + 1, min(nextEnd, bytes.count)) {
                diagnostics.error(ArticleRule.directiveSyntax, "leave an empty line after a directive", at: at(1))
                continue
            }
            // Words with their columns (1-based, in Unicode scalars), split on spaces and tabs.
            var words: [Located<String>] = []
            words.reserveCapacity(4)
            var column = 3
            var k = candidate.start + 2
            while k < candidate.end {
                let b = bytes[k]
                if ASCII.isBlank(b) {
                    k += 1
                    column += 1
                    continue
                }
                let wordStart = k
                let wordColumn = column
                while k < candidate.end, !ASCII.isBlank(bytes[k]) {
                    if bytes[k] & 0xC0 != 0x80 { column += 1 }
                    k += 1
                }
                words.append(Located(String(decoding: bytes[wordStart..<k], as: UTF8.self), at: at(wordColumn)))
            }
            guard let nameWord = words.first else {
                diagnostics.error(ArticleRule.directiveSyntax, "a directive needs a name after '::'", at: at(1))
                continue
            }
            guard let name = Directive.Name(rawValue: nameWord.value) else {
                let names = Directive.Name.allCases.map(\.rawValue)
                diagnostics.error(
                    ArticleRule.unknownDirective,
                    "unknown directive '\(nameWord.value)'\(DidYouMean.hint(for: nameWord.value, among: names)) (one of: \(names.joined(separator: ", ")))",
                    at: nameWord.location)
                continue
            }
            var arguments: [Located<String>] = []
            arguments.reserveCapacity(words.count - 1)
            var options: [String: Located<String>] = [:]
            var repeated = false
            for word in words.dropFirst() {
                if let eq = word.value.utf8.firstIndex(of: UInt8(ascii: "=")) {
                    let key = String(word.value[..<eq])
                    if let first = options[key] {
                        // Which one would win is a guess the author should not have to make.
                        diagnostics.error(
                            ArticleRule.directiveSyntax, "option '\(key)' is given twice; keep one", at: word.location,
                            notes: [.init("first given here", at: first.location)])
                        repeated = true
                        continue
                    }
                    options[key] = Located(String(word.value[word.value.utf8.index(after: eq)...]), at: word.location)
                } else {
                    arguments.append(word)
                }
            }
            var directive = Directive(
                name: name, arguments: arguments, options: options, location: at(1), line: lineNumber,
                source: raw.withUnsafeBufferPointer(Directive.normalized))
            if let target = check(directive, content: content, into: &diagnostics), !repeated {
                directive.target = target
                directive.block = Directive.block(
                    name, target: target, heading: options["heading"]?.value,
                    features: content.catalog.features.count, procedures: content.procedures.count)
                found.append(directive)
            }
        }
        return found
    }

    /// Checks arguments and options; returns what the directive shows (`Directive.target`), or
    /// nil when it cannot render.
    static func check(_ d: Directive, content: Content, into diagnostics: inout Diagnostics) -> Int? {
        var target = 0
        var ok = true
        func expectArguments(_ n: Int, _ what: String) {
            if d.arguments.count != n {
                diagnostics.error(
                    ArticleRule.directiveSyntax, "'::\(d.name.rawValue)' takes \(what)",
                    at: d.arguments.dropFirst(n).first?.location ?? d.location)
                ok = false
            }
        }
        func allowOptions(_ allowed: KeyValuePairs<String, [String]>) {
            if d.options.isEmpty { return }
            for (key, value) in d.options.sorted(by: { $0.key < $1.key }) {
                guard let values = allowed.first(where: { $0.key == key })?.value else {
                    diagnostics.error(ArticleRule.directiveSyntax, "'::\(d.name.rawValue)' has no option '\(key)'", at: value.location)
                    ok = false
                    continue
                }
                if !values.contains(value.value) {
                    diagnostics.error(
                        ArticleRule.directiveSyntax, "option '\(key)' is one of: \(values.joined(separator: ", "))", at: value.location)
                    ok = false
                }
            }
        }
        switch d.name {
        case .permissions:
            expectArguments(1, "one feature id")
            allowOptions([:])
            if let id = d.arguments.first, let n = content.catalog.featureNumber(id.value) {
                target = n
            } else if let id = d.arguments.first {
                diagnostics.error(
                    CatalogRule.unresolvedReference, "no feature '\(id.value)'\(content.featureNames.hint(for: id.value))",
                    at: id.location)
                ok = false
            }
        case .procedure:
            expectArguments(1, "one procedure id")
            allowOptions(["heading": ["h2", "h3", "h4"]])
            if let id = d.arguments.first, let n = content.procedureNumber(id.value) {
                target = n
            } else if let id = d.arguments.first {
                diagnostics.error(
                    CatalogRule.unresolvedReference, "no procedure '\(id.value)'\(content.procedureNames.hint(for: id.value))",
                    at: id.location)
                ok = false
            }
        case .checklists:
            expectArguments(0, "no arguments")
            allowOptions([:])
        }
        return ok ? target : nil
    }
}
