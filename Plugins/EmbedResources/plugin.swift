import Foundation
import PackagePlugin

/// Compiles a target's `Resources/*.json` into the target as Swift string constants
/// (`EmbeddedResources.<name>`, the file name with `-` and `.` as `_`), so the executable needs no
/// resource bundle beside it (README "Decisions": one self-contained binary).
///
/// Each file becomes one raw multi-line string literal: the compiler only lexes it, so the 660 KB of
/// Microsoft data compile in about a second, where SwiftPM's own `.embedInCode` (a `[UInt8]` array
/// literal) took 147 s in a release build. The command is `/bin/sh` and `cat`, so nothing is compiled
/// for the host but this plugin.
@main
struct EmbedResources: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        if target.name == "PermdocsCLI" { return try templates(context: context) }
        let resources = context.package.directoryURL.appending(path: "Sources/\(target.name)/Resources")
        let inputs = try FileManager.default.contentsOfDirectory(atPath: resources.path)
            .filter { $0.hasSuffix(".json") }
            .sorted()
            .map { resources.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedResources.swift")
        // A JSON file never holds the closing delimiter `"""#####`.
        let script = """
        set -eu
        out="$1"; shift
        {
          echo '// Generated at build time by the EmbedResources plugin from Resources/*.json; do not edit.'
          echo 'enum EmbeddedResources {'
          for f in "$@"; do
            name=$(basename "$f" .json | tr -- '-.' '__')
            echo "    static let $name = #####\\"\\"\\""
            cat "$f"
            echo
            echo '\"\"\"#####'
          done
          echo '}'
        } > "$out.tmp"
        mv "$out.tmp" "$out"
        """
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) JSON resources in \(target.name)",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: ["-c", script, "embed-resources", output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            ),
        ]
    }

    /// The repository's `templates/` folder, every file as `EmbeddedTemplates.files` (path relative to
    /// the folder, text), for `permdocs init`: a new help center starts from the templates this
    /// repository tests, and the binary needs no file beside it.
    func templates(context: PluginContext) throws -> [Command] {
        let root = context.package.directoryURL.appending(path: "templates")
        var relative: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let name = (path as NSString).lastPathComponent
            guard !name.hasPrefix("."),
                FileManager.default.fileExists(atPath: root.appending(path: path).path, isDirectory: &isDirectory), !isDirectory.boolValue
            else { continue }
            relative.append(path)
        }
        relative.sort()
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedTemplates.swift")
        // A template never holds the closing delimiter `"""#####`.
        let script = """
        set -eu
        out="$1"; root="$2"; shift 2
        {
          echo '// Generated at build time by the EmbedResources plugin from templates/; do not edit.'
          echo 'enum EmbeddedTemplates {'
          echo '    static let files: [(path: String, text: String)] = ['
          for f in "$@"; do
            echo "        (\\"$f\\", #####\\"\\"\\""
            cat "$root/$f"
            echo
            echo '\"\"\"#####),'
          done
          echo '    ]'
          echo '}'
        } > "$out.tmp"
        mv "$out.tmp" "$out"
        """
        return [
            .buildCommand(
                displayName: "Embedding \(relative.count) template files in PermdocsCLI",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: ["-c", script, "embed-templates", output.path, root.path] + relative,
                inputFiles: relative.map { root.appending(path: $0) },
                outputFiles: [output]
            ),
        ]
    }
}
