/// Byte classes for the scanners, written as text: `ASCII.isDigit(b)`, never `b >= 48 && b <= 57`
/// (single bytes are written `UInt8(ascii: "x")`). Inlinable, so they cost what the comparisons do.
public enum ASCII {
    /// `0`–`9`.
    @inlinable public static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    /// `a`–`z`.
    @inlinable public static func isLower(_ b: UInt8) -> Bool { b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") }

    /// `A`–`Z`.
    @inlinable public static func isUpper(_ b: UInt8) -> Bool { b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") }

    /// A space or a tab.
    @inlinable public static func isBlank(_ b: UInt8) -> Bool { b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") }

    /// A space, tab, line feed, vertical tab, form feed or carriage return.
    @inlinable public static func isWhitespace(_ b: UInt8) -> Bool {
        b == UInt8(ascii: " ") || (b >= UInt8(ascii: "\t") && b <= UInt8(ascii: "\r"))
    }

    /// The digit's value, for a byte that `isDigit`.
    @inlinable public static func digitValue(_ b: UInt8) -> Int { Int(b - UInt8(ascii: "0")) }

    /// `A`–`Z` as `a`–`z`; every other byte as it is.
    @inlinable public static func lowercased(_ b: UInt8) -> UInt8 { isUpper(b) ? b + (UInt8(ascii: "a") - UInt8(ascii: "A")) : b }
}
