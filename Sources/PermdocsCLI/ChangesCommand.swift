import ArgumentParser
import Foundation
import PermdocsConsent
import PermdocsDiagnostics
import PermdocsLoad
import PermdocsModel
import PermdocsSupport
import PermdocsValidate

enum ChangesFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, json
}

/// `permdocs changes --base REF|FILE`: what a change to the catalog means for customers' tenants.
struct ChangesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes",
        abstract:
            "Compare the catalog with a git revision or file: scopes added and removed, who must consent again, the log entry to paste.",
        discussion: """
            --base is a file path when such a file exists, otherwise a git revision whose \
            permissions.yaml (in the content folder) is read with `git show`. Exit 0 when no feature's \
            scopes changed, 1 when some did (so CI can require a change log entry), 2 on usage or I/O \
            errors (no git, an unknown revision, a base catalog that does not load).
            """
    )

    @Option(name: .long, help: ArgumentHelp("The content folder.", valueName: "dir"))
    var content: String = "content"

    @Option(
        name: .long, help: ArgumentHelp("A git revision (HEAD~1, origin/main) or a catalog file to compare with.", valueName: "ref|file"))
    var base: String

    @Option(name: .long, help: "text, markdown (a pull-request comment or $GITHUB_STEP_SUMMARY) or json.")
    var format: ChangesFormat = .text

    @Option(name: .long, help: ArgumentHelp("The date of the log entry to paste (default: today, UTC).", valueName: "YYYY-MM-DD"))
    var date: String?

    func validate() throws {
        if let date, !ChangeLogDecoder.isISODate(date) { throw ValidationError("--date '\(date)' is not a date: write YYYY-MM-DD") }
    }

    func run() throws {
        // Findings of the content are `check`'s business: a pull request that changes a scope has an
        // `unlogged-scope-change` until the entry this command prints is pasted.
        let loaded = try Stage.io { () throws(IOFailure) in try ContentLoader.load(folder: content) }
        guard let current = loaded.content else {
            Console.err(TextReporter(colour: Console.stderrIsTerminal).report(loaded.diagnostics.sorted))
            Console.error("the catalog does not load; fix it before comparing")
            throw ExitCode(ExitStatus.usage)
        }
        let baseCatalog = try Stage.io { () throws(IOFailure) in try BaseCatalog.load(base, content: content) }
        let changes = ScopeChanges(
            base: baseCatalog, current: current.catalog, model: ConsentModel(catalog: current.catalog, reference: .shared))
        let report = ChangesReport(changes: changes, appName: current.catalog.app.name.value, date: date ?? ChangesReport.today())
        switch format {
        case .text: Console.out(report.text())
        case .markdown: Console.out(report.markdown())
        case .json: Console.out(report.json())
        }
        if !changes.isEmpty { throw ExitCode(ExitStatus.findings) }
    }
}

/// The catalog to compare with: a file, or `permissions.yaml` of the content folder at a git revision.
enum BaseCatalog {
    static func load(_ base: String, content: String) throws(IOFailure) -> Catalog {
        var isDirectory: ObjCBool = false
        let bytes: [UInt8]
        let name: String
        if FileManager.default.fileExists(atPath: base, isDirectory: &isDirectory), !isDirectory.boolValue {
            guard let read = try FileInput.read(base, displayPath: base, limit: 8 << 20) else {
                throw IOFailure("\(base): is larger than \(8 << 20) bytes")
            }
            bytes = read
            name = base
        } else {
            bytes = try gitShow(base, file: ContentLoader.catalogFile, in: content)
            name = "\(base):\(Paths.join(content, ContentLoader.catalogFile))"
        }
        let document = YAMLLoader().load(bytes: bytes, file: name)
        var reader = NodeReader()
        let catalog = document.root.flatMap { CatalogDecoder.decode($0, file: name, into: &reader) }
        let problems = document.diagnostics + reader.diagnostics.all
        guard let catalog, !problems.contains(where: { $0.severity == .error }) else {
            let first = problems.first.map { ": \($0.location.map { "\($0)" } ?? name): \($0.message)" } ?? ""
            throw IOFailure("the base catalog \(name) does not load\(first)")
        }
        return catalog
    }

    /// `git show REV:./FILE` run in the content folder, so the path is relative to it wherever the
    /// repository's root is.
    static func gitShow(_ revision: String, file: String, in folder: String) throws(IOFailure) -> [UInt8] {
        guard !revision.hasPrefix("-") else { throw IOFailure("'\(revision)' is neither a file nor a git revision") }
        let run = try Subprocess.run(["git", "-C", folder, "show", "\(revision):./\(file)"])
        guard let run else { throw IOFailure("git is not installed: --base needs git to read a revision, or give a file") }
        guard run.status == 0 else {
            let reason = String(decoding: run.stderr, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "git show failed"
            throw IOFailure("cannot read \(file) at '\(revision)': \(reason)")
        }
        return run.stdout
    }
}
