import PermdocsConsent
import PermdocsMarkdown
import PermdocsModel
import PermdocsTemplates

/// A printable checklist: one per admin scenario, holding the admin procedures that apply to it,
/// each step one action the admin ticks (choices resolved to the scenario's one option, outcomes as
/// text, the sign-in shared by several procedures said once at the top).
package struct Checklist {
    package let scenario: Procedure.Scenario

    package init(scenario: Procedure.Scenario) { self.scenario = scenario }
    package var href: String { "checklist-\(scenario.rawValue).html" }

    /// The scenarios that get a checklist page (everyone's procedures appear on each of them).
    package static let scenarios: [Procedure.Scenario] = Procedure.Scenario.checklists

    package func title(app: String) -> String {
        switch scenario {
        case .usersMayConsent: "Checklist: users may consent to \(app)"
        case .adminsOnly: "Checklist: only admins may consent to \(app)"
        case .assignmentRequired: "Checklist: only assigned users may use \(app)"
        case .everyone: "Checklist: every tenant"
        }
    }

    /// The tenant settings the scenario stands for, as the consent model knows them. Under
    /// "Assignment required? Yes" the user consent setting does not change who consents.
    package var tenantSettings: TenantSettings {
        switch scenario {
        case .usersMayConsent, .everyone: TenantSettings(.allowForAllApps)
        case .adminsOnly: TenantSettings(.doNotAllow)
        case .assignmentRequired: TenantSettings(.allowForAllApps, assignmentRequired: true)
        }
    }

    /// The checklist's opening paragraph (plain text). `managedPolicyScopes`: the catalog's
    /// scopes on Microsoft's managed-consent list, canonical names, from the consent model.
    package func summary(app: String, managedPolicyScopes: [String]) -> String {
        switch scenario {
        case .usersMayConsent:
            "Your tenant lets users consent to apps, so each user grants \(app) access when they connect their account. Work through these settings in the Microsoft Entra admin center."
        case .adminsOnly:
            "Users cannot consent to \(app) themselves: user consent is off"
                + (managedPolicyScopes.isEmpty
                    ? ""
                    : ", or Microsoft manages consent and its policy keeps users from granting " + Contexts.phrase(managedPolicyScopes))
                + ". An admin grants consent for the organization first, with the admin-consent link: it works before \(app) is listed in the tenant's enterprise applications."
        case .assignmentRequired:
            "Only the users and groups you assign may use \(app). Assign them, then grant admin consent for the organization."
        case .everyone:
            ""
        }
    }

    /// The procedures on this checklist: those marked `checklist_first`, then the rest, each group
    /// in the order the articles show them (`ordered`).
    package func procedures(_ ordered: [Procedure]) -> [Procedure] {
        let on = ordered.filter { $0.isOnChecklist(scenario) }
        return on.filter(\.checklistFirst) + on.filter { !$0.checklistFirst }
    }

    /// First steps that two or more of the checklist's procedures share word for word (signing in
    /// to the admin center): a precondition, printed once at the top instead of as a checkbox in
    /// each. Only a first step qualifies: a shared later step ("Select **Save**") belongs to its
    /// procedure.
    package static func sharedSteps(_ procedures: [Procedure]) -> [String] {
        var count: [String: Int] = [:]
        var order: [String] = []
        for p in procedures {
            guard let first = p.steps.first, first.isPlain else { continue }
            if count[first.text.value] == nil { order.append(first.text.value) }
            count[first.text.value, default: 0] += 1
        }
        return order.filter { count[$0, default: 0] >= 2 }
    }

    /// The setting and value each choice list means on this checklist, in checklist order: what
    /// the checklist assumes about the tenant.
    package func assumptions(_ procedures: [Procedure]) -> [(setting: String, value: String)] {
        var out: [(setting: String, value: String)] = []
        func walk(_ steps: [Procedure.Step]) {
            for step in steps {
                if let setting = step.setting, let choice = step.choices.first(where: { $0.scenarios.contains { $0.value == scenario } }),
                    let value = choice.value, !out.contains(where: { $0.setting == setting.value })
                {
                    out.append((setting.value, value.value))
                }
                walk(step.steps)
            }
        }
        for p in procedures { walk(p.steps) }
        return out
    }

    /// The checklist template's context.
    package func context(_ ordered: [Procedure], contexts: Contexts, articleHref: String?) -> TemplateValue {
        let app = contexts.appName
        let procedures = procedures(ordered)
        let shared = Self.sharedSteps(procedures)
        var contexts = contexts
        contexts.onThisPage = Set(procedures.map(\.id.value))
        let model = contexts.consentModel
        let needsAdmin = contexts.content.catalog.features.contains { model.outcome(of: $0, in: tenantSettings).outcome.needsAdmin }
        let consentURL = needsAdmin ? contexts.appConsentURL : ""
        return [
            "title": .text(title(app: app)), "scenario": .text(scenario.rawValue),
            "summary_html": .text(
                CommonMark.inlineHTML(MarkdownEscaping.escape(summary(app: app, managedPolicyScopes: contexts.managedPolicyScopes)))),
            "app_name": .text(app), "example": .bool(contexts.content.catalog.app.isExample),
            "assumes": .list(assumptions(procedures).map { ["setting": .text($0.setting), "value": .text($0.value)] }),
            "consent_url": .text(consentURL), "has_consent_url": .bool(!consentURL.isEmpty),
            "preconditions": .texts(shared.map(contexts.inline)), "has_preconditions": .bool(!shared.isEmpty),
            "procedures": .list(procedures.map { contexts.procedure($0, checklist: scenario, hoisted: Set(shared), heading: "h2") }),
            "article_href": .text(articleHref ?? ""), "has_article": .bool(articleHref != nil),
            "version": .text(contexts.contentVersion),
        ]
    }
}
