import PermdocsDiagnostics
import PermdocsModel

/// The procedure rules: every procedure reference resolves, and each step on a printed checklist is one action.
extension ContentValidator {
    func validateProcedures(_ content: Content, into d: inout Diagnostics) {
        func resolve(_ ref: Located<String>) {
            if content.procedure(ref.value) == nil {
                let hint = content.procedureNames.hint(for: ref.value)
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
                d.error(
                    CatalogRule.invalidID,
                    "procedure file name '\(p.id.value)' must be lowercase letters, digits and '-' (it is the procedure's id)",
                    at: p.id.location)
            }
            if Self.isWindowsDeviceName(p.id.value) {
                d.error(
                    CatalogRule.windowsReservedName,
                    "procedure file name '\(p.id.value).yaml' is a device name on Windows: a checkout of the content there fails; rename the file",
                    at: p.id.location)
            }
            p.seeAlso.forEach(resolve)
            walk(p.steps)
            for code in p.fixes {
                if code.value.range(of: "^AADSTS[0-9]{4,7}$", options: .regularExpression) == nil {
                    d.error(ModelRule.invalidValue, "'\(code.value)' is not an AADSTS error code (e.g. AADSTS90094)", at: code.location)
                } else if SignInError.named(code.value) == nil {
                    let known = SignInError.known.map(\.code)
                    d.warning(
                        CatalogRule.unknownErrorCode,
                        "permdocs does not describe \(code.value), so the consent page will not list it\(DidYouMean.hint(for: code.value, among: known)) (known: \(known.joined(separator: ", ")))",
                        at: code.location)
                }
            }
            validateChecklistSteps(p, p.steps, into: &d)
        }
    }

    /// A printed checklist certifies what the admin did, so each of its lines must be one action:
    /// - an `outcome` (what the admin will see) has nothing to set, choose or follow;
    /// - a choice list on a checklist must name exactly one choice for that checklist's scenario
    ///   (it becomes "Set **setting** to **value**"; the other options are not offered);
    /// - a choice for a scenario whose checklist does not show the procedure is unreachable.
    func validateChecklistSteps(_ p: Procedure, _ steps: [Procedure.Step], into d: inout Diagnostics) {
        let shownOn = Procedure.Scenario.checklists.filter { p.isOnChecklist($0) }
        for step in steps {
            if step.kind == .outcome {
                let actionKeys = [
                    ("value", step.value != nil), ("choices", !step.choices.isEmpty), ("see", step.see != nil),
                    ("steps", !step.steps.isEmpty), ("setting", step.setting != nil),
                ]
                for (key, present) in actionKeys where present {
                    d.error(
                        CatalogRule.invalidStep,
                        "an outcome is what the admin will see, not an action: it cannot have '\(key)' (make it an action step, or move '\(key)' to the step that does it)",
                        at: step.location)
                }
            }
            if !step.scenarios.isEmpty {
                d.error(
                    CatalogRule.invalidStep,
                    "only a choice names 'scenarios' (the checklists on which it is the action); this step has no choice list above it",
                    at: step.scenarios[0].location)
            }
            validateChoices(p, step, shownOn: shownOn, into: &d)
            validateChecklistSteps(p, step.steps, into: &d)
        }
    }

    func validateChoices(_ p: Procedure, _ step: Procedure.Step, shownOn: [Procedure.Scenario], into d: inout Diagnostics) {
        guard !step.choices.isEmpty else { return }
        var claimed: [Procedure.Scenario: SourceLocation] = [:]
        for choice in step.choices {
            if choice.kind == .outcome {
                d.error(CatalogRule.invalidStep, "a choice is something the admin selects: it cannot be an outcome", at: choice.location)
            }
            for scenario in choice.scenarios {
                if scenario.value == .everyone {
                    d.error(
                        ModelRule.invalidValue,
                        "a choice names the checklists it is for: 'everyone' has no checklist (name users-may-consent, admins-only or assignment-required)",
                        at: scenario.location)
                } else if !shownOn.contains(scenario.value) {
                    let on = shownOn.isEmpty ? "no checklist" : "the checklists \(shownOn.map(\.rawValue).joined(separator: ", "))"
                    d.error(
                        CatalogRule.unreachableChoice,
                        "this choice is for the '\(scenario.value.rawValue)' checklist, but procedure '\(p.id.value)' is on \(on)",
                        at: scenario.location)
                } else if let first = claimed[scenario.value] {
                    d.error(
                        CatalogRule.unreachableChoice,
                        "two choices of this step are for the '\(scenario.value.rawValue)' checklist; name each scenario once",
                        at: scenario.location,
                        notes: [.init("first named here", at: first)])
                } else {
                    claimed[scenario.value] = scenario.location
                }
                if choice.value == nil {
                    d.error(
                        ModelRule.missingKey, "a choice for a checklist needs 'value': the checklist prints it as the value to set",
                        at: choice.location)
                    break
                }
            }
        }
        for scenario in shownOn where claimed[scenario] == nil {
            d.error(
                CatalogRule.checklistChoiceMissing,
                "procedure '\(p.id.value)' is on the '\(scenario.rawValue)' checklist, but no choice of this step is for it: add 'scenarios: [\(scenario.rawValue)]' to the choice that scenario means",
                at: step.location)
        }
    }
}
