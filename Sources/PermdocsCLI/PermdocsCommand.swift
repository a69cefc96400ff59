import ArgumentParser
import PermdocsDiagnostics
import PermdocsModel
import PermdocsSupport
import Foundation

/// The `permdocs` command: a thin layer over the pipeline libraries.
public struct PermdocsCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "permdocs",
        abstract: "Turn a YAML catalog of Microsoft Graph permissions and Entra ID admin procedures into a checked help center.",
        discussion: "Exit codes: 0 clean (warnings allowed), 1 findings, 2 usage or I/O error.",
        version: PermdocsVersion.withBundledData,
        subcommands: [
            CheckCommand.self, BuildCommand.self, ServeCommand.self, URLsCommand.self, ChangesCommand.self, SchemaCommand.self,
            InitCommand.self,
        ],
        defaultSubcommand: nil
    )

    public init() {}
}

public enum PermdocsVersion {
    /// `permdocs --version`: the version and the dates of the Microsoft data compiled in.
    public static var withBundledData: String {
        "\(PermdocsBuildInfo.version) (Microsoft Graph permissions of \(GraphReference.dataDate), "
            + "managed consent policy of \(ManagedConsentPolicy.shared.published))"
    }
}

/// Exit codes used by every command.
public enum ExitStatus {
    public static let clean: Int32 = 0
    public static let findings: Int32 = 1
    public static let usage: Int32 = 2
}

/// Runs permdocs with `arguments` (without the program name). Parse and validation errors, which
/// swift-argument-parser exits with 64, become 2.
public enum PermdocsMain {
    /// How a run ended.
    public struct Outcome {
        public let status: Int32
        /// What a finished build loaded and rendered, handed back instead of freed: the caller
        /// decides whether to free it (drop it) or keep it up to `exit` (see `main.swift`).
        public let leftovers: [Any]
    }

    public static func run(_ arguments: [String]) -> Outcome {
        let outcome = runCommand(arguments)
        // A report or result that could not be written is an I/O error, whatever was found.
        if let failure = StandardStreams.firstFailure {
            Console.error("\(failure)")
            return Outcome(status: ExitStatus.usage, leftovers: outcome.leftovers)
        }
        return outcome
    }

    private static func runCommand(_ arguments: [String]) -> Outcome {
        do {
            let command = try PermdocsCommand.parseAsRoot(arguments)
            if let build = command as? BuildCommand {
                return Outcome(status: ExitStatus.clean, leftovers: try build.build())
            }
            var other = command
            try other.run()
            return Outcome(status: ExitStatus.clean, leftovers: [])
        } catch {
            return Outcome(status: status(for: error), leftovers: [])
        }
    }

    /// The exit status for a parse error, `--help`/`--version`, or a command's failure.
    private static func status(for error: any Error) -> Int32 {
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

/// stdout for results, stderr for diagnostics; unbuffered enough for CI logs. A write that fails
/// (a full disk, `/dev/full`) makes the run exit 2 with a message (`PermdocsMain.run`).
enum Console {
    static func out(_ s: String) { StandardStreams.write(s, to: STDOUT_FILENO) }
    static func err(_ s: String) { StandardStreams.write(s, to: STDERR_FILENO) }
    /// `permdocs: error: MESSAGE` on one line: paths and text from the user's files are escaped
    /// like the text report's (`TextReporter.escaped`), so they cannot start a line of their own.
    static func error(_ message: String) { err("permdocs: error: \(TextReporter.escaped(message))\n") }
    /// `permdocs: MESSAGE` on one line, escaped the same way.
    static func note(_ message: String) { err("permdocs: \(TextReporter.escaped(message))\n") }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil }
}
