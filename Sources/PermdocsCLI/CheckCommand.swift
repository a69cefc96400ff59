import ArgumentParser
import PermdocsDiagnostics
import PermdocsValidate

/// `permdocs check`: validate the content and report every finding.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the catalog and procedures; report findings as file:line:column.",
        discussion: "Exit 0 when there is no error (warnings allowed unless --strict), 1 on findings, 2 on usage or I/O errors."
    )

    @Option(name: .long, help: ArgumentHelp("The content folder.", valueName: "dir"))
    var content: String = "content"

    @Flag(name: .long, help: "Fail on warnings too.")
    var strict = false

    func run() throws {
        let result = try Stage.io { () throws(IOFailure) in try ContentLoader.load(folder: content) }
        let status = Report.diagnostics(result.diagnostics, strict: strict)
        if status != ExitStatus.clean { throw ExitCode(status) }
    }
}

/// Shared reporting for commands that validate.
enum Report {
    /// Prints findings to stderr and returns the exit status they call for.
    static func diagnostics(_ diagnostics: Diagnostics, strict: Bool) -> Int32 {
        let reporter = TextReporter(colour: Console.stderrIsTerminal)
        Console.err(reporter.report(diagnostics.sorted))
        if diagnostics.hasErrors || (strict && diagnostics.hasWarnings) { return ExitStatus.findings }
        return ExitStatus.clean
    }
}

/// Maps I/O failures to exit code 2 with the message on stderr.
enum Stage {
    static func io<T>(_ body: () throws(IOFailure) -> T) throws -> T {
        do { return try body() } catch {
            Console.err("permdocs: error: \(error.message)\n")
            throw ExitCode(ExitStatus.usage)
        }
    }
}
