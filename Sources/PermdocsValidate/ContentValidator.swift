public import PermdocsDiagnostics
public import PermdocsModel
import PermdocsSupport
import Foundation

/// The semantic rules over a decoded catalog and its procedures. Each rule appends located findings;
/// none stops the others.
public struct ContentValidator: Sendable {
    public let reference: GraphReference

    public init(reference: GraphReference = .shared) { self.reference = reference }

    public func validate(_ content: Content) -> [Diagnostic] {
        var d = Diagnostics()
        validateApp(content.catalog.app, into: &d)
        validateScopes(content.catalog, into: &d)
        validateFeatures(content.catalog, into: &d)
        validateProcedures(content, into: &d)
        if let log = content.changes {
            for entry in log.entries {
                for scope in entry.added + entry.removed {
                    checkScopeName(scope, catalog: content.catalog, feature: entry.feature.value, into: &d)
                }
            }
            ChangeLogValidator(reference: reference).validate(log, catalog: content.catalog, into: &d)
        }
        return d.all
    }

    // MARK: - App

    static let guidPattern = try! NSRegularExpression(
        pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")

    public static func isGUID(_ s: String) -> Bool {
        guidPattern.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
    }

    func validateApp(_ app: Catalog.App, into d: inout Diagnostics) {
        if !Self.isGUID(app.clientID.value) {
            d.error(
                CatalogRule.invalidClientID,
                "client_id '\(app.clientID.value)' is not a GUID (8-4-4-4-12 hexadecimal digits, the Application (client) ID of the app registration)",
                at: app.clientID.location)
        }
        if let problem = Self.redirectURIProblem(app.redirectURI.value) {
            d.error(CatalogRule.invalidRedirectURI, problem, at: app.redirectURI.location)
        }
        if let support = app.supportURL, let problem = Self.webURLProblem(support.value, name: "support_url") {
            d.error(CatalogRule.invalidURL, problem, at: support.location)
        }
        validatePlaceholders(app, into: &d)
    }

    /// A catalog that still holds documentation placeholders would publish consent links that
    /// cannot work. `app.example: true` declares them on purpose (the site then says so).
    func validatePlaceholders(_ app: Catalog.App, into d: inout Diagnostics) {
        guard !app.isExample else { return }
        let hint = "; set the app registration's real value, or declare example values with 'example: true' under 'app'"
        if Self.isGUID(app.clientID.value), app.clientID.value.allSatisfy({ $0 == "0" || $0 == "-" }) {
            d.warning(
                CatalogRule.placeholderApp,
                "client_id '\(app.clientID.value)' is the nil GUID, not an app registration's Application (client) ID\(hint)",
                at: app.clientID.location)
        }
        for (name, value) in [("redirect_uri", app.redirectURI), ("support_url", app.supportURL)] {
            guard let value, let host = URLComponents(string: value.value)?.host, let reserved = Self.documentationDomain(host) else {
                continue
            }
            d.warning(
                CatalogRule.placeholderApp,
                "\(name) '\(value.value)' is on '\(reserved)', a domain reserved for documentation (RFC 2606)\(hint)", at: value.location)
        }
    }

    /// The RFC 2606 name `host` falls under (`example.com`, `example.net`, `example.org` and their
    /// subdomains; the `.example`, `.test` and `.invalid` top-level domains), or nil. `localhost` is
    /// a legitimate redirect for desktop and mobile apps, so it is not a placeholder.
    public static func documentationDomain(_ host: String) -> String? {
        let h = host.lowercased().hasSuffix(".") ? String(host.lowercased().dropLast()) : host.lowercased()
        for domain in ["example.com", "example.net", "example.org"] where h == domain || h.hasSuffix("." + domain) {
            return domain
        }
        for tld in ["example", "test", "invalid"] where h == tld || h.hasSuffix("." + tld) {
            return "." + tld
        }
        return nil
    }

    /// Why `uri` cannot be an OAuth redirect URI, or nil. Entra ID requires https, except for
    /// `http://localhost` and `http://127.0.0.1` during development; a fragment is never allowed.
    public static func redirectURIProblem(_ uri: String) -> String? {
        guard let c = URLComponents(string: uri), let scheme = c.scheme?.lowercased(), let host = c.host, !host.isEmpty else {
            return "redirect_uri '\(uri)' is not an absolute URL"
        }
        if c.fragment != nil { return "redirect_uri must not contain a fragment ('#…')" }
        switch scheme {
        case "https": return nil
        case "http" where ["localhost", "127.0.0.1", "[::1]", "::1"].contains(host.lowercased()): return nil
        case "http": return "redirect_uri must use https; http is allowed only for localhost and 127.0.0.1"
        default: return "redirect_uri must use https, not '\(scheme)'"
        }
    }

    static func webURLProblem(_ url: String, name: String) -> String? {
        guard let c = URLComponents(string: url), let scheme = c.scheme?.lowercased(), ["https", "http"].contains(scheme),
            c.host?.isEmpty == false
        else {
            return "\(name) '\(url)' is not an absolute http(s) URL"
        }
        return nil
    }

    // MARK: - Scopes

    /// Reports an unknown scope (with a did-you-mean) or a non-canonical spelling. Returns the canonical name when known.
    /// A scope on a resource permdocs has no data for is known when the catalog declares it.
    @discardableResult
    func checkScopeName(_ scope: Located<String>, catalog: Catalog, feature: String? = nil, into d: inout Diagnostics) -> String? {
        let name = ScopeName(scope.value)
        if let declared = catalog.declaredScope(scope.value) { return declared }
        guard let permission = reference.delegated(scope.value) else {
            if !name.isGraph, !name.isOutlook {
                d.error(
                    CatalogRule.unknownScope,
                    "scope '\(scope.value)' is on resource '\(name.resource!)', which permdocs has no data for: declare it under 'scopes' with a description and 'admin_consent: true' or 'false'",
                    at: scope.location, feature: feature, scope: scope.value)
                return nil
            }
            if name.isDefault || (name.resource == nil && name.name == ScopeName.defaultName) {
                d.error(
                    CatalogRule.unknownScope,
                    "'.default' needs its resource: write '\(ScopeName.graphResource)/.default' (everything the app registration lists for Microsoft Graph)",
                    at: scope.location, feature: feature, scope: scope.value)
                return nil
            }
            if name.isOutlook {
                let graph = reference.delegated(name.name).map { "; Microsoft Graph's '\($0.value)' is written without a resource" } ?? ""
                let known = reference.exchangeOnline.map { ScopeName($0.value).name }.joined(separator: ", ")
                d.error(
                    CatalogRule.unknownScope, "unknown scope '\(scope.value)': permdocs knows \(known) on the Outlook resource\(graph)",
                    at: scope.location, feature: feature, scope: scope.value)
                return nil
            }
            let hint = reference.delegatedNames.hint(for: scope.value)
            let outlook =
                name.resource == nil
                && reference.exchangeOnline.contains { ScopeName($0.value).name.lowercased() == name.name.lowercased() }
                && reference.delegated(name.name) == nil
            d.error(
                CatalogRule.unknownScope,
                "unknown scope '\(scope.value)'\(outlook ? " on Microsoft Graph; Exchange Online's is written '\(ScopeName.outlookResource)/\(name.name)'" : hint)",
                at: scope.location, feature: feature, scope: scope.value)
            return nil
        }
        // The name's case; a resource written another way (outlook.office365.com) is the same scope.
        if ScopeName(permission.value).name != name.name {
            d.warning(
                CatalogRule.scopeCase,
                "scope '\(scope.value)' is not in canonical case; write '\(permission.value)' (Microsoft matches scopes case-insensitively but shows the canonical form)",
                at: scope.location, feature: feature, scope: scope.value)
        }
        return permission.value
    }

    func validateScopes(_ catalog: Catalog, into d: inout Diagnostics) {
        var seen: [String: SourceLocation] = [:]
        for text in catalog.scopes {
            let name = ScopeName(text.scope.value)
            if let flag = text.adminConsent, name.isGraph {
                d.error(
                    ModelRule.invalidValue,
                    "'admin_consent' is for scopes on resources other than Microsoft Graph; Graph's own data says whether '\(text.scope.value)' needs an admin",
                    at: flag.location)
            }
            checkScopeName(text.scope, catalog: catalog, into: &d)
            let key = name.key
            if let first = seen[key] {
                d.error(
                    CatalogRule.duplicateScope, "scope '\(text.scope.value)' is described twice", at: text.scope.location,
                    notes: [.init("first described here", at: first)], scope: text.scope.value)
            } else {
                seen[key] = text.scope.location
            }
            if text.description == nil {
                d.error(
                    CatalogRule.missingDescription, "scope '\(text.scope.value)' has no description", at: text.scope.location,
                    scope: text.scope.value)
            }
        }
        let requested = Set(catalog.features.flatMap { $0.scopes.map { ScopeName.key($0.value) } })
        // A described scope on a resource some feature requests `.default` of is what `.default` grants.
        let defaults = Set(
            catalog.features.flatMap { $0.scopes.map { ScopeName($0.value) } }.filter(\.isDefault).map { $0.isGraph ? "" : $0.resource! })
        for text in catalog.scopes where !requested.contains(ScopeName.key(text.scope.value)) {
            let name = ScopeName(text.scope.value)
            if !name.isDefault, defaults.contains(name.isGraph ? "" : name.resource!) { continue }
            d.warning(
                CatalogRule.unusedScope, "scope '\(text.scope.value)' is described but no feature requests it", at: text.scope.location,
                scope: text.scope.value)
        }
    }

    // MARK: - Features

    static let idPattern = try! NSRegularExpression(pattern: "^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$")

    /// Lowercase letters, digits and '-', not starting or ending with '-', at most 64 characters.
    /// Ids become file names and URL fragments, so nothing else is accepted.
    /// `idPattern` on bytes (it is checked for every article): 1–64 of `a-z 0-9 -`, not starting
    /// or ending with '-'.
    public static func isValidID(_ id: String) -> Bool {
        let u = id.utf8
        let dash = UInt8(ascii: "-")
        guard let first = u.first, let last = u.last, u.count <= 64, first != dash, last != dash else { return false }
        return u.allSatisfy { ASCII.isLower($0) || ASCII.isDigit($0) || $0 == dash }
    }

    /// Whether Windows reserves `name` for a device: CON, PRN, AUX, NUL, COM0–COM9 and LPT0–LPT9
    /// in any case, alone or before an extension (`con.html`, `nul.tar.gz`), per Microsoft Learn,
    /// "Naming Files, Paths, and Namespaces". Such a file cannot be created or checked out on
    /// Windows, so a slug or id that names one would break a checkout of the content or the site.
    public static func isWindowsDeviceName(_ name: String) -> Bool {
        // The part before the first dot, without trailing spaces (Windows ignores them too).
        var base = Array(name.utf8.prefix { $0 != UInt8(ascii: ".") })
        while base.last == UInt8(ascii: " ") { base.removeLast() }
        let lower = String(decoding: base.map { ASCII.isUpper($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
        switch lower {
        case "con", "prn", "aux", "nul": return true
        default:
            guard lower.utf8.count == 4, lower.hasPrefix("com") || lower.hasPrefix("lpt") else { return false }
            return ASCII.isDigit(lower.utf8.last!)
        }
    }

    func validateFeatures(_ catalog: Catalog, into d: inout Diagnostics) {
        var ids: [String: SourceLocation] = [:]
        // A scope listed under `scopes` without a description is reported there, once.
        let described = Set(catalog.scopes.map { ScopeName.key($0.scope.value) })
        for feature in catalog.features {
            let id = feature.id
            if !Self.isValidID(id.value) {
                d.error(
                    CatalogRule.invalidID, "feature id '\(id.value)' must be lowercase letters, digits and '-'", at: id.location,
                    feature: id.value)
            }
            if let first = ids[id.value] {
                d.error(
                    CatalogRule.duplicateID, "duplicate feature id '\(id.value)'", at: id.location,
                    notes: [.init("'\(id.value)' is first defined here", at: first)], feature: id.value)
            } else {
                ids[id.value] = id.location
            }
            // `{resource}/.default` is static consent: Entra ID refuses it together with other
            // scopes of the same resource in one request (OIDC scopes aside).
            for scope in feature.scopes where ScopeName(scope.value).isDefault && scope.value.contains("://") {
                let resource = ScopeName(scope.value)
                for other in feature.scopes where !ScopeName(other.value).isDefault && !GraphReference.isOpenIDConnect(other.value) {
                    let name = ScopeName(other.value)
                    if name.isGraph == resource.isGraph && (resource.isGraph || name.resource == resource.resource) {
                        d.error(
                            CatalogRule.defaultCombined,
                            "feature '\(id.value)' requests '\(scope.value)' and '\(other.value)' together: '.default' already means everything the app registration lists for that resource, and Entra ID refuses static (.default) and dynamic consent in one request",
                            at: other.location, feature: id.value, scope: other.value)
                    }
                }
            }
            var seen: [String: SourceLocation] = [:]
            for scope in feature.scopes {
                let known = checkScopeName(scope, catalog: catalog, feature: id.value, into: &d)
                let key = ScopeName.key(scope.value)
                if let first = seen[key] {
                    d.warning(
                        CatalogRule.duplicateScope, "feature '\(id.value)' lists scope '\(scope.value)' twice", at: scope.location,
                        notes: [.init("first listed here", at: first)], feature: id.value, scope: scope.value)
                    continue
                }
                seen[key] = scope.location
                if known != nil, !described.contains(key) {
                    d.error(
                        CatalogRule.missingDescription, "scope '\(scope.value)' of feature '\(id.value)' has no description under 'scopes'",
                        at: scope.location, feature: id.value, scope: scope.value)
                }
            }
        }
    }
}
