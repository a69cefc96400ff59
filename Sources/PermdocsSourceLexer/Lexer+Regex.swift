/// Regular-expression literals (JavaScript, TypeScript, Ruby `/…/`), Ruby's `%w[…]`-style and
/// `%r{…}` literals and Elixir's sigils.
extension Lexer {
    // MARK: - Regular expressions and sigils

    /// Words after which `/` starts a regular expression, not a division.
    static let regexKeywords: Set<String> = [
        "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await",
        "if", "unless", "when", "while", "until", "and", "or", "not", "then", "elsif",
    ]

    /// Whether a `/` (or Ruby `%`) after `last` is in a value's position: at the start of the file or a
    /// line, after an operator or an opening bracket or `,;:`, or after a keyword like `return`.
    func valuePosition(_ last: Int, before i: Int) -> Bool {
        guard last >= 0, let c = self[last] else { return true }
        // At a line's start: a line break since the last code (comments between are no code).
        if source.scalars[(last + 1)..<i].contains("\n") { return true }
        if "(,=:[!&|?{};+-*%<>~^".unicodeScalars.contains(c) { return true }
        if isWordChar(c) {
            var s = last
            while isWordChar(self[s - 1]) { s -= 1 }
            if self[s - 1] == "." { return false }
            return Self.regexKeywords.contains(source.text(s..<(last + 1)))
        }
        return false
    }

    /// `/…/flags` on one line, `[…]` classes and escapes inside; nil when no `/` closes it on the line.
    func regex(at i: Int) -> StringLiteral? {
        guard let next = self[i + 1], next != "/", next != "*", next != "\n" else { return nil }
        var j = i + 1
        var inClass = false
        while let c = self[j], c != "\n" {
            if c == "\\" {
                guard let e = self[j + 1], e != "\n" else { return nil }
                j += 2
                continue
            }
            if c == "[" { inClass = true }
            if c == "]" { inClass = false }
            if c == "/", !inClass {
                j += 1
                while let f = self[j], f.properties.isAlphabetic { j += 1 }
                return .init(value: source.text((i + 1)..<j), start: i, end: j, contentStart: i + 1, interpolated: true, escaped: false)
            }
            j += 1
        }
        return nil
    }

    /// A delimited body from `open` (its opening delimiter): brackets nest, a backslash escapes.
    func delimited(start: Int, open: Int, interpolated: Bool) -> StringLiteral? {
        guard let o = self[open] else { return nil }
        let close: Unicode.Scalar
        switch o {
        case "(": close = ")"
        case "[": close = "]"
        case "{": close = "}"
        case "<": close = ">"
        default:
            guard !o.properties.isWhitespace, !isWordChar(o) else { return nil }
            close = o
        }
        var depth = 1
        var j = open + 1
        var value = ""
        var escaped = false
        while let c = self[j] {
            if c == "\\", let n = self[j + 1] {
                value.unicodeScalars.append(n)
                escaped = true
                j += 2
                continue
            }
            if c == close {
                depth -= 1
                if depth == 0 {
                    return .init(
                        value: value, start: start, end: j + 1, contentStart: open + 1, interpolated: interpolated, escaped: escaped)
                }
            } else if c == o, o != close {
                depth += 1
            }
            value.unicodeScalars.append(c)
            j += 1
        }
        return .init(value: value, start: start, end: j, contentStart: open + 1, interpolated: interpolated, escaped: escaped)
    }

    /// Ruby's `%w[…]`, `%i[…]`, `%q(…)`, `%Q{…}`, `%r{…}`, `%(…)`.
    func percentLiteral(at i: Int, last: Int) -> StringLiteral? {
        guard let l = self[i + 1] else { return nil }
        if "wWiIqQrsx".unicodeScalars.contains(l), let d = self[i + 2], !isWordChar(d), !d.properties.isWhitespace, d != "=" {
            // `x %w` after a value is a modulo only without a space (`a%w`); after `=`, `(`, `,` a literal.
            if let p = self[i - 1], isWordChar(p) || p == ")" || p == "]" { return nil }
            return delimited(start: i, open: i + 2, interpolated: l == "r" || l == "x")
        }
        if "([{<|".unicodeScalars.contains(l), valuePosition(last, before: i) {
            return delimited(start: i, open: i + 1, interpolated: false)
        }
        return nil
    }

    /// Elixir's sigils: `~w(…)`, `~r/…/`, `~s"…"`; `~r` and `~R` are regular expressions.
    func sigil(at i: Int) -> StringLiteral? {
        guard let l = self[i + 1], l.properties.isAlphabetic, let d = self[i + 2], "/|\"'([{<".unicodeScalars.contains(d) else {
            return nil
        }
        if source.starts(with: "\"\"\"", at: i + 2) || source.starts(with: "'''", at: i + 2) {
            var lit = quoted(start: i, open: i + 2, form: Form())
            lit.interpolated = lit.interpolated || l == "r" || l == "R"
            return lit
        }
        guard var lit = delimited(start: i, open: i + 2, interpolated: l == "r" || l == "R") else { return nil }
        // Modifiers after the closing delimiter: `~w(a b)a`, `~r/x/i`.
        while let m = self[lit.end], m.properties.isAlphabetic { lit.end += 1 }
        return lit
    }
}
