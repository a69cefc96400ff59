/// A JSON value written deterministically: object keys sorted, two-space indentation, no escaped
/// slashes; a closed enum, so writing it never goes through `Any` (as Foundation's
/// JSONSerialization does).
public indirect enum JSONText: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([JSONText])
    case object([String: JSONText])

    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .int(value) }

    public static func optional(_ s: String?) -> JSONText { s.map { .string($0) } ?? .null }

    /// Pretty-printed, with a trailing newline.
    public var rendered: String {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        write(into: &out, indent: 0)
        out.append(UInt8(ascii: "\n"))
        return String(decoding: out, as: UTF8.self)
    }

    private func write(into out: inout [UInt8], indent: Int) {
        switch self {
        case .string(let s): Self.quote(s, into: &out)
        case .int(let n): out.append(contentsOf: String(n).utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case .array(let items):
            if items.isEmpty {
                out.append(contentsOf: "[]".utf8)
                return
            }
            out.append(contentsOf: "[\n".utf8)
            for (i, item) in items.enumerated() {
                Self.pad(indent + 1, into: &out)
                item.write(into: &out, indent: indent + 1)
                out.append(contentsOf: (i + 1 < items.count ? ",\n" : "\n").utf8)
            }
            Self.pad(indent, into: &out)
            out.append(UInt8(ascii: "]"))
        case .object(let fields):
            if fields.isEmpty {
                out.append(contentsOf: "{}".utf8)
                return
            }
            out.append(contentsOf: "{\n".utf8)
            let keys = fields.keys.sorted()
            for (i, key) in keys.enumerated() {
                Self.pad(indent + 1, into: &out)
                Self.quote(key, into: &out)
                out.append(contentsOf: ": ".utf8)
                fields[key]!.write(into: &out, indent: indent + 1)
                out.append(contentsOf: (i + 1 < keys.count ? ",\n" : "\n").utf8)
            }
            Self.pad(indent, into: &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func pad(_ n: Int, into out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(32, count: 2 * n))
    }

    static func quote(_ s: String, into out: inout [UInt8]) {
        let (quote, backslash) = (UInt8(ascii: "\""), UInt8(ascii: "\\"))
        out.append(quote)
        var s = s
        s.withUTF8 { bytes in
            // Runs of bytes that need no escape are copied at once.
            var run = 0
            for (i, byte) in bytes.enumerated() where byte < 0x20 || byte == quote || byte == backslash {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
                run = i + 1
                switch byte {
                case quote: out.append(contentsOf: #"\""#.utf8)
                case backslash: out.append(contentsOf: #"\\"#.utf8)
                case UInt8(ascii: "\n"): out.append(contentsOf: #"\n"#.utf8)
                case UInt8(ascii: "\r"): out.append(contentsOf: #"\r"#.utf8)
                case UInt8(ascii: "\t"): out.append(contentsOf: #"\t"#.utf8)
                default:
                    let hex: StaticString = "0123456789abcdef"
                    out.append(contentsOf: #"\u00"#.utf8)
                    out.append(hex.utf8Start[Int(byte >> 4)])
                    out.append(hex.utf8Start[Int(byte & 15)])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
        }
        out.append(quote)
    }
}
