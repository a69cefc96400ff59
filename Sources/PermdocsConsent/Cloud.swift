/// Microsoft's clouds: where users sign in and which Microsoft Graph they consent to
/// (Microsoft Learn, "National clouds"; Microsoft Graph "National cloud deployments"). Tokens and app registrations do not cross clouds.
public enum Cloud: String, Sendable, CaseIterable {
    /// Global Azure, also Microsoft 365 GCC (moderate).
    case global
    /// US Government L4 (GCC High).
    case usgov
    /// US Government L5 (DoD).
    case usgovDoD = "usgov-dod"
    /// Azure China, operated by 21Vianet.
    case china

    public var loginHost: String {
        switch self {
        case .global: "login.microsoftonline.com"
        case .usgov, .usgovDoD: "login.microsoftonline.us"
        case .china: "login.partner.microsoftonline.cn"
        }
    }

    /// The Microsoft Graph resource that prefixes Graph scopes in this cloud.
    public var graphResource: String {
        switch self {
        case .global: "https://graph.microsoft.com"
        case .usgov: "https://graph.microsoft.us"
        case .usgovDoD: "https://dod-graph.microsoft.us"
        case .china: "https://microsoftgraph.chinacloudapi.cn"
        }
    }
}
