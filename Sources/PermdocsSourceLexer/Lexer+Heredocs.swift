/// Heredocs: Ruby `<<~ID`, `<<-ID`, `<<ID`; PHP `<<<ID`, `<<<'ID'`; shell and Perl `<<EOF`, `<<-EOF`,
/// `<<'EOF'`. The opener is the literal, valued with its body; the body is skipped.
extension Lexer {
    // MARK: - Heredocs

    /// A heredoc opener at `i`, valued with its body; the body is registered as skipped. nil when
    /// no line closes it (then `<<` is an operator: a shift, an append).
    mutating func heredoc(at i: Int) -> StringLiteral? {
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

    mutating func closingLines() -> [String: [(line: Int, idEnd: Int)]] {
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
}
