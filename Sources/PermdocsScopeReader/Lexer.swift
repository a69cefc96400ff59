/// One pass over a client file that marks where each comment and literal starts and ends, in the
/// file's language, so every later scan (the anchor, the list, constants) sees the same tokens and
/// a quote inside a literal can never desynchronise it (README "Scope drift", "Literals").
///
/// Per language: heredocs (Ruby `<<~ID`, `<<-ID`, `<<ID`, quoted ids; PHP `<<<ID`, `<<<'ID'`; shell
/// and Perl `<<EOF`, `<<-EOF`, `<<'EOF'`), raw strings (Swift `#"…"#`, `"""…"""`, `#"""…"""#`;
/// Python `r"…"`, `rb'…'`, `f"…"`, triple quotes; C# `@"…"` and `"""…"""`; Rust `r#"…"#`; Go and
/// Kotlin raw strings), regular-expression literals (JavaScript, TypeScript, Ruby `/…/`, Ruby
/// `%r{…}`, Elixir sigils), Ruby `%w[…]`-style literals, Rust lifetimes and shell `#` at a word start.
package struct Lexer {
    package enum Region {
        /// A comment or a heredoc's body: skipped like whitespace. The index after it.
        case skip(Int)
        /// A literal: a string, a heredoc (its opener, valued with its body), a word list, a regex.
        case literal(ScopeListReader.StringLiteral)
    }

    package enum Language {
        case swift, javaScript, python, ruby, php, shell, perl, rust, cSharp, go, kotlin, java, elixir, other

        package static func forFile(_ path: String) -> Language {
            let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
            switch ext {
            case "swift": return .swift
            case "ts", "tsx", "js", "jsx", "mjs", "cjs", "mts", "cts": return .javaScript
            case "py", "pyi": return .python
            case "rb", "rake", "gemspec": return .ruby
            case "php": return .php
            case "sh", "bash", "zsh": return .shell
            case "pl", "pm": return .perl
            case "rs": return .rust
            case "cs": return .cSharp
            case "go": return .go
            case "kt", "kts", "scala": return .kotlin
            case "java": return .java
            case "ex", "exs": return .elixir
            default: return .other
            }
        }
    }

    package let source: SourceText
    package let syntax: CommentSyntax
    package let language: Language
    /// Regions by the index they start at.
    package private(set) var regions: [Int: Region] = [:]

    package init(_ source: SourceText, syntax: CommentSyntax, language: Language) {
        self.source = source
        self.syntax = syntax
        self.language = language
        run()
    }

    private subscript(_ i: Int) -> Unicode.Scalar? { source[i] }

    private mutating func run() {
        let n = source.scalars.count
        var i = 0
        // The last scalar of code that is not whitespace: decides whether `/` starts a regex.
        var last = -1
        while i < n {
            if case .skip(let end)? = regions[i] {
                i = max(end, i + 1)
                continue
            }
            if let end = comment(at: i) {
                regions[i] = .skip(end)
                i = max(end, i + 1)
                continue
            }
            if let lit = literal(at: i, last: last) {
                regions[i] = .literal(lit)
                last = lit.end - 1
                i = max(lit.end, i + 1)
                continue
            }
            if !source.scalars[i].properties.isWhitespace { last = i }
            i += 1
        }
    }

    // MARK: - Comments

    private func comment(at i: Int) -> Int? {
        for marker in syntax.line where source.starts(with: marker, at: i) {
            if marker == "#" {
                // Shell: `#` starts a comment only at a word's start (`${#list[@]}`, `a#b` are code).
                if language == .shell || language == .perl, let p = self[i - 1], !p.properties.isWhitespace,
                    !";|&(".unicodeScalars.contains(p)
                {
                    continue
                }
                // PHP 8 attributes: `#[Route(...)]` is code.
                if language == .php, self[i + 1] == "[" { continue }
            }
            return lineEnd(from: i)
        }
        if syntax.block, source.starts(with: "/*", at: i) {
            var j = i + 2
            while j < source.scalars.count, !source.starts(with: "*/", at: j) { j += 1 }
            return min(source.scalars.count, j + 2)
        }
        return nil
    }

    private func lineEnd(from i: Int) -> Int {
        var j = i
        while j < source.scalars.count, source.scalars[j] != "\n" { j += 1 }
        return j
    }

    // MARK: - Literals

    private func isWordChar(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return c == "_" || c.properties.isAlphabetic || c.properties.numericType != nil
    }

    private mutating func literal(at i: Int, last: Int) -> ScopeListReader.StringLiteral? {
        guard let c = self[i] else { return nil }
        switch language {
        case .swift:
            if c == "#" {
                var k = i
                while self[k] == "#" { k += 1 }
                guard self[k] == "\"" else { return nil }
                return quoted(start: i, open: k, form: Form(hashes: k - i, swiftRaw: true))
            }
            return c == "\"" ? quoted(start: i, open: i, form: Form()) : nil
        case .python:
            var k = i
            if !isWordChar(self[i - 1]) {
                while let p = self[k], k - i < 2, "rRbBuUfF".unicodeScalars.contains(p) { k += 1 }
            }
            guard let q = self[k], q == "\"" || q == "'" else { return nil }
            let prefix = source.text(i..<k).lowercased()
            guard prefix.count <= 1 || ["rb", "br", "fr", "rf"].contains(prefix) else { return nil }
            var form = Form()
            if prefix.contains("r") {
                form.escapes = .keptPairs
                form.interpolates = false
            }
            form.forceInterpolated = prefix.contains("f")
            return quoted(start: i, open: k, form: form)
        case .cSharp:
            // `@"…"`, `$@"…"`, `@$"…"`, `$"…"`, `$$"""…"""`, `"""…"""`.
            var k = i
            var verbatim = false
            var interpolated = false
            while let p = self[k], p == "@" || p == "$", k - i < 4 {
                if p == "@" { verbatim = true } else { interpolated = true }
                k += 1
            }
            if k > i, isWordChar(self[i - 1]) { return nil }
            guard let q = self[k], q == "\"" || (q == "'" && k == i) else { return nil }
            var form = Form()
            form.forceInterpolated = interpolated
            form.interpolates = false
            if verbatim {
                form.escapes = .none
                form.doubledQuote = true
                form.multiline = true
                form.noTriple = true
            } else {
                form.cSharpRaw = true
            }
            return quoted(start: i, open: k, form: form)
        case .rust:
            var k = i
            if !isWordChar(self[i - 1]) {
                while let p = self[k], k - i < 2, p == "b" || p == "c" || p == "r" { k += 1 }
                let prefix = source.text(i..<k)
                if !["", "b", "c", "r", "br", "cr"].contains(prefix) { k = i }
            }
            let raw = k > i && self[k - 1] == "r"
            var open = k
            if raw { while self[open] == "#" { open += 1 } }
            guard let q = self[open] else { return nil }
            if q == "\"" {
                var form = Form(hashes: open - k, multiline: true, noTriple: true)
                if raw {
                    form.escapes = .none
                    form.interpolates = false
                }
                return quoted(start: i, open: open, form: form)
            }
            if q == "'", open == k, !raw {
                // A character (`'a'`, `'\n'`, `b'x'`) or a lifetime (`'a`, `'static`), which is code.
                if self[open + 1] == "\\" {
                    return quoted(start: i, open: open, form: Form(noTriple: true))
                }
                if self[open + 2] == "'", self[open + 1] != "\n" {
                    return quoted(start: i, open: open, form: Form(noTriple: true))
                }
                return nil
            }
            return nil
        case .go:
            if c == "`" {
                return quoted(start: i, open: i, form: Form(escapes: .none, multiline: true, noTriple: true, interpolates: false))
            }
            return c == "\"" || c == "'" ? quoted(start: i, open: i, form: Form(noTriple: true)) : nil
        case .kotlin:
            if source.starts(with: "\"\"\"", at: i) { return quoted(start: i, open: i, form: Form(escapes: .none)) }
            return c == "\"" || c == "'" ? quoted(start: i, open: i, form: Form(noTriple: true)) : nil
        case .java:
            return c == "\"" || c == "'" ? quoted(start: i, open: i, form: Form()) : nil
        case .ruby:
            if let lit = heredoc(at: i) { return lit }
            if c == "%", let lit = percentLiteral(at: i, last: last) { return lit }
            if c == "/", valuePosition(last, before: i), let lit = regex(at: i) { return lit }
            return c == "\"" || c == "'" || c == "`" ? quoted(start: i, open: i, form: Form(noTriple: true)) : nil
        case .javaScript:
            if c == "/", valuePosition(last, before: i), let lit = regex(at: i) { return lit }
            return c == "\"" || c == "'" || c == "`" ? quoted(start: i, open: i, form: Form(noTriple: true)) : nil
        case .php:
            if let lit = heredoc(at: i) { return lit }
            return c == "\"" || c == "'" || c == "`" ? quoted(start: i, open: i, form: Form(noTriple: true)) : nil
        case .shell, .perl:
            if let lit = heredoc(at: i) { return lit }
            if c == "$", self[i + 1] == "'", language == .shell {
                return quoted(start: i, open: i + 1, form: Form(multiline: true, noTriple: true))
            }
            if c == "'" {
                // Single quotes keep everything (shell) or only `\'` and `\\` (Perl).
                var form = Form(multiline: true, noTriple: true)
                if language == .shell {
                    form.escapes = .none
                    form.interpolates = false
                }
                return quoted(start: i, open: i, form: form)
            }
            return c == "\"" || c == "`" ? quoted(start: i, open: i, form: Form(multiline: true, noTriple: true)) : nil
        case .elixir:
            if c == "~", let lit = sigil(at: i) { return lit }
            return c == "\"" || c == "'" ? quoted(start: i, open: i, form: Form()) : nil
        case .other:
            return c == "\"" || c == "'" || c == "`" ? quoted(start: i, open: i, form: Form()) : nil
        }
    }

    private struct Form {
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
    private func quoted(start: Int, open: Int, form: Form) -> ScopeListReader.StringLiteral {
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

    // MARK: - Heredocs

    /// A heredoc opener at `i`, valued with its body; the body is registered as skipped. nil when
    /// no line closes it (then `<<` is an operator: a shift, an append).
    private mutating func heredoc(at i: Int) -> ScopeListReader.StringLiteral? {
        var k: Int
        switch language {
        case .php:
            guard source.starts(with: "<<<", at: i) else { return nil }
            k = i + 3
            while self[k] == " " || self[k] == "\t" { k += 1 }
        case .ruby:
            guard source.starts(with: "<<", at: i), self[i + 2] != "<", self[i - 1] != "<" else { return nil }
            k = i + 2
            if let m = self[k], m == "~" || m == "-" { k += 1 }
        case .shell, .perl:
            guard source.starts(with: "<<", at: i), self[i + 2] != "<", self[i - 1] != "<" else { return nil }
            k = i + 2
            if self[k] == "-" { k += 1 }
            while self[k] == " " || self[k] == "\t" { k += 1 }
        default:
            return nil
        }
        // The identifier, maybe quoted: quotes ('…', or "…" in PHP and shell) say whether it interpolates.
        var quote: Unicode.Scalar?
        if let q = self[k], q == "'" || q == "\"" || (q == "`" && language == .ruby) {
            quote = q
            k += 1
        }
        let idStart = k
        while isWordChar(self[k]) { k += 1 }
        guard k > idStart else { return nil }
        if language == .ruby, quote == nil, let first = self[idStart], first.properties.numericType != nil { return nil }
        let id = source.text(idStart..<k)
        if let quote {
            guard self[k] == quote else { return nil }
            k += 1
        }
        let openerEnd = k
        // The body starts on the next line, after the bodies of earlier heredocs on this line.
        var bodyStart = lineEnd(from: openerEnd) + 1
        while case .skip(let end)? = regions[bodyStart] { bodyStart = lineEnd(from: end) + 1 }
        guard bodyStart <= source.scalars.count else { return nil }
        // The line that closes it: the id alone (indented for `<<~`, `<<-` and PHP; Ruby and shell
        // without them still accept indentation, and PHP lets code follow the id). Found in an index
        // of such lines, so a file of `<<` operators costs one pass, not one per operator.
        let candidates = closingLines()[id] ?? []
        var lo = 0
        var hi = candidates.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if candidates[mid].line < bodyStart { lo = mid + 1 } else { hi = mid }
        }
        guard lo < candidates.count else { return nil }
        let closer = candidates[lo]
        let bodyEnd = closer.line
        // PHP lets code follow the closing id (`EOT;`, `EOT, 'x']`): that is code again.
        let skipEnd = language == .php ? closer.idEnd : lineEnd(from: closer.idEnd)
        regions[bodyStart] = .skip(max(skipEnd, bodyStart + 1))
        var interpolated = false
        if quote != "'" {
            for j in bodyStart..<bodyEnd {
                let c = source.scalars[j]
                if c == "#" && self[j + 1] == "{" && language == .ruby { interpolated = true }
                if c == "$" && language != .ruby, let next = self[j + 1],
                    next == "{" || next == "_" || next == "(" || next.properties.isAlphabetic
                {
                    interpolated = true
                }
                if c == "`" && language == .shell { interpolated = true }
            }
        }
        return .init(
            value: source.text(bodyStart..<bodyEnd), start: i, end: openerEnd, contentStart: bodyStart, interpolated: interpolated,
            escaped: false)
    }

    /// Lines that can close a heredoc, by the id they close: a name alone on its line after
    /// indentation (PHP: a name then anything that is not part of a name), in order.
    private var closers: [String: [(line: Int, idEnd: Int)]]?

    private mutating func closingLines() -> [String: [(line: Int, idEnd: Int)]] {
        if let closers { return closers }
        var out: [String: [(line: Int, idEnd: Int)]] = [:]
        let n = source.scalars.count
        var line = 0
        while line < n {
            let end = lineEnd(from: line)
            var a = line
            while let c = self[a], c == " " || c == "\t" { a += 1 }
            var b = a
            while b < end, isWordChar(self[b]) { b += 1 }
            if b > a {
                var k = b
                while let c = self[k], c == " " || c == "\t" || c == "\r" { k += 1 }
                if language == .php || k >= end { out[source.text(a..<b), default: []].append((line, b)) }
            }
            line = end + 1
        }
        closers = out
        return out
    }

    // MARK: - Regular expressions and sigils

    /// Words after which `/` starts a regular expression, not a division.
    private static let regexKeywords: Set<String> = [
        "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await",
        "if", "unless", "when", "while", "until", "and", "or", "not", "then", "elsif",
    ]

    /// Whether a `/` (or Ruby `%`) after `last` is in a value's position: at the start of the file or a
    /// line, after an operator or an opening bracket or `,;:`, or after a keyword like `return`.
    private func valuePosition(_ last: Int, before i: Int) -> Bool {
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
    private func regex(at i: Int) -> ScopeListReader.StringLiteral? {
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
    private func delimited(start: Int, open: Int, interpolated: Bool) -> ScopeListReader.StringLiteral? {
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
    private func percentLiteral(at i: Int, last: Int) -> ScopeListReader.StringLiteral? {
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
    private func sigil(at i: Int) -> ScopeListReader.StringLiteral? {
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
