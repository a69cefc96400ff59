public import PermdocsDiagnostics

/// A step-by-step admin procedure (`content/procedures/ID.yaml`). Steps are numbered by the
/// generator, never by hand.
public struct Procedure: Sendable {
    /// Which admin situation a procedure belongs to; each non-`everyone` scenario gets a printable
    /// checklist holding its own procedures and the `everyone` ones.
    public enum Scenario: String, Sendable, CaseIterable, Hashable {
        case everyone
        case usersMayConsent = "users-may-consent"
        case adminsOnly = "admins-only"
        case assignmentRequired = "assignment-required"
    }

    /// Who carries the procedure out: an Entra admin in the admin center, or a user in the app.
    public enum Audience: String, Sendable, CaseIterable {
        case admin, user
    }

    public struct Step: Sendable {
        /// Inline Markdown.
        public var text: Located<String>
        /// The admin-center path of the step, rendered as a breadcrumb, e.g. Entra ID › Enterprise apps.
        public var path: [Located<String>]
        /// The value to set, shown on checklists.
        public var value: Located<String>?
        public var note: Located<String>?
        public var warning: Located<String>?
        /// Id of a procedure this step refers to.
        public var see: Located<String>?
        /// Nested sub-steps, numbered from 1 under this step.
        public var steps: [Step]
        /// Alternatives; the admin picks one.
        public var choices: [Step]
        public var location: SourceLocation
    }

    /// From the file name: `content/procedures/grant-admin-consent.yaml` is `grant-admin-consent`.
    public var id: Located<String>
    public var file: String
    public var title: Located<String>
    public var summary: Located<String>?
    public var scenarios: [Located<Scenario>]
    public var audience: Audience
    /// Entra roles that can carry the procedure out.
    public var roles: [Located<String>]
    public var steps: [Step]
    public var notes: [Located<String>]
    public var warnings: [Located<String>]
    public var seeAlso: [Located<String>]
    /// AADSTS error codes this procedure fixes, e.g. `AADSTS90094`.
    public var fixes: [Located<String>]

    public func applies(to scenario: Scenario) -> Bool {
        scenarios.contains { $0.value == scenario || $0.value == .everyone }
    }
}
