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

    /// The checklist's opening paragraph (plain text). `managedPolicyScopes`: the catalog's
    /// scopes on Microsoft's managed-consent list, canonical names, from the consent model.
    func summary(app: String, managedPolicyScopes: [String]) -> String {
        switch scenario {
        case .usersMayConsent:
            "Your tenant lets users consent to apps, so each user grants \(app) access when they connect their account. Work through these settings in the Microsoft Entra admin center."
        case .adminsOnly:
            "Users cannot consent to \(app) themselves: user consent is off"
                + (managedPolicyScopes.isEmpty ? "" : ", or Microsoft manages consent and its policy keeps users from granting " + Self.nameList(managedPolicyScopes))
                + ". An admin grants consent for the organization first, with the admin-consent link: it works before \(app) is listed in the tenant's enterprise applications."
        case .assignmentRequired:
            "Only the users and groups you assign may use \(app). Assign them, then grant admin consent for the organization."
        case .everyone:
            ""
        }
    }

    /// "A, B and C"
    static func nameList(_ names: [String]) -> String {
        names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " and " + names.last!
    }
}
