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
        case literal(StringLiteral)
    }

    package let source: SourceText
    package let syntax: CommentSyntax
    package let language: Language
    /// Regions by the index they start at.
    package internal(set) var regions: [Int: Region] = [:]

    package init(_ source: SourceText, syntax: CommentSyntax, language: Language) {
        self.source = source
        self.syntax = syntax
        self.language = language
        run()
    }

    subscript(_ i: Int) -> Unicode.Scalar? { source[i] }

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

    func comment(at i: Int) -> Int? {
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

    func lineEnd(from i: Int) -> Int {
        var j = i
        while j < source.scalars.count, source.scalars[j] != "\n" { j += 1 }
        return j
    }

    // MARK: - Literals

    func isWordChar(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return c == "_" || c.properties.isAlphabetic || c.properties.numericType != nil
    }

    /// Lines that can close a heredoc, by the id they close: a name alone on its line after
    /// indentation (PHP: a name then anything that is not part of a name), in order (`Lexer+Heredocs`).
    var closers: [String: [(line: Int, idEnd: Int)]]?
}

/// A literal the lexer found: a string with its prefix, a heredoc (its opener, valued with its
/// body), a word list or a regular expression.
package struct StringLiteral {
    package var value: String
    package var start: Int
    /// Index after the closing quote.
    package var end: Int
    /// Index of the first character of the value.
    package var contentStart: Int
    /// The value is not known text: it interpolates (`${x}`, `#{x}`, `\(x)`, `f"…"`, `$"…"`) or it
    /// is a regular expression.
    package var interpolated: Bool
    /// The value differs from the source text (escapes), so its words are located at the literal.
    package var escaped: Bool

    package init(value: String, start: Int, end: Int, contentStart: Int, interpolated: Bool, escaped: Bool) {
        self.value = value
        self.start = start
        self.end = end
        self.contentStart = contentStart
        self.interpolated = interpolated
        self.escaped = escaped
    }
}
