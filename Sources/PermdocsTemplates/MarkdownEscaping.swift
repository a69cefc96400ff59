/// Escapes a value for Markdown so catalog text inserted into an article is text, never markup:
/// every ASCII punctuation character gets a backslash (CommonMark makes it literal) and line breaks
/// become spaces, so a value can neither start a block nor forge a directive or a link.
public enum MarkdownEscaping {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n", "\r":
                out.append(" ")
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                // Control characters have no place in a page.
                out.append(" ")
            case _ where scalar.isASCII && scalar.properties.generalCategory.isPunctuationOrSymbol:
                out.append("\\")
                out.unicodeScalars.append(scalar)
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension MarkdownEscaping {
    /// A value inside a code span or code block, where CommonMark shows backslashes as they are:
    /// no escapes; line breaks and control characters still become spaces, so the value cannot
    /// start a line of its own (and so cannot close a fenced block by itself). Whether a backtick
    /// in it would end a code span is the caller's to check (`ArticleRule.unsafeCodeValue`).
    public static func escapeCode(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            out.unicodeScalars.append(scalar.value < 0x20 || scalar.value == 0x7F ? " " : scalar)
        }
        return out
    }
}

extension Unicode.GeneralCategory {
    var isPunctuationOrSymbol: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation,
            .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            true
        default:
            false
        }
    }
}
