public import PermdocsDiagnostics

/// A scope as written in client code, with its place.
public struct WrittenScope: Equatable, Sendable {
    public var text: String
    public var location: SourceLocation
}

/// What was found after an anchor: the scopes, elements that are not literals, and where the list starts.
public struct ScopeList: Sendable {
    public var location: SourceLocation
    public var scopes: [WrittenScope]
    /// Elements that are not string literals (a constant, a spread, a call), with their text.
    public var nonLiterals: [(text: String, location: SourceLocation)]
}

/// Reads the scope list that follows an anchor in source code, in any of the languages permdocs
/// supports, without a parser per language. It lexes strings (', ", `, triple quotes) and comments
/// (`//`, `/* */`, `#` by file type) so neither can hide or fake an anchor or a scope, then takes:
///
/// - the string literals of the first bracketed list after the anchor that holds any: `[...]`,
///   `(...)`, `{...}` — which covers Go's `[]string{...}`, C#'s `new[] {...}`, Kotlin's
///   `listOf(...)`, Java's `List.of(...)`, Python tuples, PHP arrays;
/// - Ruby `%w[...]`/`%w(...)` and Elixir `~w(...)`/`~w[...]` word lists;
/// - or a single string literal holding space-separated scopes.
///
/// An element that is not a literal is reported, not guessed.
public struct ScopeListReader {
    let source: SourceText
    let syntax: CommentSyntax

    public init(text: String, file: String) {
        source = SourceText(text, file: file)
        syntax = CommentSyntax.forFile(file)
    }

    public enum Result {
        case list(ScopeList)
        case anchorNotFound
        /// The anchor is at this place, but no list or string follows it.
        case noListAfter(SourceLocation)
    }

    /// How far after the anchor the list may start, in characters.
    static let searchWindow = 4_000

    public func read(anchor: String) -> Result {
        guard let afterAnchor = findAnchor(anchor) else { return .anchorNotFound }
        var i = afterAnchor
        let limit = min(source.scalars.count, afterAnchor + Self.searchWindow)
        while i < limit {
            guard let c = source[i] else { break }
            if let end = skipComment(at: i) { i = end; continue }
            if c.properties.isWhitespace { i += 1; continue }
            if let words = wordList(at: i) { return .list(words) }
            if isQuote(at: i) {
                let lit = readString(at: i)
                return .list(singleString(lit, at: i))
            }
            if let close = matchingBracket(c) {
                let (end, list) = bracketed(open: i, close: close)
                if let list { return .list(list) }
                i = end
                continue
            }
            i += 1
        }
        return .noListAfter(source.location(afterAnchor - anchor.unicodeScalars.count))
    }

    // MARK: - Anchor

    /// Index just after the first occurrence of `anchor` that starts in code (not in a comment or string).
    func findAnchor(_ anchor: String) -> Int? {
        var i = 0
        let n = source.scalars.count
        var matchEnd: Int?
        while i < n {
            if let end = matchEnd, i >= end { return end }
            if matchEnd == nil, source.starts(with: anchor, at: i) {
                matchEnd = i + anchor.unicodeScalars.count
                if matchEnd == i { return i }
            }
            if let end = skipComment(at: i) {
                if matchEnd != nil { return matchEnd }
                i = end
                continue
            }
            if isQuote(at: i) {
                let lit = readString(at: i)
                if let end = matchEnd, lit.end >= end { return end }
                i = lit.end
                continue
            }
            i += 1
        }
        return matchEnd
    }

    // MARK: - Lexing

    func skipComment(at i: Int) -> Int? {
        for marker in syntax.line where source.starts(with: marker, at: i) {
            var j = i
            while j < source.scalars.count, source.scalars[j] != "\n" { j += 1 }
            return j
        }
        if syntax.block, source.starts(with: "/*", at: i) {
            var j = i + 2
            while j < source.scalars.count, !source.starts(with: "*/", at: j) { j += 1 }
            return min(source.scalars.count, j + 2)
        }
        return nil
    }

    func isQuote(at i: Int) -> Bool {
        guard let c = source[i] else { return false }
        return c == "\"" || c == "'" || c == "`"
    }

    struct StringLiteral {
        var value: String
        var start: Int
        /// Index after the closing quote.
        var end: Int
        /// Index of the first character of the value.
        var contentStart: Int
        var interpolated: Bool
        var escaped: Bool
    }

    /// Reads a quoted literal starting at `i` (a quote), with backslash escapes and triple quotes.
    func readString(at i: Int) -> StringLiteral {
        let quote = source.scalars[i]
        let triple = source.starts(with: String(repeating: String(quote), count: 3), at: i)
        let delimiter = triple ? String(repeating: String(quote), count: 3) : String(quote)
        var j = i + delimiter.unicodeScalars.count
        let contentStart = j
        var value = ""
        var interpolated = false
        var escaped = false
        while j < source.scalars.count {
            let c = source.scalars[j]
            if source.starts(with: delimiter, at: j) {
                return StringLiteral(value: value, start: i, end: j + delimiter.unicodeScalars.count, contentStart: contentStart, interpolated: interpolated, escaped: escaped)
            }
            if c == "\n" && !triple && quote != "`" { break }
            if c == "\\", j + 1 < source.scalars.count {
                let next = source.scalars[j + 1]
                escaped = true
                if next == "(" { interpolated = true }
                switch next {
                case "n": value.unicodeScalars.append("\n")
                case "t": value.unicodeScalars.append("\t")
                default: value.unicodeScalars.append(next)
                }
                j += 2
                continue
            }
            if quote != "'", c == "$" || c == "#", source[j + 1] == "{" { interpolated = true }
            if quote == "\"", syntax.dollarInterpolation, c == "$", let next = source[j + 1], next == "_" || next.properties.isAlphabetic {
                interpolated = true
            }
            value.unicodeScalars.append(c)
            j += 1
        }
        // Unterminated: the rest of the line is the literal.
        return StringLiteral(value: value, start: i, end: j, contentStart: contentStart, interpolated: interpolated, escaped: escaped)
    }

    func matchingBracket(_ c: Unicode.Scalar) -> Unicode.Scalar? {
        switch c {
        case "[": "]"
        case "(": ")"
        case "{": "}"
        default: nil
        }
    }

    // MARK: - Forms of lists

    /// Ruby `%w[...]`, `%w(...)`, `%w{...}` (and `%i`), Elixir `~w(...)`, `~w[...]`, `~w{...}`, `~w<...>`.
    func wordList(at i: Int) -> ScopeList? {
        guard let sigil = source[i], sigil == "%" || sigil == "~",
              let letter = source[i + 1], letter == "w" || letter == "W" || (sigil == "%" && (letter == "i" || letter == "I")),
              let open = source[i + 2] else { return nil }
        let close: Unicode.Scalar
        switch open {
        case "[": close = "]"
        case "(": close = ")"
        case "{": close = "}"
        case "<": close = ">"
        case "|": close = "|"
        case "\"": close = "\""
        default: return nil
        }
        var scopes: [WrittenScope] = []
        var j = i + 3
        var word = ""
        var wordStart = j
        while j < source.scalars.count, source.scalars[j] != close {
            let c = source.scalars[j]
            if c.properties.isWhitespace {
                if !word.isEmpty { scopes.append(WrittenScope(text: word, location: source.location(wordStart))) }
                word = ""
            } else {
                if word.isEmpty { wordStart = j }
                word.unicodeScalars.append(c)
            }
            j += 1
        }
        if !word.isEmpty { scopes.append(WrittenScope(text: word, location: source.location(wordStart))) }
        return ScopeList(location: source.location(i), scopes: scopes, nonLiterals: [])
    }

    /// `"openid email Mail.Send"`: one literal, scopes separated by spaces. A scope's column is
    /// exact when the literal has no escapes before it.
    func singleString(_ lit: StringLiteral, at i: Int) -> ScopeList {
        if lit.interpolated {
            return ScopeList(location: source.location(i), scopes: [], nonLiterals: [(source.text(lit.start..<lit.end), source.location(i))])
        }
        return ScopeList(location: source.location(i), scopes: splitWords(lit), nonLiterals: [])
    }

    func splitWords(_ lit: StringLiteral) -> [WrittenScope] {
        var out: [WrittenScope] = []
        var offset = 0
        var word = ""
        var wordOffset = 0
        for c in lit.value.unicodeScalars {
            if c.properties.isWhitespace {
                if !word.isEmpty { out.append(WrittenScope(text: word, location: source.location(lit.escaped ? lit.start : lit.contentStart + wordOffset))) }
                word = ""
            } else {
                if word.isEmpty { wordOffset = offset }
                word.unicodeScalars.append(c)
            }
            offset += 1
        }
        if !word.isEmpty { out.append(WrittenScope(text: word, location: source.location(lit.escaped ? lit.start : lit.contentStart + wordOffset))) }
        return out
    }

    /// Reads the bracketed region opened at `open`. Returns the index after it and, when the region
    /// holds any string literal, its elements (split on commas at the top level).
    func bracketed(open: Int, close: Unicode.Scalar) -> (Int, ScopeList?) {
        var depth = 0
        var i = open
        var holdsLiteral = false
        // Elements at depth 1: their tokens.
        var elements: [[Token]] = [[]]
        let openScalar = source.scalars[open]
        var stack: [Unicode.Scalar] = []
        while i < source.scalars.count {
            if let end = skipComment(at: i) { i = end; continue }
            let c = source.scalars[i]
            if isQuote(at: i) {
                let lit = readString(at: i)
                holdsLiteral = true
                if depth == 1 { elements[elements.count - 1].append(.string(lit)) }
                i = lit.end
                continue
            }
            if let closing = matchingBracket(c) {
                if depth >= 1 && !(depth == 0 && c == openScalar) {
                    if depth == 1 { elements[elements.count - 1].append(.other(i, i + 1)) }
                }
                stack.append(closing)
                depth += 1
                i += 1
                continue
            }
            if let expected = stack.last, c == expected {
                stack.removeLast()
                depth -= 1
                if depth == 0 {
                    guard holdsLiteral else { return (i + 1, nil) }
                    return (i + 1, makeList(open: open, elements: elements))
                }
                if depth == 1 { elements[elements.count - 1].append(.other(i, i + 1)) }
                i += 1
                continue
            }
            if depth == 1 {
                if c == "," {
                    elements.append([])
                } else if !c.properties.isWhitespace {
                    // Extend the current "other" token over adjacent code characters.
                    if case .other(let s, let e)? = elements[elements.count - 1].last, e == i {
                        elements[elements.count - 1][elements[elements.count - 1].count - 1] = .other(s, i + 1)
                    } else {
                        elements[elements.count - 1].append(.other(i, i + 1))
                    }
                }
            }
            i += 1
        }
        return (i, nil)
    }

    enum Token {
        case string(StringLiteral)
        case other(Int, Int)
    }

    /// String prefixes that keep a literal literal: Python r/u/b, C# verbatim @.
    static let literalPrefixes: Set<String> = ["r", "u", "b", "R", "U", "B", "@", "rb", "br", "Rb", "bR"]

    func makeList(open: Int, elements: [[Token]]) -> ScopeList {
        var list = ScopeList(location: source.location(open), scopes: [], nonLiterals: [])
        for tokens in elements where !tokens.isEmpty {
            // A literal alone, or with a harmless prefix right before it.
            if tokens.count == 1, case .string(let lit) = tokens[0], !lit.interpolated {
                list.scopes.append(contentsOf: splitWords(lit))
                continue
            }
            if tokens.count == 2, case .other(let s, let e) = tokens[0], case .string(let lit) = tokens[1], e == lit.start,
               Self.literalPrefixes.contains(source.text(s..<e)), !lit.interpolated {
                list.scopes.append(contentsOf: splitWords(lit))
                continue
            }
            let start: Int
            let end: Int
            switch (tokens.first!, tokens.last!) {
            case (.string(let a), .string(let b)): (start, end) = (a.start, b.end)
            case (.string(let a), .other(_, let e)): (start, end) = (a.start, e)
            case (.other(let s, _), .string(let b)): (start, end) = (s, b.end)
            case (.other(let s, _), .other(_, let e)): (start, end) = (s, e)
            }
            var text = source.text(start..<end)
            if text.unicodeScalars.count > 40 { text = String(String.UnicodeScalarView(text.unicodeScalars.prefix(40))) + "…" }
            list.nonLiterals.append((text, source.location(start)))
        }
        return list
    }
}
