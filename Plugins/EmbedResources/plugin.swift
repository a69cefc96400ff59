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
}
