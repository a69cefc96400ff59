import ArgumentParser
import PermdocsDiagnostics
import PermdocsValidate
import PermdocsSite
import PermdocsSupport
import PermdocsWrite
import Foundation

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

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Also write each article's Markdown as cmark receives it (template tags rendered, directives replaced by their HTML) into this folder, as SLUG.md. The benchmark's cmark-alone limit renders these.",
            valueName: "dir"))
    var expandedMarkdown: String?

    @Flag(name: .long, help: "Fail on warnings too.")
    var strict = false

    func run() throws {
        _ = try build()
    }

    /// Validates, renders and writes the site; returns what the build loaded and rendered, for
    /// the executable to free or keep up to its exit (`PermdocsMain.Outcome.leftovers`).
    func build() throws -> [Any] {
        let timings = PhaseTimings()
        let loaded = try Stage.io { () throws(IOFailure) in try ContentLoader.load(folder: content) }
        timings.mark("load and validate content")
        var diagnostics = loaded.diagnostics
        // Templates and articles are checked even when the catalog has errors, so one run reports all.
        var prepared: SiteBuilder.Prepared?
        if let model = loaded.content {
            var builder = SiteBuilder(content: model)
            builder.timings = timings.enabled ? timings : nil
            let (p, found) = try Stage.io { () throws(IOFailure) in try builder.prepare(templatesFolder: templates) }
            diagnostics.append(contentsOf: found.all)
            prepared = p
        }
        timings.mark("load and check templates and articles")
        guard let model = loaded.content, let prepared, !diagnostics.hasErrors, !(strict && diagnostics.hasWarnings) else {
            // Whatever stopped the build (an error, a warning under --strict) is a finding.
            _ = Report.diagnostics(diagnostics, strict: strict)
            throw ExitCode(ExitStatus.findings)
        }
        if let folder = expandedMarkdown {
            // Written like the site (beside the folder, swapped in whole, with the marker), so the
            // same refusals hold: never a source folder, a folder holding one, or a user's folder.
            try Stage.io { () throws(IOFailure) in
                let files = SiteBuilder(content: model).expandedMarkdown(prepared)
                let writer = SiteWriter(output: folder, protected: [content, templates], option: "--expanded-markdown")
                let transaction = try writer.begin()
                do throws(IOFailure) {
                    for file in files { try transaction.write(OutputFile(path: file.name, bytes: file.bytes)) }
                    try transaction.commit()
                } catch {
                    transaction.abort()
                    throw IOFailure("--expanded-markdown \(folder): cannot write: \(error.message)")
                }
            }
        }
        // Nothing is touched until here. Pages stream into a temporary folder beside the output,
        // which replaces the previous site only when every page is written and every link checked.
        let transaction = try Stage.io { () throws(IOFailure) in try SiteWriter(output: output, protected: [content, templates]).begin() }
        let written: Int
        let rendered: SiteBuilder.Rendered
        do throws(IOFailure) {
            let sink = CountingSink(base: transaction)
            var builder = SiteBuilder(content: model)
            builder.timings = timings.enabled ? timings : nil
            rendered = try builder.render(prepared, into: sink)
            diagnostics.append(contentsOf: rendered.diagnostics.all)
            written = sink.count + 1
            timings.mark("render, write and check links")
            if diagnostics.hasErrors {
                transaction.abort()
            } else {
                try transaction.commit()
                timings.mark("sync and swap in")
            }
        } catch {
            transaction.abort()
            Console.error("\(error.message)")
            throw ExitCode(ExitStatus.usage)
        }
        let status = Report.diagnostics(diagnostics, strict: strict)
        guard status == ExitStatus.clean else { throw ExitCode(status) }
        Console.note("wrote \(written) files to \(output)")
        return [loaded, prepared, rendered.leftovers]
    }
}
