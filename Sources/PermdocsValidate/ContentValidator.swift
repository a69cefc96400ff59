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
        return d.all
    }

    // MARK: - App

    static let guidPattern = try! NSRegularExpression(pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")

    public static func isGUID(_ s: String) -> Bool {
        guidPattern.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
    }

    func validateApp(_ app: Catalog.App, into d: inout Diagnostics) {
        if !Self.isGUID(app.clientID.value) {
            d.error(CatalogRule.invalidClientID, "client_id '\(app.clientID.value)' is not a GUID (8-4-4-4-12 hexadecimal digits, the Application (client) ID of the app registration)", at: app.clientID.location)
        }
        if let problem = Self.redirectURIProblem(app.redirectURI.value) {
            d.error(CatalogRule.invalidRedirectURI, problem, at: app.redirectURI.location)
        }
        if let support = app.supportURL, let problem = Self.webURLProblem(support.value, name: "support_url") {
            d.error(CatalogRule.invalidURL, problem, at: support.location)
        }
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
        guard let c = URLComponents(string: url), let scheme = c.scheme?.lowercased(), ["https", "http"].contains(scheme), c.host?.isEmpty == false else {
            return "\(name) '\(url)' is not an absolute http(s) URL"
        }
        return nil
    }

    // MARK: - Scopes

    /// Reports an unknown scope (with a did-you-mean) or a non-canonical spelling. Returns the canonical name when known.
    @discardableResult
    func checkScopeName(_ scope: Located<String>, into d: inout Diagnostics) -> String? {
        guard let permission = reference.delegated(scope.value) else {
            let hint = DidYouMean.hint(for: scope.value, among: reference.delegated.lazy.map(\.value))
            d.error(CatalogRule.unknownScope, "unknown scope '\(scope.value)'\(hint)", at: scope.location)
            return nil
        }
        if permission.value != scope.value {
            d.warning(CatalogRule.scopeCase, "scope '\(scope.value)' is not in canonical case; write '\(permission.value)' (Microsoft matches scopes case-insensitively but shows the canonical form)", at: scope.location)
        }
        return permission.value
    }

    func validateScopes(_ catalog: Catalog, into d: inout Diagnostics) {
        var seen: [String: SourceLocation] = [:]
        for text in catalog.scopes {
            checkScopeName(text.scope, into: &d)
            let key = text.scope.value.lowercased()
            if let first = seen[key] {
                d.error(CatalogRule.duplicateScope, "scope '\(text.scope.value)' is described twice", at: text.scope.location,
                        notes: [.init("first described here", at: first)])
            } else {
                seen[key] = text.scope.location
            }
            if text.description == nil {
                d.error(CatalogRule.missingDescription, "scope '\(text.scope.value)' has no description", at: text.scope.location)
            }
        }
        let requested = Set(catalog.features.flatMap { $0.scopes.map { $0.value.lowercased() } })
        for text in catalog.scopes where !requested.contains(text.scope.value.lowercased()) {
            d.warning(CatalogRule.unusedScope, "scope '\(text.scope.value)' is described but no feature requests it", at: text.scope.location)
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

    func validateFeatures(_ catalog: Catalog, into d: inout Diagnostics) {
        var ids: [String: SourceLocation] = [:]
        // A scope listed under `scopes` without a description is reported there, once.
        let described = Set(catalog.scopes.map { $0.scope.value.lowercased() })
        for feature in catalog.features {
            let id = feature.id
            if !Self.isValidID(id.value) {
                d.error(CatalogRule.invalidID, "feature id '\(id.value)' must be lowercase letters, digits and '-'", at: id.location)
            }
            if let first = ids[id.value] {
                d.error(CatalogRule.duplicateID, "duplicate feature id '\(id.value)'", at: id.location, notes: [.init("'\(id.value)' is first defined here", at: first)])
            } else {
                ids[id.value] = id.location
            }
            var seen: [String: SourceLocation] = [:]
            for scope in feature.scopes {
                let known = checkScopeName(scope, into: &d)
                let key = scope.value.lowercased()
                if let first = seen[key] {
                    d.warning(CatalogRule.duplicateScope, "feature '\(id.value)' lists scope '\(scope.value)' twice", at: scope.location,
                              notes: [.init("first listed here", at: first)])
                    continue
                }
                seen[key] = scope.location
                if known != nil, !described.contains(key) {
                    d.error(CatalogRule.missingDescription, "scope '\(scope.value)' of feature '\(id.value)' has no description under 'scopes'", at: scope.location)
                }
            }
        }
    }

    // MARK: - Procedures

    func validateProcedures(_ content: Content, into d: inout Diagnostics) {
        let ids = content.procedures.map(\.id.value)
        let idSet = Set(ids)
        func resolve(_ ref: Located<String>) {
            if !idSet.contains(ref.value) {
                let hint = DidYouMean.hint(for: ref.value, among: ids)
                d.error(CatalogRule.unresolvedReference, "no procedure '\(ref.value)'\(hint)", at: ref.location)
            }
        }
        func walk(_ steps: [Procedure.Step]) {
            for step in steps {
                if let see = step.see { resolve(see) }
                walk(step.steps)
                walk(step.choices)
            }
        }
        for p in content.procedures {
            if !Self.isValidID(p.id.value) {
                d.error(CatalogRule.invalidID, "procedure file name '\(p.id.value)' must be lowercase letters, digits and '-' (it is the procedure's id)", at: p.id.location)
            }
            p.seeAlso.forEach(resolve)
            walk(p.steps)
            for code in p.fixes {
                if code.value.range(of: "^AADSTS[0-9]{4,7}$", options: .regularExpression) == nil {
                    d.error(ModelRule.invalidValue, "'\(code.value)' is not an AADSTS error code (e.g. AADSTS90094)", at: code.location)
                } else if SignInError.named(code.value) == nil {
                    let known = SignInError.known.map(\.code)
                    d.warning(CatalogRule.unknownErrorCode, "permdocs does not describe \(code.value), so the consent page will not list it\(DidYouMean.hint(for: code.value, among: known)) (known: \(known.joined(separator: ", ")))", at: code.location)
                }
            }
        }
    }
}
