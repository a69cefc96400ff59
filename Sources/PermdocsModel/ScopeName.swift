/// A scope value with its resource. Entra ID reads `{resource}/{name}`, the resource being the part
/// before the last `/`; a value without a resource is Microsoft Graph's (facts: "if the resource
/// identifier is omitted in the scope parameter, the resource is assumed to be Microsoft Graph").
///
/// - Microsoft Graph: `Mail.Send` and `https://graph.microsoft.com/Mail.Send` (or a national
///   cloud's Graph) are the same scope, written bare in the catalog.
/// - Office 365 Exchange Online: `https://outlook.office.com/IMAP.AccessAsUser.All`, also written
///   `https://outlook.office365.com/…`; the full URI is required (IMAP, POP, SMTP, EWS, EAS).
/// - `.default` keeps its resource: `https://graph.microsoft.com/.default`.
/// - Any other resource (`api://…`, `https://management.azure.com`) as the catalog declares it.
public struct ScopeName: Hashable, Sendable {
    /// The canonical resource URI (lowercase, no trailing `/`), nil for Microsoft Graph.
    public var resource: String?
    /// The permission name as written after the resource.
    public var name: String

    public static let graphResource = "https://graph.microsoft.com"
    public static let outlookResource = "https://outlook.office.com"
    public static let defaultName = ".default"

    /// Graph resource URIs of every cloud.
    public static let graphResources: Set<String> = [
        "https://graph.microsoft.com", "https://graph.microsoft.us", "https://dod-graph.microsoft.us",
        "https://microsoftgraph.chinacloudapi.cn",
    ]
    /// Other spellings of a resource URI.
    public static let resourceAliases: [String: String] = ["https://outlook.office365.com": outlookResource]

    public init(_ written: String) {
        guard written.contains("://"), let slash = written.lastIndex(of: "/"),
            written[..<slash].hasSuffix(":/") == false
        else {
            resource = nil
            name = written
            return
        }
        var uri = String(written[..<slash]).lowercased()
        while uri.hasSuffix("/") { uri.removeLast() }
        uri = Self.resourceAliases[uri] ?? uri
        name = String(written[written.index(after: slash)...])
        if Self.graphResources.contains(uri) {
            resource = name == Self.defaultName ? Self.graphResource : nil
        } else {
            resource = uri
        }
    }

    /// True for `{resource}/.default`.
    public var isDefault: Bool { name == Self.defaultName }
    public var isGraph: Bool { resource == nil || resource == Self.graphResource }
    public var isOutlook: Bool { resource == Self.outlookResource }

    /// The value permdocs shows and matches: `Mail.Send`, `https://outlook.office.com/SMTP.Send`.
    public var canonical: String { resource.map { "\($0)/\(name)" } ?? name }

    /// The comparison key: the resource and the name, case-insensitively (as Entra ID matches).
    public var key: String { "\(resource ?? "")/\(name.lowercased())" }

    public static func key(_ written: String) -> String { ScopeName(written).key }
}
