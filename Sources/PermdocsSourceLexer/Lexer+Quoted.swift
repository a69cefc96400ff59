/// Quoted literals: one reader for every language's strings, raw strings and multi-line strings,
/// told by a `Form` which quotes open and close them, what escapes and what interpolates.
extension Lexer {
    struct Form {
        enum Escapes {
            /// `\x` is an escape.
            case backslash
            /// Nothing is an escape.
            case none
            /// Python's raw strings: a backslash keeps the next character (a quote does not close),
            /// and both stay in the value.
            case keptPairs
        }

        var hashes = 0
        var escapes = Escapes.backslash
        var multiline = false
        /// Three quotes are an empty string and a quote, not a multi-line opener.
        var noTriple = false
        /// `""` inside is one quote (C# verbatim).
        var doubledQuote = false
        var forceInterpolated = false
        /// `${…}`, `#{…}` and (in languages that have it) `"$name"` interpolate.
        var interpolates = true
        /// Swift's `#"…"#`: an escape is `\#`, interpolation `\#(`.
        var swiftRaw = false
        /// C#'s raw literal: three or more quotes open it, as many close it, nothing is an escape.
        var cSharpRaw = false
    }

    /// The literal whose opening quote is at `open` (after its prefix, from `start`).
    func quoted(start: Int, open: Int, form: Form) -> StringLiteral {
        let quote = source.scalars[open]
        var count = 1
        if !form.noTriple, source.starts(with: String(repeating: String(quote), count: 3), at: open) {
            count = 3
            if form.cSharpRaw { while self[open + count] == quote { count += 1 } }
        }
        let triple = count >= 3
        let escapes: Form.Escapes = form.cSharpRaw && triple ? .none : form.escapes
        let closing = String(repeating: String(quote), count: count) + String(repeating: "#", count: form.hashes)
        let escapeMark = "\\" + String(repeating: "#", count: form.hashes)
        var j = open + count
        let contentStart = j
        var value = ""
        var interpolated = form.forceInterpolated
        var escaped = false
        while j < source.scalars.count {
            let c = source.scalars[j]
            if form.doubledQuote, c == quote, self[j + 1] == quote {
                value.unicodeScalars.append(quote)
                escaped = true
                j += 2
                continue
            }
            if source.starts(with: closing, at: j) {
                return .init(
                    value: value, start: start, end: j + closing.unicodeScalars.count, contentStart: contentStart,
                    interpolated: interpolated, escaped: escaped)
            }
            if c == "\n" && !triple && !form.multiline && quote != "`" { break }
            if c == "\\", escapes == .keptPairs, let next = self[j + 1] {
                value.unicodeScalars.append(c)
                value.unicodeScalars.append(next)
                j += 2
                continue
            }
            if escapes == .backslash, source.starts(with: escapeMark, at: j), let next = self[j + form.hashes + 1] {
                escaped = true
                if next == "(" { interpolated = true }
                switch next {
                case "n": value.unicodeScalars.append("\n")
                case "t": value.unicodeScalars.append("\t")
                default: value.unicodeScalars.append(next)
                }
                j += form.hashes + 2
                continue
            }
            if form.interpolates, !form.swiftRaw, form.hashes == 0 {
                if quote != "'", c == "$" || c == "#", self[j + 1] == "{" { interpolated = true }
                if quote == "\"", syntax.dollarInterpolation, c == "$", let next = self[j + 1], next == "_" || next.properties.isAlphabetic
                {
                    interpolated = true
                }
            }
            value.unicodeScalars.append(c)
            j += 1
        }
        // Unterminated: the rest of the line (or file) is the literal.
        return .init(value: value, start: start, end: j, contentStart: contentStart, interpolated: interpolated, escaped: escaped)
    }
}
