import Testing
import Foundation
import PermdocsTestSupport

/// Every seed input and every regression input found by fuzzing goes through its target on each
/// test run (the replayer build of permdocs-fuzz), so a fixed crash stays fixed.
@Suite("Fuzz corpora")
struct FuzzCorpusTests {
    @Test(arguments: ["yaml", "scopes", "directives", "reports"])
    func everySeedAndRegressionInputRunsCleanly(target: String) throws {
        let fuzz = (Binary.path as NSString).deletingLastPathComponent + "/permdocs-fuzz"
        let folders = ["Fuzz/corpus/\(target)", "Fuzz/regressions/\(target)"].map(Repo.path)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: fuzz)
        p.arguments = [target] + folders
        p.currentDirectoryURL = URL(fileURLWithPath: Repo.root)
        var env = ProcessInfo.processInfo.environment
        if let child = env["PERMDOCS_CHILD_ASAN_OPTIONS"] { env["ASAN_OPTIONS"] = child }
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let count = Int(text.split(separator: " ").dropLast(2).last ?? "") ?? 0
        #expect(count >= 2, "\(text)")
    }
}
