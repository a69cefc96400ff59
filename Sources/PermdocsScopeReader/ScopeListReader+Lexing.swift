import PermdocsDiagnostics
import PermdocsSourceLexer

/// Finding the anchor and reading the code around it: whitespace-insensitive anchor patterns,
/// comments, string literals and brackets.
extension ScopeListReader {
    // MARK: - Anchor

    /// An anchor as scalars to match, `nil` standing for a run of whitespace; leading and trailing
    /// whitespace is dropped.
    package static func pattern(_ anchor: String) -> [Unicode.Scalar?] {
        var out: [Unicode.Scalar?] = []
        for c in anchor.unicodeScalars {
            if c.properties.isWhitespace {
                if let last = out.last, last != nil { out.append(nil) }
            } else {
                out.append(c)
            }
        }
        while let last = out.last, last == nil { out.removeLast() }
        return out
    }

    /// The index after a match of `pattern` starting at `i`, or nil.
    package func matchEnd(_ pattern: [Unicode.Scalar?], at i: Int) -> Int? {
        var k = i
        for p in pattern {
            if let c = p {
                guard let s = source[k], s == c else { return nil }
                k += 1
            } else {
                guard let s = source[k], s.properties.isWhitespace else { return nil }
                while let s = source[k], s.properties.isWhitespace { k += 1 }
            }
        }
        return k
    }

    /// Every match of `pattern` that starts in code (not in a comment or string), without overlaps.
    package func occurrences(of pattern: [Unicode.Scalar?]) -> [(start: Int, end: Int)] {
        guard !pattern.isEmpty else { return [] }
        var out: [(start: Int, end: Int)] = []
        var i = 0
        let n = source.scalars.count
        var busyUntil = 0
        while i < n {
            // Comments and heredoc bodies hold no anchor; a literal may start one (`'scope' =>`).
            if let end = skipComment(at: i) {
                i = end
                continue
            }
            if i >= busyUntil, let end = matchEnd(pattern, at: i), atWordBoundaries(pattern, start: i, end: end) {
                out.append((i, end))
                busyUntil = end
            }
            if isQuote(at: i) {
                i = readString(at: i).end
                continue
            }
            i += 1
        }
        return out
    }

    /// An anchor that starts or ends with a name does not match inside a longer name: `scope`
    /// is not found in `scopeHosts` or `msScope`.
    package func atWordBoundaries(_ pattern: [Unicode.Scalar?], start: Int, end: Int) -> Bool {
        func word(_ c: Unicode.Scalar?) -> Bool {
            c.map { $0 == "_" || $0.properties.isAlphabetic || $0.properties.numericType != nil } ?? false
        }
        if let first = pattern.first, word(first), word(source[start - 1]) { return false }
        if let last = pattern.last, word(last), word(source[end]) { return false }
        return true
    }

    /// Index just after the first occurrence of `anchor` that starts in code.
    package func findAnchor(_ anchor: String) -> Int? { occurrences(of: Self.pattern(anchor)).first?.end }

    // MARK: - Lexing

    /// The index after the comment or heredoc body that starts at `i`.
    package func skipComment(at i: Int) -> Int? {
        if case .skip(let end)? = lexer.regions[i] { return end }
        return nil
    }

    /// Whether a literal (a string with its prefix, a heredoc opener, a regex, a word list) starts at `i`.
    package func isQuote(at i: Int) -> Bool {
        if case .literal? = lexer.regions[i] { return true }
        return false
    }

    /// The literal that starts at `i` (where `isQuote` is true).
    package func readString(at i: Int) -> StringLiteral {
        if case .literal(let lit)? = lexer.regions[i] { return lit }
        return StringLiteral(value: "", start: i, end: i + 1, contentStart: i + 1, interpolated: true, escaped: false)
    }

    package func matchingBracket(_ c: Unicode.Scalar) -> Unicode.Scalar? {
        switch c {
        case "[": "]"
        case "(": ")"
        case "{": "}"
        default: nil
        }
    }
}
