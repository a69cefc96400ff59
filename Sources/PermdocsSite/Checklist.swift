import PermdocsModel

/// A printable checklist: one per admin scenario, holding the admin procedures that apply to it.
struct Checklist {
    let scenario: Procedure.Scenario
    var href: String { "checklist-\(scenario.rawValue).html" }

    /// The scenarios that get a checklist page (everyone's procedures appear on each of them).
    static let scenarios: [Procedure.Scenario] = [.usersMayConsent, .adminsOnly, .assignmentRequired]

    func title(app: String) -> String {
        switch scenario {
        case .usersMayConsent: "Checklist: users may consent to \(app)"
        case .adminsOnly: "Checklist: only admins may consent to \(app)"
        case .assignmentRequired: "Checklist: only assigned users may use \(app)"
        case .everyone: "Checklist: every tenant"
        }
    }

    func summary(app: String) -> String {
        switch scenario {
        case .usersMayConsent:
            "Your tenant lets users consent to apps, so each user grants \(app) access when they connect their account. Work through these settings in the Microsoft Entra admin center."
        case .adminsOnly:
            "Users cannot consent to \(app) themselves: user consent is off, or Microsoft manages consent and keeps users from granting mailbox and calendar access. An admin grants consent for the organization."
        case .assignmentRequired:
            "Only the users and groups you assign may use \(app). Assign them, then grant admin consent for the organization."
        case .everyone:
            ""
        }
    }
}
