import PermdocsScopeReader
public import PermdocsDiagnostics
public import PermdocsModel
public import PermdocsValidate
import PermdocsLoad
import PermdocsSupport
import Foundation

/// Compares each feature's documented scopes with the scopes the client code requests at the
/// locations the catalog names (`features[].client[]`), offline, and points at the line.
public struct DriftChecker: Sendable {
    public let content: Content
    public let clientRoot: String
    public let reference: GraphReference

    /// True when a case-only difference between code and catalog is no finding (`--scope-case
    /// insensitive`, or `scope_case: insensitive` in the catalog).
    public let caseInsensitive: Bool

    public init(content: Content, clientRoot: String, reference: GraphReference = .shared, scopeCase: Catalog.ScopeCase? = nil) {
        self.content = content
        self.clientRoot = Paths.trimmingTrailingSlashes(clientRoot)
        self.reference = reference
        caseInsensitive = (scopeCase ?? content.catalog.scopeCase?.value ?? .warn) == .insensitive
    }

    /// Largest client file read, in bytes.
    public static let maxFileBytes = 8 << 20

    /// The scope as permdocs compares it: `https://graph.microsoft.com/Mail.Send` is `Mail.Send`;
    /// `https://outlook.office365.com/SMTP.Send` is `https://outlook.office.com/SMTP.Send`.
    public static func normalize(_ scope: String) -> String { ScopeName(scope).canonical }

    public func check() throws(IOFailure) -> [Diagnostic] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: clientRoot, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw IOFailure("\(clientRoot): client folder not found")
        }
        var d = Diagnostics()
        for feature in content.catalog.features {
            for location in feature.client {
                if let why = Self.leavesRoot(location.path.value) {
                    d.append(
                        .error(
                            DriftRule.pathOutsideClient,
                            "client path '\(location.path.value)' \(why); client paths are relative to the client folder (--client) and stay inside it",
                            at: location.path.location, feature: feature.id.value))
                    continue
                }
                let glob = Glob(location.path.value)
                let files: [String]
                if glob.isLiteral {
                    files = FileManager.default.fileExists(atPath: path(location.path.value)) ? [location.path.value] : []
                } else {
                    files = glob.files(under: clientRoot)
                }
                if files.isEmpty {
                    d.append(
                        .error(
                            DriftRule.fileNotFound,
                            "no file in \(clientRoot) matches '\(location.path.value)' (client location of feature '\(feature.id.value)')",
                            at: location.path.location, feature: feature.id.value))
                    continue
                }
                for file in files {
                    // A plain path through a symbolic link (the file, or a folder on its path) that leads
                    // out of the client folder. A glob's matches need no check: `Glob` neither follows
                    // nor matches links.
                    if glob.isLiteral, let target = Containment.escape(path(file), root: clientRoot) {
                        d.append(
                            .error(
                                DriftRule.pathOutsideClient,
                                "client path '\(location.path.value)' leads to \(target) through a symbolic link ('\(file)'), outside the client folder \(clientRoot); permdocs reads only files inside it",
                                at: location.path.location, feature: feature.id.value))
                        continue
                    }
                    try check(file: file, location: location, feature: feature, into: &d)
                }
            }
        }
        // Two locations that read the same list (a constant used twice) report its findings once.
        var seen: Set<String> = []
        return d.all.filter {
            seen.insert("\($0.kind) \($0.location.map { "\($0.file):\($0.line):\($0.column)" } ?? "-") \($0.message)").inserted
        }
    }

    func path(_ relative: String) -> String { Paths.join(clientRoot, relative) }

    /// Why a client path (or any alternative of its braces) names a place outside the client
    /// folder by its spelling alone: it is absolute, or a `..` climbs above where it started
    /// (`**` counting as no folder, a name or a pattern as one). nil when it stays inside.
    static func leavesRoot(_ pattern: String) -> String? {
        for alternative in Glob.expandBraces(pattern) {
            if alternative.hasPrefix("/") { return "is absolute" }
            var depth = 0
            for part in alternative.split(separator: "/", omittingEmptySubsequences: true) {
                switch part {
                case ".", "**": continue
                case "..":
                    depth -= 1
                    if depth < 0 { return "climbs above the client folder with '..'" }
                default: depth += 1
                }
            }
        }
        return nil
    }

    func check(file: String, location: Catalog.ClientLocation, feature: Catalog.Feature, into d: inout Diagnostics) throws(IOFailure) {
        let full = path(file)
        guard let bytes = try FileInput.read(full, displayPath: full, limit: Self.maxFileBytes) else {
            d.append(
                .error(
                    InputRule.fileTooLarge, "client file is larger than \(Self.maxFileBytes) bytes",
                    at: SourceLocation(file: full, line: 1, column: 1), feature: feature.id.value))
            return
        }
        let found: ScopeList?
        if let anchor = location.anchor {
            let reader = ScopeListReader(text: String(decoding: bytes, as: UTF8.self), file: full)
            let spec = ScopeListReader.Anchor(anchor.value, after: location.after?.value, occurrence: location.occurrence?.value)
            switch reader.read(spec) {
            case .list(let list):
                found = list
                if list.ambiguous.count > 1 {
                    d.append(
                        .warning(
                            DriftRule.anchorAmbiguous,
                            "'\(anchor.value)' occurs \(list.ambiguous.count) times in the code of \(full); the first is read. Add 'after:' (an anchor that comes first) or 'occurrence:' to say which",
                            at: anchor.location, notes: list.ambiguous.map { .init("occurs here", at: $0) }, feature: feature.id.value))
                }
            case .anchorNotFound:
                let place = location.after.map { " after '\($0.value)'" } ?? ""
                d.append(
                    .error(
                        DriftRule.anchorNotFound,
                        "'\(anchor.value)' does not occur in the code of \(full)\(place) (outside comments and strings)",
                        at: anchor.location, feature: feature.id.value))
                found = nil
            case .afterNotFound:
                let after = location.after!
                d.append(
                    .error(
                        DriftRule.anchorNotFound, "'\(after.value)' does not occur in the code of \(full) (outside comments and strings)",
                        at: after.location, feature: feature.id.value))
                found = nil
            case .tooFewOccurrences(let count):
                let occurrence = location.occurrence!
                d.append(
                    .error(
                        DriftRule.anchorNotFound,
                        "'\(anchor.value)' occurs \(count) time\(count == 1 ? "" : "s") in the code of \(full)\(location.after.map { " after '\($0.value)'" } ?? ""), not \(occurrence.value)",
                        at: occurrence.location, feature: feature.id.value))
                found = nil
            case .noListAfter(let at):
                d.append(
                    .error(
                        DriftRule.anchorNotFound, "no scope list or string follows '\(anchor.value)' here", at: at,
                        feature: feature.id.value))
                found = nil
            }
        } else if let key = location.key {
            found = readKey(key, bytes: bytes, file: full, feature: feature, into: &d)
        } else {
            found = nil
        }
        guard let found else { return }
        compare(found, feature: feature, subset: location.isSubset, into: &d)
    }

    /// A dotted key path in a JSON or YAML file, read with the located loader.
    func readKey(_ key: Located<String>, bytes: [UInt8], file: String, feature: Catalog.Feature, into d: inout Diagnostics) -> ScopeList? {
        // A client's YAML may use anchors, aliases and merge keys elsewhere: they are followed on
        // the way to the key, but the list at the key is read only as written there.
        let document = YAMLLoader(maxDepth: 64, maxBytes: Self.maxFileBytes, acceptsAnchors: true).load(bytes: bytes, file: file)
        if document.hasErrors || document.root == nil {
            d.append(contentsOf: document.diagnostics.filter { $0.severity == .error })
            return nil
        }
        var node = document.root!
        var walked: [String] = []
        for part in key.value.split(separator: ".").map(String.init) {
            var budget = Self.maxMergeVisits
            guard let next = Self.child(of: document.resolve(node), part, in: document, budget: &budget) else {
                let available = document.resolve(node).mapping?.map(\.key.text) ?? []
                let place = walked.isEmpty ? "at the top level" : "under '\(walked.joined(separator: "."))'"
                d.append(
                    .error(
                        DriftRule.keyNotFound,
                        "key '\(key.value)' not found in \(file): no '\(part)' \(place)\(DidYouMean.hint(for: part, among: available))",
                        at: key.location, feature: feature.id.value))
                return nil
            }
            walked.append(part)
            node = next
        }
        var list = ScopeList(location: node.location, scopes: [], nonLiterals: [])
        func aliasFinding(_ alias: String, at location: SourceLocation) {
            d.append(
                .error(
                    DriftRule.nonLiteral,
                    "'*\(alias)' is an alias; permdocs reads the scopes written in the list at '\(key.value)', so write them out there",
                    at: location, feature: feature.id.value))
        }
        if let alias = node.alias {
            aliasFinding(alias, at: node.location)
            return nil
        }
        switch node.value {
        case .sequence(let items):
            for item in items {
                if let alias = item.alias {
                    aliasFinding(alias, at: item.location)
                } else if let s = item.scalar, !s.isNull {
                    // Quoted scalars start one column before their text.
                    let offset = (s.style == .singleQuoted || s.style == .doubleQuoted) ? 1 : 0
                    list.scopes.append(contentsOf: words(s.text, at: item.location, offset: offset))
                } else {
                    list.nonLiterals.append((item.kindDescription, item.location))
                }
            }
        case .scalar(let s):
            let offset = (s.style == .singleQuoted || s.style == .doubleQuoted) ? 1 : 0
            list.scopes = words(s.text, at: node.location, offset: offset)
        case .mapping:
            list.nonLiterals.append(("a mapping", node.location))
        }
        return list
    }

    /// How many mappings one key lookup may visit through merge keys (merges of merges can fan out).
    package static let maxMergeVisits = 10_000

    /// The value of `key` in `node` (already resolved), written there or merged in with `<<`
    /// (`<<: *base`, `<<: [*a, *b]`; keys written in the mapping win, then merges in order).
    package static func child(of node: YAMLNode, _ key: String, in document: YAMLLoader.Document, budget: inout Int) -> YAMLNode? {
        budget -= 1
        guard budget > 0, let pairs = node.mapping else { return nil }
        if let value = pairs.first(where: { $0.key.text == key && !($0.key.text == "<<" && $0.key.style == .plain) })?.value {
            return value
        }
        for pair in pairs where pair.key.text == "<<" && pair.key.style == .plain {
            for source in pair.value.sequence ?? [pair.value] where source.alias != nil {
                if let value = child(of: document.resolve(source), key, in: document, budget: &budget) { return value }
            }
        }
        return nil
    }

    func words(_ text: String, at location: SourceLocation, offset: Int) -> [WrittenScope] {
        var out: [WrittenScope] = []
        var column = location.column + offset
        var word = ""
        var start = column
        for c in text.unicodeScalars {
            if c.properties.isWhitespace {
                if !word.isEmpty {
                    out.append(WrittenScope(text: word, location: SourceLocation(file: location.file, line: location.line, column: start)))
                }
                word = ""
            } else {
                if word.isEmpty { start = column }
                word.unicodeScalars.append(c)
            }
            column += 1
        }
        if !word.isEmpty {
            out.append(WrittenScope(text: word, location: SourceLocation(file: location.file, line: location.line, column: start)))
        }
        return out
    }

    /// The findings for one list against one feature. Scopes match by resource and name; a subset
    /// location may omit documented scopes.
    func compare(_ list: ScopeList, feature: Catalog.Feature, subset: Bool = false, into d: inout Diagnostics) {
        let id = feature.id.value
        let catalog = content.catalog
        var documented: [String: String] = [:]
        for s in feature.scopes { documented[ScopeName.key(s.value)] = s.value }
        var seen: [String: SourceLocation] = [:]
        for element in list.nonLiterals {
            d.append(
                .error(
                    DriftRule.nonLiteral,
                    "'\(element.text)' is not a string literal (nor a constant defined in this file as a literal list or string); permdocs cannot tell which scopes it requests, so list them literally",
                    at: element.location, feature: id))
        }
        for written in list.scopes {
            let name = ScopeName(written.text)
            let scope = name.canonical
            let key = name.key
            if let first = seen[key] {
                d.append(
                    .warning(
                        CatalogRule.duplicateScope, "'\(scope)' is requested twice in this list", at: written.location,
                        notes: [.init("first requested here", at: first)], feature: id, scope: scope))
                continue
            }
            seen[key] = written.location
            guard let canonical = catalog.declaredScope(written.text) ?? reference.delegated(written.text)?.value else {
                let hint = name.isGraph || name.isOutlook ? reference.knownNames.hint(for: scope) : ""
                let resource = name.isGraph || name.isOutlook ? "" : " on resource '\(name.resource!)', which the catalog does not declare"
                d.append(
                    .error(
                        CatalogRule.unknownScope, "unknown scope '\(scope)'\(resource)\(hint)", at: written.location, feature: id,
                        scope: scope))
                continue
            }
            guard let catalogSpelling = documented[key] else {
                // The same name on another resource: the wrong resource is drift too (a Graph token does not authenticate IMAP).
                let other =
                    feature.scopes.first { ScopeName($0.value).name.lowercased() == name.name.lowercased() }.map {
                        "; it lists '\($0.value)', on \(reference.resourceName(of: $0.value) ?? "Microsoft Graph"), and the resource decides which token the client gets"
                    } ?? ""
                d.append(
                    .error(
                        DriftRule.undocumentedScope,
                        "the client requests '\(canonical)' for feature '\(id)', but the catalog does not list it\(other)",
                        at: written.location, feature: id, scope: canonical))
                continue
            }
            if ScopeName(catalogSpelling).name != name.name, !caseInsensitive {
                d.append(
                    .warning(
                        CatalogRule.scopeCase, "'\(scope)' is written '\(catalogSpelling)' in the catalog", at: written.location,
                        feature: id, scope: catalogSpelling))
            }
        }
        for s in feature.scopes where seen[ScopeName.key(s.value)] == nil && !subset {
            let notes = list.constants.map { Diagnostic.Note("'\($0.name)' is defined here", at: $0.location) }
            d.append(
                .error(
                    DriftRule.missingInClient, "feature '\(id)' lists '\(s.value)' in the catalog, but this list does not request it",
                    at: list.location, notes: notes, feature: id, scope: s.value))
        }
    }
}
