public import PermdocsDiagnostics
import PermdocsSourceLexer

/// A scope as written in client code, with its place.
public struct WrittenScope: Equatable, Sendable {
    public var text: String
    public var location: SourceLocation

    public init(text: String, location: SourceLocation) {
        self.text = text
        self.location = location
    }
}

/// What was found after an anchor: the scopes, elements that are not literals, and where the list starts.
public struct ScopeList: Sendable {
    public var location: SourceLocation
    public var scopes: [WrittenScope]
    /// Elements that are not string literals (a constant, a spread, a call), with their text.
    public var nonLiterals: [(text: String, location: SourceLocation)]
    /// Every place the anchor occurs, when it occurs more than once and nothing disambiguates it
    /// (the first is the one read).
    public var ambiguous: [SourceLocation] = []
    /// Where constants the list refers to are defined, by name (for notes).
    public var constants: [(name: String, location: SourceLocation)] = []

    public init(location: SourceLocation, scopes: [WrittenScope], nonLiterals: [(text: String, location: SourceLocation)]) {
        self.location = location
        self.scopes = scopes
        self.nonLiterals = nonLiterals
    }
}

/// Reads the scope list that follows an anchor in source code, in any of the languages permdocs
/// supports, without a parser per language. It lexes (`Lexer`, once per file, by file type) strings,
/// raw strings, heredocs, regular-expression literals and comments, so none of them can hide or
/// fake an anchor or a scope, then takes:
///
/// - the string literals of the first bracketed list after the anchor that holds any: `[...]`,
///   `(...)`, `{...}` — which covers Go's `[]string{...}`, C#'s `new[] {...}`, Kotlin's
///   `listOf(...)`, Java's `List.of(...)`, Python tuples, PHP arrays;
/// - Ruby `%w[...]`/`%w(...)` and Elixir `~w(...)`/`~w[...]` word lists;
/// - or a single string literal holding space-separated scopes.
///
/// An element that is not a literal is reported, not guessed.
public struct ScopeListReader {
    package let source: SourceText
    package let syntax: CommentSyntax
    /// Where each comment and literal is, lexed once in the file's language.
    package let lexer: Lexer
    /// Definition sites found so far, by name; bounds the work constants can cause.
    package let definitions = DefinitionCache()

    public init(text: String, file: String) {
        source = SourceText(text, file: file)
        syntax = CommentSyntax.forFile(file)
        lexer = Lexer(source, syntax: syntax, language: .forFile(file))
    }

    public enum Result {
        case list(ScopeList)
        case anchorNotFound
        /// The anchor is at this place, but no list or string follows it.
        case noListAfter(SourceLocation)
        /// The `after` anchor does not occur in code.
        case afterNotFound
        /// The anchor occurs this many times (after the `after` anchor), fewer than the occurrence asked for.
        case tooFewOccurrences(Int)
    }

    /// Where a scope list is: the anchor text, optionally an anchor that must come first (`after`)
    /// and which occurrence (1-based) of the anchor to take. Whitespace is insensitive: a run of
    /// spaces, tabs and line breaks in either anchor matches any run of them in code (CRLF too).
    public struct Anchor: Sendable {
        public var text: String
        public var after: String?
        public var occurrence: Int?

        public init(_ text: String, after: String? = nil, occurrence: Int? = nil) {
            self.text = text
            self.after = after
            self.occurrence = occurrence
        }
    }

    /// How far after the anchor the list may start, in characters.
    package static let searchWindow = 4_000

    public func read(anchor: String) -> Result { read(Anchor(anchor)) }

    public func read(_ anchor: Anchor) -> Result {
        let pattern = Self.pattern(anchor.text)
        var matches = occurrences(of: pattern)
        if matches.isEmpty { return .anchorNotFound }
        if let after = anchor.after {
            guard let first = occurrences(of: Self.pattern(after)).first else { return .afterNotFound }
            matches = matches.filter { $0.start >= first.end }
            if matches.isEmpty { return .anchorNotFound }
        }
        let chosen: (start: Int, end: Int)
        var ambiguous: [SourceLocation] = []
        if let n = anchor.occurrence {
            guard n >= 1, n <= matches.count else { return .tooFewOccurrences(matches.count) }
            chosen = matches[n - 1]
        } else {
            chosen = matches[0]
            if anchor.after == nil, matches.count > 1 { ambiguous = matches.map { source.location($0.start) } }
        }
        // An anchor that ends with the list's opening bracket (`@scopes [`) reads that list.
        var start = chosen.end
        if let last = pattern.last, let c = last, matchingBracket(c) != nil { start -= 1 }
        // So does one that ends in a word list's sigil (`@scopes ~w`, `SCOPES = %w[`).
        for k in 1...3 where chosen.end - k >= chosen.start {
            if let c = source[chosen.end - k], c == "%" || c == "~", wordList(at: chosen.end - k) != nil {
                start = chosen.end - k
                break
            }
        }
        guard var list = value(from: start, depth: 0) else { return .noListAfter(source.location(chosen.start)) }
        list.ambiguous = ambiguous
        return .list(list)
    }

    // MARK: - Forms of lists

    /// Ruby `%w[...]`, `%w(...)`, `%w{...}` (and `%i`), Elixir `~w(...)`, `~w[...]`, `~w{...}`, `~w<...>`.
    package func wordList(at i: Int) -> ScopeList? {
        guard let sigil = source[i], sigil == "%" || sigil == "~",
            let letter = source[i + 1], letter == "w" || letter == "W" || (sigil == "%" && (letter == "i" || letter == "I")),
            let open = source[i + 2]
        else { return nil }
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
    package func singleString(_ lit: StringLiteral, at i: Int) -> ScopeList {
        if lit.interpolated {
            return ScopeList(
                location: source.location(i), scopes: [], nonLiterals: [(source.text(lit.start..<lit.end), source.location(i))])
        }
        return ScopeList(location: source.location(i), scopes: splitWords(lit), nonLiterals: [])
    }

    package func splitWords(_ lit: StringLiteral) -> [WrittenScope] {
        var out: [WrittenScope] = []
        var offset = 0
        var word = ""
        var wordOffset = 0
        for c in lit.value.unicodeScalars {
            if c.properties.isWhitespace {
                if !word.isEmpty {
                    out.append(WrittenScope(text: word, location: source.location(lit.escaped ? lit.start : lit.contentStart + wordOffset)))
                }
                word = ""
            } else {
                if word.isEmpty { wordOffset = offset }
                word.unicodeScalars.append(c)
            }
            offset += 1
        }
        if !word.isEmpty {
            out.append(WrittenScope(text: word, location: source.location(lit.escaped ? lit.start : lit.contentStart + wordOffset)))
        }
        return out
    }

    /// Reads the bracketed region opened at `open`. Returns the index after it and, when the region
    /// holds any string literal, its elements (split on commas at the top level).
    package func bracketed(open: Int, close: Unicode.Scalar, depth constantDepth: Int = 0) -> (Int, ScopeList?) {
        var depth = 0
        var i = open
        var holdsLiteral = false
        // Elements at depth 1: their tokens.
        var elements: [[Token]] = [[]]
        let openScalar = source.scalars[open]
        var stack: [Unicode.Scalar] = []
        while i < source.scalars.count {
            if let end = skipComment(at: i) {
                i = end
                continue
            }
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
                    guard holdsLiteral else {
                        return (i + 1, listWithoutLiterals(open: open, end: i + 1, elements: elements, depth: constantDepth))
                    }
                    return (i + 1, makeList(open: open, elements: elements, depth: constantDepth))
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

    package enum Token {
        case string(StringLiteral)
        case other(Int, Int)
    }

    /// String prefixes that keep a literal literal: Python r/u/b, C# verbatim @.
    package static let literalPrefixes: Set<String> = ["r", "u", "b", "R", "U", "B", "@", "rb", "br", "Rb", "bR"]

    /// A bracket without string literals is a list only when it stands as a value: `[SCOPE_A, SCOPE_B]`
    /// (constants), `[]` (nothing requested). A type (`[String] =`, `list[str] =`, `[]string{`,
    /// `new[] {`) is skipped.
    package func listWithoutLiterals(open: Int, end: Int, elements: [[Token]], depth: Int) -> ScopeList? {
        let nonEmpty = elements.filter { !$0.isEmpty }
        let precededByName = open > 0 && (isIdentifierChar(source.scalars[open - 1]) || source.scalars[open - 1] == ">")
        if nonEmpty.isEmpty {
            if precededByName { return nil }
            if let c = source[end], isIdentifierChar(c) { return nil }
            return ScopeList(location: source.location(open), scopes: [], nonLiterals: [])
        }
        let (next, _) = nextSignificant(after: end)
        if source[next] == "=", source[next + 1] != "=" { return nil }
        if precededByName {
            // A subscript or generic type unless one of its names is a constant of this file.
            let resolves = nonEmpty.contains { tokens in
                guard tokens.count == 1, case .other(let s, let e) = tokens[0] else { return false }
                let path = identifierPath(at: s)
                return path.end == e && definition(of: path.components.last ?? "", near: s) != nil
            }
            if !resolves { return nil }
        }
        return makeList(open: open, elements: elements, depth: depth)
    }

    package func makeList(open: Int, elements: [[Token]], depth: Int = 0) -> ScopeList {
        var list = ScopeList(location: source.location(open), scopes: [], nonLiterals: [])
        // Elements are read recursively (nested lists, joins, concatenations) down to a bounded
        // nesting, so hostile input cannot exhaust the stack; deeper elements are non-literals.
        definitions.nesting += 1
        defer { definitions.nesting -= 1 }
        let mayNest = definitions.nesting < DefinitionCache.maxNesting
        for tokens in elements where !tokens.isEmpty {
            // A nested bracket alone: `frozenset({...})`, `listOf(*arrayOf(...))` without the spread.
            if mayNest, tokens.count == 2, case .other(let a, let ae) = tokens[0], case .other(let b, _) = tokens[1], ae == a + 1,
                let close = matchingBracket(source.scalars[a]), source.scalars[b] == close
            {
                let (_, inner) = bracketed(open: a, close: close, depth: depth)
                if let inner {
                    list.scopes.append(contentsOf: inner.scopes)
                    list.nonLiterals.append(contentsOf: inner.nonLiterals)
                    list.constants.append(contentsOf: inner.constants)
                    continue
                }
            }
            // A typed list literal as an argument: `[]string{...}`, `new[] {...}`, `listOf(...)`.
            if mayNest, tokens.count > 2, case .other(let b, _) = tokens[tokens.count - 1], let closeScalar = source[b],
                closeScalar == "}" || closeScalar == "]" || closeScalar == ")",
                !tokens.contains(where: { if case .string = $0 { true } else { false } }),
                let openIndex = tokens.lastIndex(where: {
                    if case .other(let a, let ae) = $0, ae == a + 1, matchingBracket(source.scalars[a]) == closeScalar {
                        true
                    } else {
                        false
                    }
                }),
                openIndex > 0, case .other(let a, _) = tokens[openIndex]
            {
                let (_, inner) = bracketed(open: a, close: closeScalar, depth: depth)
                if let inner {
                    list.scopes.append(contentsOf: inner.scopes)
                    list.nonLiterals.append(contentsOf: inner.nonLiterals)
                    list.constants.append(contentsOf: inner.constants)
                    continue
                }
            }
            // A concatenation (`OUTLOOK + 'SMTP.Send'`) or a join (`String.join(" ", SCOPES)`) as an element.
            if mayNest, tokens.count > 1 {
                let start: Int
                switch tokens[0] {
                case .string(let lit): start = lit.start
                case .other(let a, _): start = a
                }
                let concatenated = tokens.contains {
                    if case .other(let a, let e) = $0, e == a + 1, self.isConcatenation(at: a) { true } else { false }
                }
                var isJoin = false
                if case .other(let a, _) = tokens[0], let c = source[a], isIdentifierStart(c) {
                    let path = identifierPath(at: a)
                    isJoin = path.components.count >= 2 && Self.joinMethods.contains(path.components.last!)
                }
                if concatenated || isJoin, let inner = value(from: start, depth: depth) {
                    list.scopes.append(contentsOf: inner.scopes)
                    list.nonLiterals.append(contentsOf: inner.nonLiterals)
                    list.constants.append(contentsOf: inner.constants)
                    continue
                }
            }
            // A constant, maybe spread (`...SCOPES`, `*SCOPES`).
            if tokens.count == 1, case .other(var s, let e) = tokens[0] {
                while let c = source[s], c == "." || c == "*", s < e { s += 1 }
                if let c = source[s], isIdentifierStart(c) {
                    let path = identifierPath(at: s)
                    if path.end == e {
                        guard case .other(let elementStart, _) = tokens[0] else { continue }
                        let resolved = reference(path.components, text: source.text(elementStart..<e), at: s, depth: depth)
                        list.scopes.append(contentsOf: resolved.scopes)
                        list.constants.append(contentsOf: resolved.constants)
                        for n in resolved.nonLiterals {
                            // Report the element as written (with its spread), at its start.
                            list.nonLiterals.append(n.location == source.location(s) ? (n.text, source.location(elementStart)) : n)
                        }
                        continue
                    }
                }
            }
            // A literal alone, or with a harmless prefix right before it.
            if tokens.count == 1, case .string(let lit) = tokens[0], !lit.interpolated {
                list.scopes.append(contentsOf: splitWords(lit))
                continue
            }
            if tokens.count == 2, case .other(let s, let e) = tokens[0], case .string(let lit) = tokens[1], e == lit.start,
                Self.literalPrefixes.contains(source.text(s..<e)), !lit.interpolated
            {
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
