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

        /// The scenarios that get a printable checklist (everyone's procedures appear on each).
        public static let checklists: [Scenario] = [.usersMayConsent, .adminsOnly, .assignmentRequired]
    }

    /// Who carries the procedure out: an Entra admin in the admin center, or a user in the app.
    public enum Audience: String, Sendable, CaseIterable {
        case admin, user
    }

    public struct Step: Sendable {
        /// What a step is for the admin holding a checklist: something to do (a checkbox), or
        /// something they will see (text, never ticked).
        public enum Kind: String, Sendable, CaseIterable {
            case action, outcome
        }

        /// Inline Markdown.
        public var text: Located<String>
        public var kind: Kind = .action
        /// The admin-center setting a choice list sets, e.g. "User consent for applications". On a
        /// checklist, the choice for its scenario becomes "Set **setting** to **value**".
        public var setting: Located<String>? = nil
        /// For a choice: the checklists (scenarios) on which it is the one action; elsewhere it is
        /// not offered. The article shows every choice.
        public var scenarios: [Located<Scenario>] = []
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

        /// Text only: nothing to set, choose, follow or expand (such a step can be shared by
        /// procedures, like signing in to the admin center).
        public var isPlain: Bool {
            kind == .action && path.isEmpty && value == nil && note == nil && warning == nil && see == nil
                && steps.isEmpty && choices.isEmpty && setting == nil
        }
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
    /// Opens every checklist it is on (e.g. granting consent, the first thing an admin does where
    /// users cannot consent); otherwise checklists follow the article's order.
    public var checklistFirst: Bool = false

    public func applies(to scenario: Scenario) -> Bool {
        scenarios.contains { $0.value == scenario || $0.value == .everyone }
    }

    /// True when the procedure goes on the checklist of `scenario` (admin procedures only).
    public func isOnChecklist(_ scenario: Scenario) -> Bool {
        audience == .admin && scenario != .everyone && applies(to: scenario)
    }
}
