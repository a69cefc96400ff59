/// A place in a source file: the file path as the user gave it, a 1-based line and a 1-based column.
///
/// Columns count Unicode scalars (characters as libyaml counts them), not bytes or UTF-16 units,
/// so `é` is one column. Every conversion from a C library's 0-based mark happens exactly once,
/// in the stage that talks to that library.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form editors and CI systems make clickable.
    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}
