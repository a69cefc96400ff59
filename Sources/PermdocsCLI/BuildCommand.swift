import ArgumentParser
import PermdocsDiagnostics
import PermdocsValidate

/// `permdocs build`: validate, render and write the site atomically.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Validate the content and write the help-center site.",
        discussion: "Writes nothing when there is an error; the previous site stays as it was."
    )

    @Option(name: .long, help: ArgumentHelp("The content folder.", valueName: "dir"))
    var content: String = "content"

    @Option(name: .long, help: ArgumentHelp("The templates folder.", valueName: "dir"))
    var templates: String = "templates"

    @Option(name: .long, help: ArgumentHelp("The output folder.", valueName: "dir"))
    var output: String = "output"

    @Flag(name: .long, help: "Fail on warnings too.")
    var strict = false

    func run() throws {
        let result = try Stage.io { () throws(IOFailure) in try ContentLoader.load(folder: content) }
        let status = Report.diagnostics(result.diagnostics, strict: strict)
        if status != ExitStatus.clean { throw ExitCode(status) }
    }
}
