import PermdocsDiagnostics
import PermdocsSourceLexer

/// The value at an anchor: a literal list or string, or a reference that permdocs follows to a
/// constant defined in the same file (`SCOPES`, `SCOPES.join(" ")`, `" ".join(SCOPES)`,
/// `SCOPES.joinToString(" ")`, `strings.Join(scopes, " ")`, `"openid " + MAIL_SCOPE`). A value it
/// cannot follow is a non-literal element at that place: the reader never skips to a later list.
extension ScopeListReader {
    /// How deep constants may refer to constants.
    package static let maxConstantDepth = 4

    /// Methods that join a list into one string: `LIST.join(" ")` requests what `LIST` holds.
    /// Also methods that return the same scopes in another shape (`SCOPES.toList()`,
    /// `SCOPE_STRING.split(" ")`, `SCOPES.freeze`).
    package static let joinMethods: Set<String> = [
        "join", "joinToString", "joined", "Join", "mkString",
        "toList", "toTypedArray", "toSet", "toArray", "ToArray", "ToList", "freeze", "dup", "split", "Split",
    ]

    package func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c == "$" || c == "@" || c.properties.isAlphabetic
    }

    package func isIdentifierChar(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c.properties.isAlphabetic || c.properties.numericType != nil
    }

    /// Reads `a.b::c->d` (with `$`/`@` sigils) starting at `i`: the index after it and its components.
    package func identifierPath(at i: Int) -> (end: Int, components: [String]) {
        var j = i
        var components: [String] = []
        while true {
            var name = ""
            while let c = source[j], c == "$" || c == "@" { j += 1 }
            while let c = source[j], isIdentifierChar(c) {
                name.unicodeScalars.append(c)
                j += 1
            }
            components.append(name)
            if source[j] == ".", let c = source[j + 1], isIdentifierStart(c) {
                j += 1
                continue
            }
            if source.starts(with: "::", at: j), let c = source[j + 2], isIdentifierStart(c) {
                j += 2
                continue
            }
            if source.starts(with: "->", at: j), let c = source[j + 2], isIdentifierStart(c) {
                j += 2
                continue
            }
            if source[j] == "?", source[j + 1] == ".", let c = source[j + 2], isIdentifierStart(c) {
                j += 2
                continue
            }
            break
        }
        return (j, components)
    }

    /// The next index that is not a space or tab; a line break is crossed only when the next line
    /// continues the expression (starts with `.` or `+`). `crossedLine` says whether one was.
    package func nextSignificant(after i: Int) -> (index: Int, crossedLine: Bool) {
        var j = i
        while let c = source[j], c == " " || c == "\t" { j += 1 }
        // A comment after a name ends the expression (`scope: SCOPES // all of them`).
        if let end = skipComment(at: j) {
            var k = end
            while let c = source[k], c.properties.isWhitespace { k += 1 }
            if let c = source[k], c == "." || c == "+" { return (k, false) }
            return (j, true)
        }
        if let c = source[j], c == "\n" || c == "\r" {
            var k = j
            // A heredoc's body is not the next line of code.
            while let c = source[k], c.properties.isWhitespace || skipComment(at: k) != nil {
                k = skipComment(at: k).map { max($0, k + 1) } ?? k + 1
            }
            if let c = source[k], c == "." || c == "+" { return (k, false) }
            return (j, true)
        }
        return (j, false)
    }

    /// The scope list at `start`: skips the rest of a declaration (`: [String] =`, `List.of`,
    /// `[]string`), then reads the first value.
    package func value(from start: Int, depth: Int) -> ScopeList? {
        var i = start
        let limit = min(source.scalars.count, start + Self.searchWindow)
        while i < limit {
            guard let c = source[i] else { break }
            if let end = skipComment(at: i) {
                i = end
                continue
            }
            if c.properties.isWhitespace {
                i += 1
                continue
            }
            if let words = wordList(at: i) { return words }
            if isQuote(at: i) { return stringValue(at: i, depth: depth) }
            if let close = matchingBracket(c) {
                let (end, list) = bracketed(open: i, close: close, depth: depth)
                if let list { return list }
                i = end
                continue
            }
            if isIdentifierStart(c), i == 0 || !isIdentifierChar(source.scalars[i - 1]) {
                let (end, path) = identifierPath(at: i)
                if path == [""], source[i] == "$", isQuote(at: end) {
                    // C#'s `$"…"` interpolates.
                    let lit = readString(at: end)
                    return ScopeList(
                        location: source.location(i), scopes: [], nonLiterals: [(source.text(i..<lit.end), source.location(i))])
                }
                if path.last?.isEmpty == true {
                    i = max(end, i + 1)
                    continue
                }
                if isQuote(at: end), path.count == 1, Self.literalPrefixes.contains(path[0]) {
                    i = end
                    continue
                }
                if isQuote(at: end), path.count == 1, path[0].lowercased().contains("f"), path[0].count <= 2 {
                    // Python f-strings interpolate.
                    let lit = readString(at: end)
                    return ScopeList(
                        location: source.location(i), scopes: [], nonLiterals: [(source.text(i..<lit.end), source.location(i))])
                }
                let (next, crossedLine) = nextSignificant(after: end)
                if path.count >= 2, Self.joinMethods.contains(path.last!) {
                    return join(path: path, at: i, end: end, next: next, depth: depth)
                }
                if crossedLine { return reference(path, text: source.text(i..<end), at: i, depth: depth) }
                switch source[next] {
                case nil, ",", ";", ")", "]", "}":
                    return reference(path, text: source.text(i..<end), at: i, depth: depth)
                case "+":
                    return concatenation(from: i, depth: depth)
                case "(":
                    let (close, list) = bracketed(open: next, close: ")", depth: depth)
                    if let list { return list }
                    return ScopeList(location: source.location(i), scopes: [], nonLiterals: [(source.text(i..<close), source.location(i))])
                default:
                    i = end
                    continue
                }
            }
            i += 1
        }
        return nil
    }

    /// `LIST.join(" ")` (the receiver is the list) or `strings.Join(list, " ")`, `Enum.join(@scopes, " ")`
    /// (an argument is the list).
    package func join(path: [String], at i: Int, end: Int, next: Int, depth: Int) -> ScopeList {
        let text = source.text(i..<end)
        let receiverText = String(text.dropLast(path.last!.count + 1))
        var arguments: ScopeList?
        if source[next] == "(" { arguments = bracketed(open: next, close: ")", depth: depth).1 }
        if var arguments, !arguments.scopes.isEmpty || !arguments.constants.isEmpty {
            arguments.location = source.location(i)
            return arguments
        }
        let receiver = reference(Array(path.dropLast()), text: receiverText, at: i, depth: depth)
        if !receiver.constants.isEmpty { return receiver }
        // Named arguments (`separator = " "`) are not the list.
        let positional = arguments?.nonLiterals.filter { !$0.text.contains("=") && !$0.text.contains(":") } ?? []
        if !positional.isEmpty {
            return ScopeList(location: source.location(i), scopes: [], nonLiterals: positional)
        }
        return receiver
    }

    /// A literal at `i`: `" ".join(...)`, a concatenation, or space-separated scopes.
    package func stringValue(at i: Int, depth: Int) -> ScopeList {
        let lit = readString(at: i)
        let (next, crossedLine) = nextSignificant(after: lit.end)
        if !crossedLine {
            if source.starts(with: ".join(", at: next) || source.starts(with: ".Join(", at: next) {
                let (_, list) = bracketed(open: next + 5, close: ")", depth: depth)
                if var list {
                    list.location = source.location(i)
                    return list
                }
            }
            if isConcatenation(at: next) { return concatenation(from: i, depth: depth) }
        }
        return singleString(lit, at: i)
    }

    /// `+`, PHP's `.` and Elixir's `<>` between operands.
    package func isConcatenation(at i: Int) -> Bool {
        guard let c = source[i] else { return false }
        if c == "+" { return source[i + 1] != "+" && source[i + 1] != "=" }
        if source.starts(with: "<>", at: i) { return true }
        if c == ".", syntax.dollarInterpolation, let n = source[i + 1], n == " " || n == "\t" || n == "'" || n == "\"" || n == "$" {
            return true
        }
        return false
    }

    /// A string built with `+` from literals and constants: the scopes of the whole string.
    package func concatenation(from start: Int, depth: Int) -> ScopeList {
        var list = ScopeList(location: source.location(start), scopes: [], nonLiterals: [])
        // The built string as scalars with their places.
        var chars: [(Unicode.Scalar, SourceLocation, Int)] = []
        var piece = 0
        var i = start
        while true {
            piece += 1
            while let c = source[i], c == " " || c == "\t" || c == "\n" || c == "\r" { i += 1 }
            guard let c = source[i] else { break }
            if isQuote(at: i) {
                let lit = readString(at: i)
                if lit.interpolated {
                    list.nonLiterals.append((source.text(lit.start..<lit.end), source.location(i)))
                } else {
                    for (k, s) in lit.value.unicodeScalars.enumerated() {
                        chars.append((s, source.location(lit.escaped ? lit.start : lit.contentStart + k), piece))
                    }
                }
                i = lit.end
            } else if isIdentifierStart(c) {
                let (end, path) = identifierPath(at: i)
                // A string constant joins the string as it is (`GRAPH + "Mail.Send"`).
                if let definition = definition(of: path.last ?? "", near: i), let start = firstSignificant(from: definition.value),
                    isQuote(at: start), case let lit = readString(at: start), !lit.interpolated,
                    !isConcatenation(at: nextSignificant(after: lit.end).index)
                {
                    for (k, s) in lit.value.unicodeScalars.enumerated() {
                        chars.append((s, source.location(lit.escaped ? lit.start : lit.contentStart + k), piece))
                    }
                    list.constants.append((path.last!, source.location(definition.name)))
                    i = end
                    let (next, crossedLine) = nextSignificant(after: i)
                    guard !crossedLine, isConcatenation(at: next) else { break }
                    i = next + (source[next] == "+" || source[next] == "." ? 1 : 2)
                    continue
                }
                let resolved = reference(path, text: source.text(i..<end), at: i, depth: depth)
                list.nonLiterals.append(contentsOf: resolved.nonLiterals)
                list.constants.append(contentsOf: resolved.constants)
                for w in resolved.scopes {
                    // A constant's words stay words: a space before and after.
                    chars.append((" ", w.location, piece))
                    for s in w.text.unicodeScalars { chars.append((s, w.location, piece)) }
                    chars.append((" ", w.location, piece))
                }
                i = end
            } else {
                break
            }
            let (next, crossedLine) = nextSignificant(after: i)
            guard !crossedLine, isConcatenation(at: next) else { break }
            i = next + (source[next] == "+" || source[next] == "." ? 1 : 2)
        }
        // A word built from several pieces is located where its last piece starts (where the
        // permission name is usually written: `GRAPH + "Mail.Send"`).
        var word = ""
        var at: SourceLocation?
        var atPiece = 0
        for (s, location, p) in chars + [(" ", list.location, 0)] {
            if s.properties.isWhitespace {
                if let at, !word.isEmpty { list.scopes.append(WrittenScope(text: word, location: at)) }
                word = ""
                at = nil
            } else {
                if at == nil || p != atPiece {
                    at = location
                    atPiece = p
                }
                word.unicodeScalars.append(s)
            }
        }
        return list
    }

    /// The first index from `i` that is not whitespace.
    package func firstSignificant(from i: Int) -> Int? {
        var j = i
        while let c = source[j], c.properties.isWhitespace { j += 1 }
        return source[j] == nil ? nil : j
    }

    /// The scopes a constant named by `path` holds, when it is defined in this file as a literal
    /// list or string; otherwise `text` as a non-literal element at `i`.
    package func reference(_ path: [String], text: String, at i: Int, depth: Int) -> ScopeList {
        let name = path.last ?? ""
        definitions.followed += 1
        if depth < Self.maxConstantDepth, definitions.followed <= DefinitionCache.maxFollowed, !name.isEmpty,
            let definition = definition(of: name, near: i),
            var list = value(from: definition.value, depth: depth + 1)
        {
            list.location = source.location(i)
            list.constants.insert((name, source.location(definition.name)), at: 0)
            return list
        }
        return ScopeList(location: source.location(i), scopes: [], nonLiterals: [(text, source.location(i))])
    }

    /// Where `name` is assigned in code (`NAME = `, `NAME := `, `NAME: Type = `, Elixir `@name value`):
    /// the last definition before `use`, else the first after it.
    package func definition(of name: String, near use: Int) -> (name: Int, value: Int)? {
        guard let sites = definitionSites(of: name) else { return nil }
        let before = sites.last { $0.name < use && $0.name != use }
        let after = sites.first { $0.name > use }
        return before ?? after
    }

    /// Every place `name` is assigned in code, scanned once per name; nil once a file has made
    /// permdocs look up more than `DefinitionCache.maxNames` names (the reference is then a non-literal).
    package func definitionSites(of name: String) -> [(name: Int, value: Int)]? {
        if let known = definitions.sites[name] { return known }
        guard definitions.sites.count < DefinitionCache.maxNames else { return nil }
        var sites: [(name: Int, value: Int)] = []
        var i = 0
        let n = source.scalars.count
        while i < n {
            if source.starts(with: name, at: i),
                i == 0 || !isIdentifierChar(source.scalars[i - 1]),
                source[i + name.unicodeScalars.count].map({ !isIdentifierChar($0) }) ?? true,
                let v = definitionValue(nameStart: i, nameEnd: i + name.unicodeScalars.count)
            {
                sites.append((i, v))
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
        definitions.sites[name] = sites
        return sites
    }

    /// The index where the assigned value starts, when the name at `nameStart` is assigned.
    package func definitionValue(nameStart: Int, nameEnd: Int) -> Int? {
        var k = nameEnd
        while let c = source[k], c == " " || c == "\t" { k += 1 }
        guard let c = source[k] else { return nil }
        if c == "=", source[k + 1] != "=", source[k + 1] != ">", source[k + 1] != "~" { return k + 1 }
        if c == ":", source[k + 1] == "=" { return k + 2 }
        if c == ":" {
            // A type annotation, then `=` on the same line.
            var j = k + 1
            while let d = source[j], d != "\n", d != ",", d != ";", d != "{", d != ")" {
                if d == "=", source[j + 1] != "=", source[j + 1] != ">", let p = source[j - 1], p != "!", p != "<", p != ">" {
                    return j + 1
                }
                j += 1
            }
            return nil
        }
        if nameStart > 0, source.scalars[nameStart - 1] == "@", k > nameEnd, c == "~" || c == "[" || c == "\"" || c == "'" { return k }
        return nil
    }
}

/// Definition sites by name for one file (a reader is used by one thread).
package final class DefinitionCache {
    /// How many distinct names one file may make permdocs look up.
    package static let maxNames = 64
    /// How many references one read may follow.
    package static let maxFollowed = 1_000
    package var followed = 0
    /// How deep lists may nest inside lists.
    package static let maxNesting = 32
    package var nesting = 0
    package var sites: [String: [(name: Int, value: Int)]] = [:]
}
