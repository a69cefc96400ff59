public import PermdocsDiagnostics
public import PermdocsModel

/// A leaf directive, `::name argument… key=value…`, alone on a line in column 1 with empty lines
/// around it. Its arguments are literal (no template tags), so it is checked at its exact place
/// before anything renders.
public struct Directive: Sendable {
    public enum Name: String, Sendable, CaseIterable {
        /// `::permissions FEATURE` — the feature's permission table.
        case permissions
        /// `::procedure ID [heading=h2|h3|h4]` — a procedure with numbered steps.
        case procedure
        /// `::checklists` — links to the printable checklists.
        case checklists
    }

    public var name: Name
    public var arguments: [Located<String>]
    public var options: [String: Located<String>]
    public var location: SourceLocation
    /// 1-based line in the article file.
    public var line: Int
    /// The directive's words as written, single-spaced: how the rendered page finds it again.
    public var source: String
    /// What it shows, once checked: the index of its feature (`Catalog.features`) or procedure
    /// (`Content.procedures`); 0 for `::checklists`.
    public internal(set) var target = 0
    /// Which of the site's possible blocks it renders, once checked: one per feature, one per
    /// procedure and heading level, one for the checklists (`Directive.block(...)`). Directives
    /// written differently that show the same thing share a block.
    public internal(set) var block = 0

    /// The block of a checked directive (see `block`), for a content with `features` features and
    /// `procedures` procedures: features first, then three heading levels per procedure, then
    /// the checklists.
    public static func block(_ name: Name, target: Int, heading: String?, features: Int, procedures: Int) -> Int {
        let level =
            switch heading {
            case "h2": 0
            case "h4": 2
            default: 1
            }
        return switch name {
        case .permissions: target
        case .procedure: features + 3 * target + level
        case .checklists: features + 3 * procedures
        }
    }

    /// How many blocks there can be: one past the checklists' block.
    public static func blockCount(features: Int, procedures: Int) -> Int {
        block(.checklists, target: 0, heading: nil, features: features, procedures: procedures) + 1
    }
}

extension Directive {
    /// Directives are matched by their words, so spacing does not matter.
    public static func normalized(_ line: String) -> String {
        var line = line
        return line.withUTF8(normalized)
    }

    /// The words of a directive line single-spaced (spaces and tabs between words).
    public static func normalized(_ line: UnsafeBufferPointer<UInt8>) -> String {
        let space = UInt8(ascii: " ")
        let tab = UInt8(ascii: "\t")
        // Usually written single-spaced already: then the words are the line as it is.
        var spaced = line.first != space && line.last != space
        var previous: UInt8 = 0
        for b in line {
            if b == tab || (b == space && previous == space) {
                spaced = false
                break
            }
            previous = b
        }
        if spaced { return String(decoding: line, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(line.count)
        var pendingSpace = false
        for b in line {
            if b == space || b == tab {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(space) }
                pendingSpace = false
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
