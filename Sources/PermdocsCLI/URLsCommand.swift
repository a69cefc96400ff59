import ArgumentParser
import Foundation
import PermdocsConsent
import PermdocsDiagnostics
import PermdocsModel
import PermdocsValidate

extension Cloud: ExpressibleByArgument {}
extension ConsentLinkKind: ExpressibleByArgument {}

enum LinkFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// `permdocs urls`: admin-consent and sign-in links for any tenant and cloud.
struct URLsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "urls",
        abstract: "Print admin-consent and sign-in links for features, tenants and clouds.",
        discussion: """
            Kinds: admin (admin consent for a feature's scopes, v2 endpoint), app-admin (admin consent \
            for everything the app registration lists), signin (a user's sign-in with consent). \
            Tenants: a tenant ID (GUID), a verified domain, or 'organizations'; 'common' and 'consumers' \
            cannot grant admin consent.
            """
    )

    @Option(name: .long, help: ArgumentHelp("The content folder.", valueName: "dir"))
    var content: String = "content"

    @Option(name: .customLong("feature"), help: ArgumentHelp("A feature id; repeat for several. Default: every feature.", valueName: "id"))
    var features: [String] = []

    @Option(name: .long, help: "Tenant ID, verified domain, or 'organizations'.")
    var tenant: String = "organizations"

    @Option(name: .long, help: "global, usgov, usgov-dod or china.")
    var cloud: Cloud = .global

    @Option(name: .long, help: "admin, app-admin or signin.")
    var kind: ConsentLinkKind = .admin

    @Option(name: .long, help: "An opaque value the app checks when Microsoft redirects back.")
    var state: String?

    @Option(name: .long, help: "text or json.")
    var format: LinkFormat = .text

    func run() throws {
        let loaded = try Stage.io { () throws(IOFailure) in try ContentLoader.load(folder: content) }
        guard let model = loaded.content, !loaded.diagnostics.hasErrors else {
            throw ExitCode(Report.diagnostics(loaded.diagnostics, strict: false))
        }
        let catalog = model.catalog
        var selected: [Catalog.Feature] = []
        for id in features {
            guard let f = catalog.feature(id) else {
                let ids = catalog.features.map(\.id.value)
                Console.error("unknown feature '\(id)'\(DidYouMean.hint(for: id, among: ids)) (features: \(ids.joined(separator: ", ")))")
                throw ExitCode(ExitStatus.usage)
            }
            selected.append(f)
        }
        if selected.isEmpty { selected = catalog.features }

        let links: [ConsentLink]
        do {
            let t = try Tenant(parsing: tenant)
            links = try ConsentURLBuilder(catalog: catalog).links(kind, features: selected, tenant: t, cloud: cloud, state: state)
        } catch {
            Console.error("\(error)")
            throw ExitCode(ExitStatus.usage)
        }

        switch format {
        case .json:
            Console.out(ConsentLinksJSON.render(links))
        case .text:
            Console.out(
                links.map { link in
                    let title =
                        link.feature.flatMap { catalog.feature($0) }.map { "\($0.title.value) (\($0.id.value))" }
                        ?? "\(catalog.app.name.value): everything the app registration lists"
                    let kindText =
                        switch link.kind {
                        case .admin: "admin consent"
                        case .appAdmin: "admin consent"
                        case .signin: "sign-in with consent"
                        }
                    return "# \(title): \(kindText), tenant \(link.tenant), \(link.cloud.rawValue) cloud\n\(link.url)\n"
                }.joined(separator: "\n"))
        }
    }
}
