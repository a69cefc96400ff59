import Testing
import Foundation
import PermdocsTestSupport

/// The README's Architecture section is the package's real dependency graph, in pipeline order:
/// read from Package.swift, so it cannot drift, and every library depends only on targets before
/// it and imports only what it declares.
@Suite("Architecture")
struct ArchitectureTests {
    /// A target of Package.swift and the targets and products it depends on, in the order written.
    struct Target {
        var name: String
        var kind: String
        var dependencies: [String]
    }

    static func targets() throws -> [Target] {
        let text = try String(contentsOfFile: Repo.path("Package.swift"), encoding: .utf8)
        var found: [Target] = []
        for match in text.matches(of: /\.(target|executableTarget|testTarget|systemLibrary)\(\s*name: "([A-Za-z-]+)"/) {
            // The dependencies list, when there is one, up to its closing bracket.
            var dependencies: [String] = []
            let rest = text[match.range.upperBound...]
            let end = rest.firstMatch(of: /\n        \.|\n    \]/)?.range.lowerBound ?? rest.endIndex
            let body = rest[..<end]
            if let list = body.firstMatch(of: /dependencies: \[([^\]]*)\]/) {
                for dep in list.output.1.matches(
                    of: /\.product\(name: "([A-Za-z]+)", package: "[^"]+"(?:, condition: [A-Za-z]+)?\)|"([A-Za-z-]+)"/)
                {
                    dependencies.append(String(dep.output.1 ?? dep.output.2 ?? ""))
                }
            }
            found.append(Target(name: String(match.output.2), kind: String(match.output.1), dependencies: dependencies))
        }
        return found
    }

    /// The graph as the README shows it: every library and executable of Sources/, one per line in
    /// pipeline order, with what it depends on.
    static func graph(_ targets: [Target]) -> String {
        let shown = targets.filter { $0.kind == "target" || $0.kind == "executableTarget" }.filter { $0.name != "PermdocsTestSupport" }
        let width = shown.map(\.name.count).max() ?? 0
        return shown.map { t in
            let name = t.name.padding(toLength: width, withPad: " ", startingAt: 0)
            return "\(name)  → \(t.dependencies.isEmpty ? "(nothing)" : t.dependencies.joined(separator: ", "))"
        }.joined(separator: "\n")
    }

    /// The fenced block after `<!-- dependency graph: ArchitectureTests -->` in README.md.
    static func readmeGraph() throws -> String {
        let readme = try String(contentsOfFile: Repo.path("README.md"), encoding: .utf8)
        guard let marker = readme.range(of: "<!-- dependency graph: ArchitectureTests -->\n```\n"),
            let close = readme[marker.upperBound...].range(of: "\n```")
        else { return "" }
        return String(readme[marker.upperBound..<close.lowerBound])
    }

    @Test func theReadmeShowsTheDependencyGraphOfPackageSwift() throws {
        let expected = Self.graph(try Self.targets())
        #expect(try Self.readmeGraph() == expected, "README.md's Architecture block should read:\n\(expected)")
    }

    /// Targets are listed in pipeline order: none depends on one listed after it.
    @Test func noLibraryDependsOnALaterStage() throws {
        let targets = try Self.targets().filter { $0.kind == "target" || $0.kind == "executableTarget" }
        let position = Dictionary(uniqueKeysWithValues: targets.enumerated().map { ($1.name, $0) })
        for (i, t) in targets.enumerated() {
            for dep in t.dependencies {
                if let j = position[dep] { #expect(j < i, "\(t.name) depends on \(dep), a later stage") }
            }
        }
    }

    /// Every module a library's sources import is one of its declared dependencies (or the
    /// system's), so the graph above is the one the compiler sees.
    @Test func sourcesImportOnlyTheirDeclaredDependencies() throws {
        let system: Set<String> = ["Foundation", "Glibc", "Darwin", "Dispatch"]
        for t in try Self.targets() where t.kind == "target" && t.name.hasPrefix("Permdocs") && t.name != "PermdocsTestSupport" {
            let folder = Repo.path("Sources/\(t.name)")
            let files = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
            #expect(!files.isEmpty, "\(t.name) has no sources")
            for file in files {
                let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
                for m in text.matches(of: /(?m)^(?:public |internal |@testable )?import (\w+)/) {
                    let module = String(m.output.1)
                    #expect(
                        system.contains(module) || t.dependencies.contains(module), "\(t.name)/\(file) imports \(module), not a dependency")
                }
            }
        }
    }
}
