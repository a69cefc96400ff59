import ArgumentParser
import PermdocsDiagnostics
import PermdocsModel
import Foundation

/// The `permdocs` command: a thin layer over the pipeline libraries.
public struct PermdocsCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "permdocs",
        abstract: "Turn a YAML catalog of Microsoft Graph permissions and Entra ID admin procedures into a checked help center.",
        discussion: "Exit codes: 0 clean (warnings allowed), 1 findings, 2 usage or I/O error.",
        version: PermdocsVersion.withBundledData,
        subcommands: [CheckCommand.self, BuildCommand.self, URLsCommand.self, ChangesCommand.self],
        defaultSubcommand: nil
    )

    public init() {}
}

public enum PermdocsVersion {
    public static let current = "0.1.0"

    /// `permdocs --version`: the version and the dates of the Microsoft data compiled in.
    public static var withBundledData: String {
        "\(current) (Microsoft Graph permissions of \(GraphReference.dataDate), "
            + "managed consent policy of \(ManagedConsentPolicy.shared.published))"
    }
}

/// Exit codes used by every command.
public enum ExitStatus {
    public static let clean: Int32 = 0
    public static let findings: Int32 = 1
    public static let usage: Int32 = 2
}

/// Runs permdocs with `arguments` (without the program name) and returns the exit status. Parse and
/// validation errors, which swift-argument-parser exits with 64, become 2.
public enum PermdocsMain {
    /// Set by the executable, never by tests that run commands in-process: a finished build
    /// exits without freeing what it loaded. A 20,000-article build holds a few hundred thousand
    /// small objects, and releasing them one by one took 0.1 s on the main thread after the site
    /// was already written; the kernel takes the whole address space back at once (clang's
    /// `-disable-free` does the same). Under a leak checker the build frees everything as usual,
    /// so the sanitizer run still proves nothing leaks.
    nonisolated(unsafe) public static var exitsWithoutTeardown = false

    public static func run(_ arguments: [String]) -> Int32 {
        do {
            var command = try PermdocsCommand.parseAsRoot(arguments)
            try command.run()
            return ExitStatus.clean
        } catch {
            let code = PermdocsCommand.exitCode(for: error)
            if code == .success {
                // --help and --version print to stdout and exit 0.
                let message = PermdocsCommand.fullMessage(for: error)
                if !message.isEmpty { Console.out(message + "\n") }
                return ExitStatus.clean
            }
            if let exit = error as? ExitCode {
                return exit.rawValue
            }
            let message = PermdocsCommand.fullMessage(for: error)
            if !message.isEmpty { Console.err(message + "\n") }
            return code.rawValue == ExitStatus.findings ? ExitStatus.findings : ExitStatus.usage
        }
    }
}

/// stdout for results, stderr for diagnostics; unbuffered enough for CI logs.
enum Console {
    static func out(_ s: String) { FileHandle.standardOutput.write(Data(s.utf8)) }
    static func err(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil }
}
