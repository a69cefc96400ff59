/// The per-language table: which file is in which language, and which literal each language
/// starts at a position (strings and their prefixes, heredocs, raw strings, regexes, word lists).
extension Lexer {
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

    mutating func literal(at i: Int, last: Int) -> StringLiteral? {
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
}
