import PermdocsDiagnostics

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
            if i >= busyUntil, let end = matchEnd(pattern, at: i), atWordBoundaries(pattern, start: i, end: end) {
                out.append((i, end))
                busyUntil = end
            }
            if let end = skipComment(at: i) {
                i = end
                continue
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

    package func skipComment(at i: Int) -> Int? {
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

    package func isQuote(at i: Int) -> Bool {
        guard let c = source[i] else { return false }
        return c == "\"" || c == "'" || c == "`"
    }

    package struct StringLiteral {
        package var value: String
        package var start: Int
        /// Index after the closing quote.
        package var end: Int
        /// Index of the first character of the value.
        package var contentStart: Int
        package var interpolated: Bool
        package var escaped: Bool
    }

    /// Reads a quoted literal starting at `i` (a quote), with backslash escapes and triple quotes.
    package func readString(at i: Int) -> StringLiteral {
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
                return StringLiteral(
                    value: value, start: i, end: j + delimiter.unicodeScalars.count, contentStart: contentStart, interpolated: interpolated,
                    escaped: escaped)
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

    package func matchingBracket(_ c: Unicode.Scalar) -> Unicode.Scalar? {
        switch c {
        case "[": "]"
        case "(": ")"
        case "{": "}"
        default: nil
        }
    }
}
