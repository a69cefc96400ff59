public import PermdocsDiagnostics
import PermdocsSupport
import Foundation

/// A Mustache tag with the place it was written: every tag has a `template:line:column` for the
/// strict checks, and its byte range for `TemplateProgram`, which renders from the same tree.
public struct TemplateTag: Sendable {
    public enum Kind: Sendable, Equatable {
        /// `{{name}}` (escaped) or `{{{name}}}` / `{{&name}}` (raw HTML).
        case variable(escaped: Bool)
        case section
        case invertedSection
        case partial
    }

    public var kind: Kind
    public var name: String
    public var location: SourceLocation
    /// The whole tag, `{{` to `}}`, as UTF-8 offsets in the template text.
    public var range: Range<Int> = 0..<0
}

/// A template as a tree of tags. Text between tags is not copied: it is the bytes between the
/// tags' ranges, which `TemplateProgram` slices out of the source.
public indirect enum TemplateNode: Sendable {
    case tag(TemplateTag)
    /// A section or inverted section, its children, and the byte range of its closing tag.
    case section(TemplateTag, [TemplateNode], close: Range<Int>)
    /// `{{! … }}`: renders nothing, but a comment alone on its line removes the line.
    case comment(Range<Int>)
}

/// Tokenizes Mustache with exact locations and rejects what permdocs does not support: changed
/// delimiters, pragmas, inheritance blocks, dynamic partials and transforms, which would make a
/// template's meaning depend on more than its tags.
public enum TemplateScanner {
    public static func scan(_ text: String, file: String, diagnostics: inout Diagnostics) -> [TemplateNode] {
        var text = text
        return text.withUTF8 { scan(bytes: $0, file: file, diagnostics: &diagnostics) }
    }

    /// Works on UTF-8 bytes (every tag delimiter is ASCII); columns count Unicode scalars. Text
    /// between tags is skipped with `memchr`, counting lines only, since most of an article is text.
    /// The deepest nesting of sections a template may have.
    public static let maxSectionDepth = 100

    public static func scan(bytes: UnsafeBufferPointer<UInt8>, file: String, diagnostics: inout Diagnostics) -> [TemplateNode] {
        let open = UInt8(ascii: "{")
        let close = UInt8(ascii: "}")
        let n = bytes.count
        guard let base = bytes.baseAddress, nextTagStart(base, from: 0, count: n) < n else { return [] }

        var root: [TemplateNode] = []
        var stack: [(tag: TemplateTag, children: [TemplateNode])] = []
        var i = 0
        var line = 1
        var column = 1

        /// Moves `i` to `target`, keeping `line` and `column` (in scalars) up to date.
        func advance(to target: Int) {
            var lineStart = -1
            var p = i
            while let newline = Bytes.find(UInt8(ascii: "\n"), in: base, from: p, to: target) {
                line += 1
                p = newline + 1
                lineStart = p
            }
            var scalars = 0
            for k in (lineStart >= 0 ? lineStart : i)..<target where bytes[k] & 0xC0 != 0x80 { scalars += 1 }
            column = lineStart >= 0 ? 1 + scalars : column + scalars
            i = target
        }
        func append(_ node: TemplateNode) {
            if stack.isEmpty { root.append(node) } else { stack[stack.count - 1].children.append(node) }
        }

        while i < n {
            let next = nextTagStart(base, from: i, count: n)
            advance(to: next)
            if i >= n { break }
            let location = SourceLocation(file: file, line: line, column: column)
            let tagStart = i
            let triple = i + 2 < n && bytes[i + 2] == open
            let width = triple ? 3 : 2
            var j = i + width
            while j < n, !(bytes[j] == close && j + 1 < n && bytes[j + 1] == close && (!triple || (j + 2 < n && bytes[j + 2] == close))) {
                j += 1
            }
            guard j < n else {
                diagnostics.error(TemplateRule.syntax, "unclosed tag: '{{' without '\(triple ? "}}}" : "}}")'", at: location)
                return root
            }
            let inner = String(decoding: UnsafeBufferPointer(rebasing: bytes[(i + width)..<j]), as: UTF8.self)
            advance(to: j + width)
            let range = tagStart..<i
            var body = Substring(inner.trimmingWhitespace())
            if triple {
                if let name = checkedName(body, at: location, &diagnostics) {
                    append(.tag(TemplateTag(kind: .variable(escaped: false), name: name, location: location, range: range)))
                }
                continue
            }
            let sigil = body.first
            switch sigil {
            case "!":
                append(.comment(range))
                continue
            case "#", "^", "/", ">", "&":
                body = body.dropFirst()
            case "=":
                diagnostics.error(TemplateRule.unsupported, "changing delimiters ('{{=') is not supported", at: location)
                continue
            case "%":
                diagnostics.error(
                    TemplateRule.unsupported, "pragmas ('{{%') are not supported; permdocs sets the content type itself", at: location)
                continue
            case "$", "<":
                diagnostics.error(
                    TemplateRule.unsupported, "template inheritance ('{{\(sigil!)') is not supported; use partials", at: location)
                continue
            default:
                break
            }
            let trimmed = Substring(String(body).trimmingWhitespace())
            switch sigil {
            case ">":
                if trimmed.hasPrefix("*") {
                    diagnostics.error(TemplateRule.unsupported, "dynamic partials ('{{>*') are not supported", at: location)
                } else if trimmed.isEmpty {
                    diagnostics.error(TemplateRule.syntax, "a partial tag needs a name", at: location)
                } else {
                    append(.tag(TemplateTag(kind: .partial, name: String(trimmed), location: location, range: range)))
                }
            case "#", "^":
                // Checking and rendering walk sections recursively: a bounded depth keeps a
                // hostile template a located error, not a stack overflow.
                if stack.count >= maxSectionDepth {
                    diagnostics.error(
                        TemplateRule.syntax, "sections are nested deeper than \(maxSectionDepth); flatten the template", at: location)
                    return root
                }
                if let name = checkedName(trimmed, at: location, &diagnostics) {
                    stack.append(
                        (TemplateTag(kind: sigil == "#" ? .section : .invertedSection, name: name, location: location, range: range), []))
                }
            case "/":
                guard let open = stack.popLast() else {
                    diagnostics.error(TemplateRule.syntax, "'{{/\(trimmed)}}' closes no open section", at: location)
                    continue
                }
                if open.tag.name != trimmed {
                    diagnostics.error(
                        TemplateRule.syntax, "'{{/\(trimmed)}}' does not close '\(open.tag.name)'", at: location,
                        notes: [.init("'\(open.tag.name)' is opened here", at: open.tag.location)])
                }
                append(.section(open.tag, open.children, close: range))
            default:
                if let name = checkedName(trimmed, at: location, &diagnostics) {
                    append(.tag(TemplateTag(kind: .variable(escaped: sigil != "&"), name: name, location: location, range: range)))
                }
            }
        }
        for open in stack.reversed() {
            diagnostics.error(TemplateRule.syntax, "section '\(open.tag.name)' is never closed", at: open.tag.location)
        }
        return root
    }

    /// The offset of the next `{{` at or after `from`, or `count`.
    static func nextTagStart(_ base: UnsafePointer<UInt8>, from: Int, count n: Int) -> Int {
        var p = from
        let brace = UInt8(ascii: "{")
        while let q = Bytes.find(brace, in: base, from: p, to: n - 1) {
            if base[q + 1] == brace { return q }
            p = q + 1
        }
        return n
    }

    /// `.` or dot-separated names of letters, digits, `_` and `-`.
    private static func checkedName(_ name: Substring, at location: SourceLocation, _ diagnostics: inout Diagnostics) -> String? {
        if name == "." { return "." }
        if name.utf8.contains(UInt8(ascii: "(")) {
            diagnostics.error(TemplateRule.unsupported, "transforms ('\(name)') are not supported", at: location)
            return nil
        }
        // ASCII names (all of them in practice) without Unicode property lookups.
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            var previousDot = true
            for b in name.utf8 {
                let ok = ASCII.isLower(b) || ASCII.isUpper(b) || ASCII.isDigit(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
                if b == UInt8(ascii: ".") {
                    if previousDot { break }
                    previousDot = true
                } else if ok {
                    previousDot = false
                } else {
                    previousDot = true
                    break
                }
            }
            if !previousDot { return String(name) }
        }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        let valid =
            !name.isEmpty
            && parts.allSatisfy { part in
                !part.isEmpty
                    && part.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
            }
        guard valid else {
            diagnostics.error(TemplateRule.syntax, "'\(name)' is not a valid tag name", at: location)
            return nil
        }
        return String(name)
    }
}

extension String {
    func trimmingWhitespace() -> String {
        // ASCII: trim spaces, tabs and line breaks on bytes.
        if utf8.allSatisfy({ $0 < 0x80 }) {
            let u = Array(utf8)
            var a = 0
            var b = u.count
            while a < b, ASCII.isWhitespace(u[a]) { a += 1 }
            while b > a, ASCII.isWhitespace(u[b - 1]) { b -= 1 }
            return a == 0 && b == u.count ? self : String(decoding: u[a..<b], as: UTF8.self)
        }
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
