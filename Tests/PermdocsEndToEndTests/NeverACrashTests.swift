import Testing
import Foundation
import PermdocsTestSupport

/// A copy of the example content and templates.
private func workspace() throws -> TempFolder {
    let temp = try TempFolder(prefix: "permdocs-crash")
    for folder in ["content", "templates", "examples"] {
        try FileManager.default.copyItem(atPath: Repo.path(folder), toPath: temp.path + "/" + folder)
    }
    return temp
}

/// Runs permdocs with stdout (or stderr) going to `/dev/full`; the other stream is captured.
private func runToFullDevice(
    _ arguments: [String], in directory: String, fullStream: Int32 = STDOUT_FILENO
) throws -> (
    status: Int32, captured: String
) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Binary.path)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    env["GITHUB_STEP_SUMMARY"] = nil
    if let child = env["PERMDOCS_CHILD_ASAN_OPTIONS"] { env["ASAN_OPTIONS"] = child }
    process.environment = env
    let captured = directory + "/captured.txt"
    _ = FileManager.default.createFile(atPath: captured, contents: nil)
    let capture = try FileHandle(forWritingTo: URL(fileURLWithPath: captured))
    let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
    process.standardOutput = fullStream == STDOUT_FILENO ? full : capture
    process.standardError = fullStream == STDOUT_FILENO ? capture : full
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try? capture.close()
    try? full.close()
    let text = (try? String(contentsOfFile: captured, encoding: .utf8)) ?? ""
    return (process.terminationStatus, text)
}

@Suite("Never a crash, on any input or output channel (real binary)")
struct NeverACrashTests {
    /// A report, result or help text that cannot be written (a full disk; `/dev/full`) is exit 2
    /// with a message on stderr, not a trap in `FileHandle.write` (signal 4 or 5).
    @Test(arguments: [
        ["check", "--format", "sarif"], ["check", "--format", "json", "--client", "examples/client"],
        ["check", "--format", "markdown"], ["urls"], ["urls", "--format", "json"], ["--help"], ["--version"],
    ])
    func aResultWrittenToAFullDeviceIsExitTwoWithAMessage(arguments: [String]) throws {
        let w = try workspace()
        defer { w.remove() }
        let r = try runToFullDevice(arguments, in: w.path)
        #expect(r.status == 2)
        #expect(r.captured.hasSuffix("permdocs: error: cannot write to standard output: No space left on device\n"), "\(r.captured)")
    }

    /// Diagnostics that cannot be written: exit 2 (there is nowhere to say why).
    @Test(arguments: [["check"], ["build"]])
    func diagnosticsWrittenToAFullDeviceAreExitTwo(arguments: [String]) throws {
        let w = try workspace()
        defer { w.remove() }
        let r = try runToFullDevice(arguments, in: w.path, fullStream: STDERR_FILENO)
        #expect(r.status == 2)
    }

    /// A partial that includes itself, or partials that include each other, outside a list
    /// section would recurse until the stack overflows: a located template error instead.
    @Test(arguments: [
        (
            ["loop": "a\n{{> loop}}\n"], "{{> loop}}",
            "templates/partials/loop.mustache:2:1: error: partial 'loop' includes itself ('loop' → 'loop') outside a list section; rendering would never end [template-recursive-partial]"
        ),
        (
            ["ping": "x {{> pong}}\n", "pong": "{{#has_toc}}\n  {{> ping}}\n{{/has_toc}}{{^has_toc}}{{> ping}}{{/has_toc}}\n"],
            "{{> ping}}",
            "templates/partials/pong.mustache:2:3: error: partial 'ping' includes itself ('ping' → 'pong' → 'ping') outside a list section; rendering would never end [template-recursive-partial]"
        ),
    ])
    func aPartialThatIncludesItselfIsALocatedError(partials: [String: String], include: String, message: String) throws {
        let w = try workspace()
        defer { w.remove() }
        for (name, text) in partials {
            try text.write(toFile: w.path + "/templates/partials/\(name).mustache", atomically: false, encoding: .utf8)
        }
        let layout = w.path + "/templates/layout.mustache"
        try (include + String(contentsOfFile: layout, encoding: .utf8)).write(toFile: layout, atomically: false, encoding: .utf8)
        let r = try Binary.run(["build"], in: w.path)
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix(message + "\n"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: w.path + "/output"))
    }

    /// A step within a step (a partial inside a list section) is recursion the data ends: allowed.
    @Test func aPartialIncludedInsideAListOfItsOwnItemsIsAllowed() throws {
        let w = try workspace()
        defer { w.remove() }
        let step = try String(contentsOfFile: w.path + "/templates/partials/step.mustache", encoding: .utf8)
        #expect(step.contains("{{#steps}}\n{{> step}}\n{{/steps}}"))
        #expect(try Binary.run(["build"], in: w.path).status == 0)
    }

    /// Sections nested deeper than the checker and renderer recurse: a located error.
    @Test func deeplyNestedSectionsAreALocatedError() throws {
        let w = try workspace()
        defer { w.remove() }
        let depth = 20_000
        let text = String(repeating: "{{#has_description}}", count: depth) + String(repeating: "{{/has_description}}", count: depth)
        try text.write(toFile: w.path + "/templates/partials/deep.mustache", atomically: false, encoding: .utf8)
        let layout = w.path + "/templates/layout.mustache"
        try ("{{> deep}}" + String(contentsOfFile: layout, encoding: .utf8)).write(toFile: layout, atomically: false, encoding: .utf8)
        let r = try Binary.run(["build"], in: w.path)
        #expect(r.status == 1)
        #expect(
            r.stderr.contains(
                "templates/partials/deep.mustache:1:2001: error: sections are nested deeper than 100; flatten the template [template-syntax]"
            ),
            "\(r.stderr.prefix(2000))")
    }

    /// Nested steps and choices are bounded by YAML's depth limit (64): 10,000 levels are one
    /// located error, not a stack overflow in decoding, validation or rendering. (This held
    /// before issue 15; the test keeps it, since every recursion over steps relies on it.)
    @Test(arguments: ["steps", "choices"])
    func deeplyNestedStepsAreALocatedError(key: String) throws {
        let w = try workspace()
        defer { w.remove() }
        let depth = 10_000
        let nested = String(repeating: "{text: x, \(key): [", count: depth) + "x" + String(repeating: "]}", count: depth)
        let yaml = "title: Deep\nsummary: Deep.\nroles: [Global Administrator]\nsteps:\n  - " + nested + "\n"
        try yaml.write(toFile: w.path + "/content/procedures/deep.yaml", atomically: false, encoding: .utf8)
        let r = try Binary.run(["build"], in: w.path)
        #expect(r.status == 1)
        #expect(r.stderr.contains("content/procedures/deep.yaml:"), "\(r.stderr.prefix(1000))")
        #expect(r.stderr.contains("[too-deep]"), "\(r.stderr.prefix(1000))")
    }
}
