import Foundation

/// Runs the real `permdocs` executable that `swift test` built beside the test bundle.
public enum Binary {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The built executable: `PERMDOCS_BIN` if set, else `permdocs` next to the running test bundle.
    public static let path: String = {
        if let explicit = ProcessInfo.processInfo.environment["PERMDOCS_BIN"] { return explicit }
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        // On Linux the runner is .build/<triple>/debug/permdocsPackageTests.xctest (a file).
        while !dir.path.hasSuffix("/debug") && !dir.path.hasSuffix("/release") && dir.path != "/" {
            dir.deleteLastPathComponent()
        }
        return dir.appendingPathComponent("permdocs").path
    }()

    /// Runs permdocs with `arguments` in `directory`, with no standard input and NO_COLOR set.
    public static func run(_ arguments: [String], in directory: String? = nil, environment extra: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        // Under `make test-asan` the test runner itself runs without leak checking (Foundation's
        // Process and Swift Testing keep allocations LeakSanitizer reports), and every permdocs
        // process it starts runs with it.
        if let child = env["PERMDOCS_CHILD_ASAN_OPTIONS"] { env["ASAN_OPTIONS"] = child }
        for (k, v) in extra { env[k] = v }
        process.environment = env
        // Output goes to temporary files, not pipes: a pipe needs a reader running while the child
        // writes, and tests that run builds concurrently must not depend on a free thread for it.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("permdocs-run-\(UUID().uuidString)")
        let outURL = scratch.appendingPathExtension("out")
        let errURL = scratch.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try? outHandle.close()
        try? errHandle.close()
        let outData = (try? Data(contentsOf: outURL)) ?? Data()
        let errData = (try? Data(contentsOf: errURL)) ?? Data()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// A temporary folder removed by `remove()`.
public struct TempFolder {
    public let path: String

    public init(prefix: String = "permdocs-test") throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    public func write(_ relative: String, _ text: String) throws {
        let full = path + "/" + relative
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: false, encoding: .utf8)
    }

    public func remove() { try? FileManager.default.removeItem(atPath: path) }
}
