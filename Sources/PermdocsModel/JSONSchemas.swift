import Foundation

/// JSON Schemas (draft-07) of the content files, for editors: VS Code's YAML extension (and any
/// yaml-language-server client) completes keys, enum values and scope names from them and marks a
/// typo as you type. Each mapping's `properties`, `required` and `additionalProperties: false` come
/// from the `MappingShape` its decoder opens it with, so the schema and the decoder accept the same
/// keys; `permdocs schema KIND` prints them and `schemas/` holds them, generated.
///
/// Draft-07 rather than 2020-12: it is the draft yaml-language-server (and so VS Code's YAML
/// extension, and editors that reuse it) has supported fully the longest, and these schemas need
/// nothing newer.
public enum JSONSchemas {
    public enum Kind: String, CaseIterable, Sendable {
        case catalog, procedure, changes

        /// The file name under `schemas/`.
        public var fileName: String { "\(rawValue).schema.json" }
    }

    /// The schema as pretty-printed JSON with sorted keys and a final newline (byte-for-byte stable).
    public static func text(_ kind: Kind) -> String {
        let object: [String: Any]
        switch kind {
        case .catalog: object = catalog()
        case .procedure: object = procedure()
        case .changes: object = changes()
        }
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// An object schema of `shape`: `properties` must name exactly the shape's keys.
    public static func object(
        _ shape: MappingShape, description: String? = nil, properties: [String: Any], nullable: Bool = false
    )
        -> [String: Any]
    {
        precondition(Set(properties.keys) == Set(shape.keys), "schema properties \(properties.keys.sorted()) ≠ keys \(shape.keys)")
        var schema: [String: Any] = [
            "type": nullable ? ["object", "null"] : "object",
            "properties": properties,
            "additionalProperties": false,
        ]
        if !shape.required.isEmpty { schema["required"] = shape.required }
        if let description { schema["description"] = description }
        return schema
    }

    /// Scope values Microsoft Graph knows (delegated, the OpenID Connect scopes included), sorted.
    public static var knownScopes: [String] {
        Array(Set(GraphReference.shared.delegated.map(\.value)).union(GraphReference.openIDConnectScopes)).sorted()
    }

    static let draft = "http://json-schema.org/draft-07/schema#"

    /// A schema document: the top-level object of `shape`, with its title and definitions.
    static func document(title: String, definitions: [String: Any], shape: MappingShape, properties: [String: Any]) -> [String: Any] {
        var schema = object(shape, properties: properties)
        schema["$schema"] = draft
        schema["title"] = title
        schema["definitions"] = definitions
        return schema
    }
    static func string(_ description: String? = nil) -> [String: Any] {
        description.map { ["type": "string", "description": $0] } ?? ["type": "string"]
    }
    static func bool(_ description: String) -> [String: Any] { ["type": "boolean", "description": description] }
    static func strings(_ description: String, minItems: Int = 0) -> [String: Any] {
        var s: [String: Any] = ["type": "array", "items": ["type": "string"], "description": description]
        if minItems > 0 { s["minItems"] = minItems }
        return s
    }
    static func ref(_ name: String) -> [String: Any] { ["$ref": "#/definitions/\(name)"] }
    static func names<E: RawRepresentable & CaseIterable>(_ type: E.Type) -> [String] where E.RawValue == String {
        type.allCases.map(\.rawValue)
    }
    static var scopeName: [String: Any] {
        ["type": "string", "description": "A Microsoft Graph delegated scope value, e.g. User.Read.", "examples": knownScopes]
    }

    static func catalog() -> [String: Any] {
        let scopeText = object(
            CatalogShape.scopeText, description: "The consent text shown for the scope (empty: Microsoft's).",
            properties: [
                "description": ["type": ["string", "null"], "description": "What the consent prompt says the scope allows."],
                "admin_consent": bool("Whether the scope needs an administrator's consent (overrides Microsoft's data)."),
            ], nullable: true)
        var scopeProperties: [String: Any] = [:]
        for scope in knownScopes { scopeProperties[scope] = ref("scopeText") }
        return document(
            title: "permdocs catalog (permissions.yaml)",
            definitions: [
                "scopeName": scopeName,
                "scopeText": scopeText,
                "app": object(
                    CatalogShape.app, description: "The Entra ID app registration.",
                    properties: [
                        "name": string("The app's display name."),
                        "client_id": string("Application (client) ID, a GUID."),
                        "redirect_uri": string("The redirect URI registered for the app."),
                        "support_url": string("Where users get help."),
                        "verified_publisher": bool("Whether the publisher is verified in Microsoft Entra."),
                        "example": bool("The app registration is a placeholder: consent links are marked as examples."),
                    ]),
                "feature": object(
                    CatalogShape.feature,
                    properties: [
                        "id": string("A stable identifier (used in URLs and changes.yaml)."),
                        "title": string(),
                        "summary": string(),
                        "scopes": [
                            "type": "array", "minItems": 1, "items": ref("scopeName"), "description": "The scopes the feature requests.",
                        ],
                        "client": [
                            "type": "array", "items": ref("clientLocation"), "description": "Where client code requests the scopes.",
                        ],
                    ]),
                "clientLocation": object(
                    CatalogShape.clientLocation,
                    properties: [
                        "path": string("A file or glob under the client folder."),
                        "anchor": string("Source code: text just before the scope list."),
                        "key": string("JSON or YAML: the key path of the scope list."),
                        "after": string("Source code: the anchor's occurrence after this text."),
                        "occurrence": ["type": "integer", "minimum": 1, "description": "Source code: which occurrence of the anchor."],
                        "subset": bool("The location requests only some of the feature's scopes."),
                    ]),
            ],
            shape: CatalogShape.top,
            properties: [
                "app": ref("app"),
                "scopes": [
                    "type": "object", "description": "The text shown for each scope, keyed by scope value.",
                    "properties": scopeProperties, "additionalProperties": ref("scopeText"),
                ],
                "features": ["type": "array", "minItems": 1, "items": ref("feature")],
                "scope_case": [
                    "enum": names(Catalog.ScopeCase.self), "description": "How scope values cased unlike Microsoft's are reported.",
                ],
            ])
    }

    static func procedure() -> [String: Any] {
        let scenarios: [String: Any] = ["type": "array", "minItems": 1, "items": ref("scenario")]
        let step = object(
            ProcedureShape.step,
            properties: [
                "text": string("Inline Markdown: what to do."),
                "kind": ["enum": names(Procedure.Step.Kind.self), "description": "An action (default) or the outcome to expect."],
                "setting": string("The setting's name as the admin center shows it."),
                "scenarios": scenarios,
                "path": strings("The portal's navigation path to the setting."),
                "value": string("The value to choose."),
                "note": string(),
                "warning": string(),
                "see": string("A procedure id or URL."),
                "steps": ["type": "array", "items": ref("step")],
                "choices": ["type": "array", "items": ref("step")],
            ])
        return document(
            title: "permdocs procedure (content/procedures/ID.yaml)",
            definitions: [
                "scenario": ["enum": names(Procedure.Scenario.self)],
                "step": ["anyOf": [string("A step with text only."), step]],
            ],
            shape: ProcedureShape.top,
            properties: [
                "title": string(),
                "summary": string(),
                "scenarios": scenarios,
                "audience": ["enum": names(Procedure.Audience.self), "description": "Who follows the procedure (default: admin)."],
                "roles": strings("Entra ID roles that can follow the procedure."),
                "notes": strings("Inline Markdown notes."),
                "warnings": strings("Inline Markdown warnings."),
                "see_also": strings("Procedure ids or URLs."),
                "fixes": strings("Sign-in error codes the procedure fixes, e.g. AADSTS65001."),
                "checklist_first": bool("Show the printable checklist before the steps."),
                "steps": ["type": "array", "minItems": 1, "items": ref("step")],
            ])
    }

    static func changes() -> [String: Any] {
        let change = object(
            ChangeLogShape.change,
            properties: [
                "date": ["type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "description": "YYYY-MM-DD."],
                "feature": string("A feature id of the catalog."),
                "added": ["type": "array", "items": ref("scopeName")],
                "removed": ["type": "array", "items": ref("scopeName")],
                "note": string("Inline Markdown: what changed for users and admins."),
            ])
        return document(
            title: "permdocs change log (changes.yaml)",
            definitions: ["scopeName": scopeName, "change": change],
            shape: ChangeLogShape.top,
            properties: [
                "note": string("Markdown shown above the entries."),
                "changes": ["type": "array", "items": ref("change"), "description": "Newest first."],
            ])
    }
}
