import Foundation

/// Paths in machine-readable output: relative to a root (the client root for client findings, the
/// content folder for catalog findings), or to the working folder (the repository, for SARIF and
/// GitHub annotations).
public struct FindingPaths: Sendable {
    /// Roots to make `file` relative to, most specific first.
    public var roots: [String]

    public init(roots: [String]) {
        self.roots = roots.map { Self.clean($0) }.filter { !$0.isEmpty && $0 != "." }
    }

    public func relative(_ file: String) -> String {
        let f = Self.clean(file)
        for root in roots where f.hasPrefix(root + "/") {
            return String(f.dropFirst(root.count + 1))
        }
        return f
    }

    /// Relative to the working folder when possible: what GitHub and SARIF expect.
    public static func repositoryRelative(_ file: String) -> String {
        let f = clean(file)
        if f.hasPrefix("/") {
            let cwd = FileManager.default.currentDirectoryPath
            if f.hasPrefix(cwd + "/") { return String(f.dropFirst(cwd.count + 1)) }
        }
        return f
    }

    /// `file` as SARIF's `artifactLocation.uri`, a valid URI reference (RFC 3986): relative to the
    /// working folder when possible, every byte but unreserved characters and `/` percent-encoded
    /// (`a#b.py` → `a%23b.py`, `c%41.py` → `c%2541.py`, `d e.py` → `d%20e.py`, and a `:` that
    /// would read as a scheme); a path outside the working folder becomes a `file://` URI.
    public static func uriReference(_ file: String) -> String {
        let path = repositoryRelative(file)
        var out = path.hasPrefix("/") ? "file://" : ""
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]], as: UTF8.self)
            }
        }
        return out
    }

    static func clean(_ p: String) -> String {
        var s = Substring(p)
        while s.hasPrefix("./") { s = s.dropFirst(2) }
        while s.count > 1, s.hasSuffix("/") { s = s.dropLast() }
        return String(s)
    }
}
