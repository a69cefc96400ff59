import ArgumentParser
import Foundation
import PermdocsModel

/// `permdocs init [DIR]`: a new help center that builds clean at once: a catalog with one feature,
/// one procedure, one article, a change log, the JSON Schemas the files name, and this repository's
/// templates (compiled in by the EmbedResources plugin). It writes only into a new or empty folder.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a new help center (content, templates, schemas) into a new or empty folder.",
        discussion: """
            The catalog is marked 'example: true' until you put in your app registration. Build it with \
            'permdocs build --content DIR/content --templates DIR/templates --output DIR/output'. \
            A folder that exists and is not empty is refused (exit 2) and left as it was.
            """
    )

    @Argument(help: ArgumentHelp("The folder to create.", valueName: "dir"))
    var directory: String = "."

    func run() throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                Console.err("permdocs: error: '\(directory)' is a file; init writes a new help center into a new or empty folder\n")
                throw ExitCode(ExitStatus.usage)
            }
            let entries = (try? fm.contentsOfDirectory(atPath: directory)) ?? ["?"]
            guard entries.isEmpty else {
                Console.err("permdocs: error: '\(directory)' is not empty; init writes a new help center into a new or empty folder\n")
                throw ExitCode(ExitStatus.usage)
            }
        }
        let files = Self.files
        do {
            for (path, text) in files {
                let full = URL(fileURLWithPath: directory).appendingPathComponent(path)
                try fm.createDirectory(at: full.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: full, options: .withoutOverwriting)
            }
        } catch {
            Console.err("permdocs: error: cannot write the help center into '\(directory)': \(error.localizedDescription)\n")
            throw ExitCode(ExitStatus.usage)
        }
        let dir = directory == "." ? "." : directory
        Console.out(
            """
            Wrote a new help center to \(dir) (\(files.count) files). Build it:
              permdocs build --content \(dir)/content --templates \(dir)/templates --output \(dir)/output
            Then put your app registration into \(dir)/content/permissions.yaml and remove 'example: true'.

            """)
    }

    /// Every file `init` writes, by path relative to the new folder, in writing order.
    static var files: [(path: String, text: String)] {
        Starter.content + JSONSchemas.Kind.allCases.map { ("schemas/\($0.fileName)", JSONSchemas.text($0)) }
            + EmbeddedTemplates.files.map { ("templates/\($0.path)", $0.text) }
    }
}

/// The content of a new help center: small, valid, and a model of each kind of file.
enum Starter {
    static let content: [(path: String, text: String)] = [
        (
            "content/permissions.yaml",
            """
            # yaml-language-server: $schema=../schemas/catalog.schema.json
            # The permissions catalog: what your app asks Microsoft for, and why. `permdocs check`
            # checks it; `permdocs build` renders it. `permdocs schema catalog` prints every key.
            app:
              name: Example App
              # The app registration below is a placeholder, and `example: true` says so: the site marks
              # its consent links as examples. Put in your Application (client) ID and redirect URI,
              # then remove this line.
              example: true
              client_id: 00000000-0000-0000-0000-000000000000
              redirect_uri: https://app.example.com/auth/microsoft/callback
              support_url: https://support.example.com/

            # The text shown for each scope, keyed by scope value.
            scopes:
              openid:
                description: Allows you to sign in to the app with your work or school account.
              profile:
                description: Allows the app to see your basic profile (name, picture, user name and email address).
              offline_access:
                description: Allows the app to see and update the data you gave access to, even when you are not currently using it.
              User.Read:
                description: Allows you to sign in to the app with your organizational account and let the app read your profile.

            features:
              - id: sign-in
                title: Sign in with Microsoft
                summary: Lets people sign in to Example App with their work or school account.
                scopes: [openid, profile, offline_access, User.Read]

            """
        ),
        (
            "content/changes.yaml",
            """
            # yaml-language-server: $schema=../schemas/changes.schema.json
            # What each feature's scopes gained or lost, newest first. `permdocs check` replays it and
            # requires it to end at the scopes of permissions.yaml.
            changes:
              - date: 2026-01-01
                feature: sign-in
                added: [openid, profile, offline_access, User.Read]
                note: Example App lets people sign in with Microsoft.

            """
        ),
        (
            "content/procedures/grant-admin-consent.yaml",
            """
            # yaml-language-server: $schema=../../schemas/procedure.schema.json
            title: Grant admin consent for your organization
            scenarios: [admins-only]
            roles: [Cloud Application Administrator]
            summary: >-
              When your organization does not let users consent to apps, an administrator grants
              consent once for everyone.
            steps:
              - Sign in to the Microsoft Entra admin center as at least a Cloud Application Administrator.
              - text: Open the app's permissions.
                path: [Identity, Applications, Enterprise applications, Example App, Permissions]
              - text: Select **Grant admin consent** and accept the permissions.
              - text: People in your organization can now sign in to Example App.
                kind: outcome

            """
        ),
        (
            "content/articles/getting-started.md",
            """
            ---
            title: Sign in to Example App with Microsoft
            slug: getting-started
            summary: Which Microsoft Graph permissions Example App requests and how an administrator grants them.
            order: 1
            ---

            {{app.name}} asks Microsoft for the permissions below when you sign in.

            ## Required permissions

            ::permissions sign-in

            ## When an administrator must consent

            ::procedure grant-admin-consent

            """
        ),
    ]
}
