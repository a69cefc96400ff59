import ArgumentParser
import PermdocsDiagnostics
import PermdocsValidate
import PermdocsRender
import PermdocsWrite

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
        let loaded = try Stage.io { () throws(IOFailure) in try ContentLoader.load(folder: content) }
        var diagnostics = loaded.diagnostics
        var files: [OutputFile]?
        // Templates and articles are checked even when the catalog has errors, so one run reports all.
        if let model = loaded.content {
            let built = try Stage.io { () throws(IOFailure) in try SiteBuilder(content: model).build(templatesFolder: templates) }
            diagnostics.append(contentsOf: built.diagnostics.all)
            files = built.files
        }
        let status = Report.diagnostics(diagnostics, strict: strict)
        guard status == ExitStatus.clean, let files else { throw ExitCode(status == ExitStatus.clean ? ExitStatus.findings : status) }
        try Stage.io { () throws(IOFailure) in
            try SiteWriter(output: output, protected: [content, templates]).write(files)
        }
        Console.err("permdocs: wrote \(files.count + 1) files to \(output)\n")
    }
}
