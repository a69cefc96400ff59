import PermdocsDiagnostics

/// A source file as Unicode scalars with line starts, so any position converts to a 1-based line
/// and column (columns count Unicode scalars, as everywhere in permdocs).
package struct SourceText {
    package let file: String
    package let scalars: [Unicode.Scalar]
    private let lineStarts: [Int]

    package init(_ text: String, file: String) {
        self.file = file
        scalars = Array(text.unicodeScalars)
        var starts = [0]
        for (i, s) in scalars.enumerated() where s == "\n" { starts.append(i + 1) }
        lineStarts = starts
    }

    package func location(_ index: Int) -> SourceLocation {
        // Binary search for the last line start <= index.
        var lo = 0
        var hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= index { lo = mid } else { hi = mid - 1 }
        }
        return SourceLocation(file: file, line: lo + 1, column: index - lineStarts[lo] + 1)
    }

    package subscript(_ i: Int) -> Unicode.Scalar? { i >= 0 && i < scalars.count ? scalars[i] : nil }

    package func starts(with s: String, at i: Int) -> Bool {
        var k = i
        for u in s.unicodeScalars {
            guard k < scalars.count, scalars[k] == u else { return false }
            k += 1
        }
        return true
    }

    package func text(_ range: Range<Int>) -> String {
        var out = ""
        out.unicodeScalars.append(contentsOf: scalars[max(0, range.lowerBound)..<min(scalars.count, range.upperBound)])
        return out
    }
}

/// Which comment markers a file uses, by file extension. An unknown extension gets all of them.
package struct CommentSyntax {
    package var line: [String]
    package var block: Bool
    /// `"$name"` interpolates in double-quoted strings (Kotlin, PHP, Dart, Groovy, shell, Perl).
    package var dollarInterpolation = false

    package static func forFile(_ path: String) -> CommentSyntax {
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch ext {
        case "kt", "kts", "dart", "groovy", "gradle":
            return CommentSyntax(line: ["//"], block: true, dollarInterpolation: true)
        case "swift", "ts", "tsx", "js", "jsx", "mjs", "cjs", "mts", "cts", "go", "java", "cs", "scala", "rs", "c", "h", "cc", "cpp", "m":
            return CommentSyntax(line: ["//"], block: true)
        case "py", "pyi", "rb", "rake", "gemspec", "ex", "exs", "toml", "r", "cr":
            return CommentSyntax(line: ["#"], block: false)
        case "sh", "bash", "zsh", "pl", "pm":
            return CommentSyntax(line: ["#"], block: false, dollarInterpolation: true)
        case "php":
            return CommentSyntax(line: ["//", "#"], block: true, dollarInterpolation: true)
        default:
            return CommentSyntax(line: ["//", "#"], block: true)
        }
    }
}
