import Foundation

/// `[{feature, kind, cloud, tenant, scopes, url}]`, keys sorted, for `permdocs urls --format json`
/// and the site's `consent-urls.json`.
public enum ConsentLinksJSON {
    public static func render(_ links: [ConsentLink]) -> String {
        let array: [[String: Any]] = links.map { l in
            [
                "feature": l.feature.map { $0 as Any } ?? NSNull(),
                "kind": l.kind.rawValue, "cloud": l.cloud.rawValue, "tenant": l.tenant,
                "scopes": l.scopes, "url": l.url,
            ]
        }
        let data = (try? JSONSerialization.data(withJSONObject: array, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
