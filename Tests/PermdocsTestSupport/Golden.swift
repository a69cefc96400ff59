import Foundation

/// Golden files: expected output kept in a file beside the test. A mismatch fails with a diff
/// summary. `RECORD_GOLDEN=1 swift test` rewrites the files and still fails each test it recorded,
/// so CI never accepts a new baseline silently.
public enum Golden {
    public static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }

    /// nil when `actual` equals the golden file; otherwise why not.
    public static func mismatch(_ actual: String, golden path: String) -> String? {
        if recording {
            try? FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            do { try actual.write(toFile: path, atomically: true, encoding: .utf8) } catch {
                return "could not record \(path): \(error)"
            }
            return "recorded \(path); run again without RECORD_GOLDEN=1"
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            return "no golden file \(path); record it with RECORD_GOLDEN=1"
        }
        if expected == actual { return nil }
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(e.count, a.count) {
            let el = i < e.count ? String(e[i]) : "<end of file>"
            let al = i < a.count ? String(a[i]) : "<end of output>"
            if el != al {
                return "\(path):\(i + 1): golden differs\n  expected: \(el)\n  actual:   \(al)"
            }
        }
        return "\(path): golden differs"
    }
}

/// Paths inside the package checkout, from this file's location.
public enum Repo {
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    public static func path(_ relative: String) -> String { root + "/" + relative }
}
