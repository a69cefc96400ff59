import Foundation

/// Which directory a link signs in to: a tenant id (GUID), a verified domain, or one of Microsoft's
/// keywords. `common` and `consumers` cannot grant admin consent (personal accounts have no
/// organization to consent for), so admin links refuse them.
public enum Tenant: Sendable, Equatable, CustomStringConvertible {
    case id(String)
    case domain(String)
    case organizations
    case common
    case consumers

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case invalid(String)
        case notForAdminConsent(String)

        public var description: String {
            switch self {
            case .invalid(let t):
                "'\(t)' is not a tenant: use the tenant ID (a GUID), a verified domain such as contoso.onmicrosoft.com, or 'organizations'"
            case .notForAdminConsent(let t):
                "'\(t)' cannot grant admin consent: use the tenant ID (a GUID), a verified domain such as contoso.onmicrosoft.com, or 'organizations'"
            }
        }
    }

    /// Parses what a user typed; keywords and domains are case-insensitive and lowercased.
    public init(parsing raw: String) throws(Problem) {
        let text = raw.trimmingCharacters(in: .whitespaces)
        let lower = text.lowercased()
        switch lower {
        case "organizations": self = .organizations
        case "common": self = .common
        case "consumers": self = .consumers
        default:
            if Self.isGUID(lower) { self = .id(lower) } else if Self.isDomain(lower) { self = .domain(lower) } else { throw .invalid(raw) }
        }
    }

    /// The path segment of the URL.
    public var description: String {
        switch self {
        case .id(let s), .domain(let s): s
        case .organizations: "organizations"
        case .common: "common"
        case .consumers: "consumers"
        }
    }

    public var canGrantAdminConsent: Bool {
        switch self {
        case .common, .consumers: false
        default: true
        }
    }

    static func isGUID(_ s: String) -> Bool {
        s.range(of: "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", options: .regularExpression) != nil
    }

    /// A DNS name of at least two labels, each 1–63 letters, digits or inner hyphens, with an
    /// alphabetic top-level label; at most 253 characters.
    static func isDomain(_ s: String) -> Bool {
        guard s.count <= 253 else { return false }
        let labels = s.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let tld = labels.last, tld.count >= 2, tld.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return labels.allSatisfy { label in
            (1...63).contains(label.count) && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }
}
