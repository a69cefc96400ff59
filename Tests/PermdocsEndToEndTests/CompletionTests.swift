import Foundation
import Testing
import PermdocsTestSupport

/// Runs `shell -n` (parse only) on `script`; nil when the shell is not installed.
private func parses(_ shell: String, _ script: String) throws -> Bool? {
    guard let path = ["/usr/bin/\(shell)", "/bin/\(shell)"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
        return nil
    }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("permdocs-completion-\(UUID().uuidString)")
    try script.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = ["-n", file.path]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus == 0
}

/// The README's completion commands (swift-argument-parser's `--generate-completion-script`).
@Suite("shell completion (real binary)")
struct CompletionTests {
    @Test(arguments: ["bash", "zsh", "fish"])
    func theCompletionScriptOffersEveryCommand(shell: String) throws {
        let r = try Binary.run(["--generate-completion-script", shell])
        #expect(r.status == 0)
        #expect(r.stderr == "")
        for command in ["check", "build", "serve", "urls", "changes", "schema", "init"] {
            #expect(r.stdout.contains(command), "\(shell): \(command)")
        }
        // The schema kinds are completed as values.
        #expect(r.stdout.contains("catalog") && r.stdout.contains("procedure"))
        if let ok = try parses(shell, r.stdout) { #expect(ok, "\(shell) -n rejects the script") }
    }
}
