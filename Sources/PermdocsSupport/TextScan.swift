public import PermdocsDiagnostics

/// Byte-level checks made before a file reaches a C parser, each with an exact location: invalid
/// UTF-8 and NUL bytes. Also converts byte offsets to line and column.
public enum TextScan {
    public enum Problem: Equatable, Sendable {
        case invalidUTF8(offset: Int)
        case nulByte(offset: Int)
    }

    /// The first encoding problem in `bytes`, if any. Rejects overlong forms, surrogates and code
    /// points above U+10FFFF, as RFC 3629 does.
    public static func firstProblem(in bytes: UnsafeBufferPointer<UInt8>) -> Problem? {
        var i = 0
        let n = bytes.count
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        while i < n {
            // Eight bytes at a time while they are ASCII without NUL: no high bit set, no zero byte.
            while i + 8 <= n {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let high = w & 0x8080_8080_8080_8080
                let zero = (w &- 0x0101_0101_0101_0101) & ~w & 0x8080_8080_8080_8080
                if high | zero != 0 { break }
                i += 8
            }
            if i >= n { break }
            let b0 = bytes[i]
            if b0 < 0x80 {
                if b0 == 0 { return .nulByte(offset: i) }
                i += 1
                continue
            }
            let length: Int
            let minimum: UInt32
            var scalar: UInt32
            switch b0 {
            case 0xC2...0xDF:
                length = 2
                minimum = 0x80
                scalar = UInt32(b0 & 0x1F)
            case 0xE0...0xEF:
                length = 3
                minimum = 0x800
                scalar = UInt32(b0 & 0x0F)
            case 0xF0...0xF4:
                length = 4
                minimum = 0x10000
                scalar = UInt32(b0 & 0x07)
            default: return .invalidUTF8(offset: i)
            }
            guard i + length <= n else { return .invalidUTF8(offset: i) }
            for k in 1..<length {
                let b = bytes[i + k]
                guard b & 0xC0 == 0x80 else { return .invalidUTF8(offset: i) }
                scalar = scalar << 6 | UInt32(b & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) {
                return .invalidUTF8(offset: i)
            }
            i += length
        }
        return nil
    }

    /// 1-based line and column (in Unicode scalars) of a byte offset. `\n`, `\r\n` and a lone `\r`
    /// each end a line, as in YAML. Continuation bytes do not count as columns.
    public static func lineAndColumn(ofOffset target: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        var previous: UInt8 = 0
        for index in 0..<min(target, bytes.count) {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                if previous != UInt8(ascii: "\r") { line += 1 }
                column = 1
            } else if byte == UInt8(ascii: "\r") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            previous = byte
        }
        return (line, column)
    }

    /// The located error for the first encoding problem in `bytes`, or nil when they are valid UTF-8
    /// without NUL bytes. Used before any file reaches libyaml or libcmark.
    public static func encodingError(in bytes: UnsafeBufferPointer<UInt8>, file: String) -> Diagnostic? {
        guard let problem = firstProblem(in: bytes) else { return nil }
        let (offset, rule, message) =
            switch problem {
            case .invalidUTF8(let o): (o, InputRule.invalidUTF8, "invalid UTF-8 byte sequence")
            case .nulByte(let o): (o, InputRule.nulByte, "NUL byte in text")
            }
        let (line, column) = lineAndColumn(ofOffset: offset, in: bytes)
        return .error(rule, message, at: SourceLocation(file: file, line: line, column: column))
    }
}
