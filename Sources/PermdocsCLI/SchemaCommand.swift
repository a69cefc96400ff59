import ArgumentParser
import PermdocsModel

extension JSONSchemas.Kind: ExpressibleByArgument {}

/// `permdocs schema KIND`: the JSON Schema of a content file, for editor completion and checking.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft-07) of permissions.yaml, a procedure file or changes.yaml.",
        discussion: """
            Generated from the keys permdocs accepts; schemas/ in the repository holds the same text. \
            Point an editor at it with a first line such as \
            '# yaml-language-server: $schema=../schemas/catalog.schema.json'.
            """
    )

    @Argument(help: ArgumentHelp("catalog, procedure or changes.", valueName: "kind"))
    var kind: JSONSchemas.Kind

    func run() throws {
        Console.out(JSONSchemas.text(kind))
    }
}
