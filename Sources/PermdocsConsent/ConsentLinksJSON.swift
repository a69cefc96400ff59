import PermdocsDiagnostics

/// `[{feature, kind, cloud, tenant, scopes, url}]`, keys sorted, for `permdocs urls --format json`
/// and the site's `consent-urls.json`.
public enum ConsentLinksJSON {
    public static func render(_ links: [ConsentLink]) -> String {
        JSONText.array(
            links.map { l in
                .object([
                    "feature": .optional(l.feature),
                    "kind": .string(l.kind.rawValue), "cloud": .string(l.cloud.rawValue), "tenant": .string(l.tenant),
                    "scopes": .array(l.scopes.map { .string($0) }), "url": .string(l.url),
                ])
            }
        ).rendered
    }
}
