import ArgumentParser
import Foundation
import PermdocsDiagnostics
import PermdocsDrift
import PermdocsLoad
import PermdocsModel
import PermdocsSupport
import PermdocsValidate

enum ScopeCaseOption: String, ExpressibleByArgument, CaseIterable {
    case warn, insensitive

    var model: Catalog.ScopeCase { self == .warn ? .warn : .insensitive }
}

enum FindingFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, github, sarif, markdown
}

/// `permdocs check`: validate the content and, with `--client`, compare each feature's documented
/// scopes with what the client code requests; with `--manifest`, with the app registration.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the catalog and procedures; with --client, catch scope drift in client code.",
        discussion: """
            Exit 0 when there is no error (warnings allowed unless --strict), 1 on findings, 2 on usage \
            or I/O errors. Formats: text (stderr), json, github (workflow commands; with \
            $GITHUB_STEP_SUMMARY set, also a Markdown summary appended to it), sarif (SARIF 2.1.0 for \
            code scanning) and markdown (the summary) on stdout.
            """
    )

    @Option(name: .long, help: ArgumentHelp("The content folder.", valueName: "dir"))
    var content: String = "content"

    @Option(name: .long, help: ArgumentHelp("The client code's root; catalog client paths are relative to it.", valueName: "dir"))
    var client: String?

    @Option(
        name: .long, help: ArgumentHelp("An Entra app manifest (JSON) whose requiredResourceAccess is compared too.", valueName: "file"))
    var manifest: String?

    @Option(name: .long, help: "text, json, github, sarif or markdown.")
    var format: FindingFormat = .text

    @Option(
        name: .long,
        help: ArgumentHelp(
            "warn (a scope-case warning when code writes a scope in another case than the catalog) or insensitive (no finding: Entra ID matches scopes case-insensitively). Overrides the catalog's scope_case.",
            valueName: "mode"))
    var scopeCase: ScopeCaseOption?

    @Flag(name: .long, help: "Fail on warnings too.")
    var strict = false

    func run() throws {
        let loaded = try Stage.io { () throws(IOFailure) in try ContentLoader.load(folder: content) }
        var diagnostics = loaded.diagnostics
        if let model = loaded.content {
            if let client {
                let drift = try Stage.io { () throws(IOFailure) in
                    try DriftChecker(content: model, clientRoot: client, scopeCase: scopeCase?.model).check()
                }
                diagnostics.append(contentsOf: drift)
            }
            if let manifest {
                let findings = try Stage.io { () throws(IOFailure) in try ManifestChecker(catalog: model.catalog).check(manifest: manifest)
                }
                diagnostics.append(contentsOf: findings)
            }
        }
        let sorted = diagnostics.sorted
        switch format {
        case .text:
            Console.err(TextReporter(colour: Console.stderrIsTerminal).report(sorted))
        case .json:
            let roots = [client, content].compactMap { $0 }.map(Paths.trimmingTrailingSlashes)
            Console.out(JSONReporter(paths: FindingPaths(roots: roots)).report(sorted))
        case .github:
            Console.out(GitHubReporter().report(sorted))
            try StepSummary.append(sorted, sources: [content] + (client.map { [$0] } ?? []) + (manifest.map { [$0] } ?? []))
        case .sarif:
            Console.out(SARIFReporter(version: PermdocsBuildInfo.version, catalog: .permdocs).report(sorted))
        case .markdown:
            Console.out(MarkdownReporter().report(sorted))
        }
        if diagnostics.hasErrors || (strict && diagnostics.hasWarnings) { throw ExitCode(ExitStatus.findings) }
    }
}

/// GitHub Actions' job summary: `--format github` appends the Markdown report to the file named by
/// `$GITHUB_STEP_SUMMARY` when it is set and not empty. A summary that cannot be written is an I/O
/// error (exit 2) after the annotations are out.
enum StepSummary {
    static func append(_ diagnostics: [Diagnostic], sources: [String]) throws {
        guard let path = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"], !path.isEmpty else { return }
        // Like every path permdocs writes: never a source (the content, the client code, the manifest).
        if let source = sources.first(where: { Paths.isWithin(path, $0) }) {
            Console.error("$GITHUB_STEP_SUMMARY \(path): is \(source) or inside it; refusing to write into a source")
            throw ExitCode(ExitStatus.usage)
        }
        let text = MarkdownReporter.fitted(
            MarkdownReporter(annotationLimit: MarkdownReporter.githubAnnotationLimit).report(diagnostics),
            bytes: MarkdownReporter.githubSummaryLimit)
        guard
            let handle = FileHandle(forUpdatingAtPath: path)
                ?? (FileManager.default.createFile(atPath: path, contents: nil) ? FileHandle(forUpdatingAtPath: path) : nil)
        else {
            Console.error("\(path): cannot write the step summary ($GITHUB_STEP_SUMMARY)")
            throw ExitCode(ExitStatus.usage)
        }
        defer { try? handle.close() }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            Console.error("\(path): cannot write the step summary ($GITHUB_STEP_SUMMARY)")
            throw ExitCode(ExitStatus.usage)
        }
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
            Console.error("\(error.message)")
            throw ExitCode(ExitStatus.usage)
        }
    }
}
