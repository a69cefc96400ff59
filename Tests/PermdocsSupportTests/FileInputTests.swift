import Testing
import Foundation
import PermdocsDiagnostics
import PermdocsSupport

@Suite("File input")
struct FileInputTests {
    /// A file longer than `fstat` said (here a /proc file, which reports size 0) is read to its
    /// end through bigger buffers, and the size bound still holds on what was actually read.
    @Test func aFileLongerThanItsStatSizeIsReadWholeAndStillBounded() throws {
        let path = "/proc/self/cmdline"
        let expected = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        try #require(expected.count > 8)
        #expect(try FileInput.read(path, displayPath: path, limit: 1 << 20) == expected)
        #expect(try FileInput.read(path, displayPath: path, limit: expected.count) == expected)
        #expect(try FileInput.read(path, displayPath: path, limit: expected.count - 1) == nil)
    }

    @Test func aRegularFileIsReadAsItIs() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("permdocs-fileinput-\(getpid())")
        defer { try? FileManager.default.removeItem(at: url) }
        let bytes = (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try Data(bytes).write(to: url)
        #expect(try FileInput.read(url.path, displayPath: "x", limit: bytes.count) == bytes)
        #expect(try FileInput.read(url.path, displayPath: "x", limit: bytes.count - 1) == nil)
        try Data().write(to: url)
        #expect(try FileInput.read(url.path, displayPath: "x", limit: 10) == [])
    }
}
