import Testing
import Foundation
import PermdocsDiagnostics
import PermdocsModel
@testable import PermdocsConsent

/// A feature for the model, built in code (the model reads only ids and scopes).
private func feature(_ id: String, _ scopes: [String]) -> Catalog.Feature {
    let here = SourceLocation(file: "permissions.yaml", line: 1, column: 1)
    return Catalog.Feature(
        id: Located(id, at: here), title: Located(id, at: here), summary: nil,
        scopes: scopes.map { Located($0, at: here) }, client: [], location: here)
}

@Suite("Microsoft's managed consent policy, as data")
struct ManagedConsentPolicyTests {
    let policy = ManagedConsentPolicy.shared
    let reference = GraphReference.shared

    /// The list is Microsoft's, so every name must be a real delegated permission in exactly the
    /// casing the bundled Graph reference has: a typo or a renamed permission fails here.
    @Test func everyListedNameIsAGraphPermissionInCanonicalCase() {
        let names = policy.excludedDelegatedPermissions.values.flatMap { $0 }
        #expect(names.count == 36)
        for name in names {
            #expect(reference.delegated(name)?.value == name, "\(name) is not in the Graph reference with this exact casing")
        }
        #expect(policy.excludedDelegatedPermissions[ManagedConsentPolicy.graphResourceName]?.count == 32)
    }

    @Test func itKeepsItsSourceAndDate() {
        #expect(policy.policy == "microsoft-user-default-recommended")
        #expect(policy.setting == "Let Microsoft manage your consent settings")
        #expect(policy.url == "https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/manage-app-consent-policies")
        #expect(policy.published == "2026-01-22")
        #expect(policy.mailClientPolicy.applications.map(\.name).contains("Thunderbird"))
    }

    /// The list is closed and matched exactly: never by prefix or family.
    @Test(arguments: [
        ("Mail.ReadWrite", true), ("Calendars.ReadWrite", true), ("Tasks.ReadWrite", true), ("People.Read", true),
        ("Chat.Read", true), ("Contacts.ReadWrite", true), ("OnlineMeetings.ReadWrite", true), ("MailboxSettings.Read", true),
        ("mail.readwrite", true),  // Entra matches case-insensitively; the answer follows the canonical name
        ("Mail.Send", false), ("User.Read", false), ("User.ReadBasic.All", false), ("offline_access", false), ("openid", false),
        ("Contacts.Read", false), ("Mail.ReadWrite.All", false), ("Calendars.ReadWrite.Everything", false),
    ])
    func blockedExactlyWhenListed(scope: String, blocked: Bool) {
        #expect(reference.blockedByManagedConsentPolicy(scope) == blocked, "\(scope)")
    }
}

@Suite("Who can consent: the consent model")
struct ConsentModelTests {
    let model = ConsentModel(reference: .shared, publisherVerified: nil)

    /// Facts §8 as a table: for each kind of permission, who can grant it under each user consent
    /// setting (Assignment required = No), most permissive setting first.
    @Test(arguments: [
        // A permission that needs no admin and is not on Microsoft's list.
        ("Mail.Send", ["user", "user", "conditional", "admin:userConsentOff"]),
        // On Microsoft's list.
        ("Mail.ReadWrite", ["user", "admin:managedPolicy", "conditional", "admin:userConsentOff"]),
        ("Calendars.ReadWrite", ["user", "admin:managedPolicy", "conditional", "admin:userConsentOff"]),
        ("Tasks.ReadWrite", ["user", "admin:managedPolicy", "conditional", "admin:userConsentOff"]),
        // Graph requires an admin in every tenant.
        (
            "Place.Read.All",
            ["admin:adminConsentRequired", "admin:adminConsentRequired", "admin:adminConsentRequired", "admin:userConsentOff"]
        ),
        ("User.Read", ["user", "user", "conditional", "admin:userConsentOff"]),
    ])
    func eachSettingGivesTheDocumentedAnswer(scope: String, expected: [String]) {
        let answers = UserConsentSetting.allCases.map { describe(model.outcome(scope, in: TenantSettings($0))) }
        #expect(answers == expected, "\(scope)")
    }

    /// "Assignment required? Yes" needs an admin under every user consent setting.
    @Test func assignmentRequiredAlwaysNeedsAnAdmin() {
        for setting in UserConsentSetting.allCases {
            for scope in ["Mail.Send", "User.Read", "Mail.ReadWrite", "Place.Read.All"] {
                #expect(model.outcome(scope, in: TenantSettings(setting, assignmentRequired: true)) == .admin(.assignmentRequired))
            }
        }
    }

    /// The verified-publishers option depends on the catalog's `verified_publisher`.
    @Test func verifiedPublishersDependOnThePublisher() {
        let settings = TenantSettings(.verifiedPublishersSelectedPermissions)
        #expect(
            ConsentModel(reference: .shared, publisherVerified: false).outcome("User.Read", in: settings) == .admin(.publisherNotVerified))
        #expect(
            ConsentModel(reference: .shared, publisherVerified: true).outcome("User.Read", in: settings)
                == .userIfClassifiedLowImpact(publisherKnownVerified: true))
        #expect(model.outcome("User.Read", in: settings) == .userIfClassifiedLowImpact(publisherKnownVerified: false))
        // A permission Graph reserves for admins stays so, whoever publishes the app.
        #expect(
            ConsentModel(reference: .shared, publisherVerified: true).outcome("Place.Read.All", in: settings)
                == .admin(.adminConsentRequired))
    }

    @Test func settingsAllowingUsersNameTheSettings() {
        #expect(model.settingsAllowingUsers("Mail.Send") == [.allowForAllApps, .microsoftManaged])
        #expect(model.settingsAllowingUsers("Mail.ReadWrite") == [.allowForAllApps])
        #expect(model.settingsAllowingUsers("Place.Read.All") == [])
    }

    /// A feature needs an admin when any scope does, and names the scopes that cause it.
    @Test func aFeatureNamesTheScopesThatNeedAnAdmin() {
        let mailbox = feature("mailbox", ["offline_access", "User.Read", "Mail.Send", "Mail.ReadWrite", "email", "openid"])
        let managed = model.outcome(of: mailbox, in: TenantSettings(.microsoftManaged))
        #expect(managed.outcome == .admin(.managedPolicy))
        #expect(managed.managedPolicyScopes == ["Mail.ReadWrite"])
        #expect(managed.adminRequiredScopes == [])
        #expect(model.outcome(of: mailbox, in: TenantSettings(.allowForAllApps)).outcome == .user)

        let rooms = feature("rooms", ["offline_access", "User.ReadBasic.All"])
        #expect(model.outcome(of: rooms, in: TenantSettings(.microsoftManaged)).outcome == .user)

        // Both causes at once: the feature's reason is Graph's requirement, and both lists are named.
        let both = feature("both", ["mail.readwrite", "Place.Read.All"])
        let o = model.outcome(of: both, in: TenantSettings(.microsoftManaged))
        #expect(o.outcome == .admin(.adminConsentRequired))
        #expect(o.adminRequiredScopes == ["Place.Read.All"])
        #expect(o.managedPolicyScopes == ["Mail.ReadWrite"])

        let matrix = model.matrix(of: mailbox)
        #expect(
            matrix.map(\.settings) == UserConsentSetting.allCases.map { TenantSettings($0) } + [
                TenantSettings(.allowForAllApps, assignmentRequired: true)
            ])
        #expect(
            matrix.map { describe($0.outcome) } == [
                "user", "admin:managedPolicy", "conditional", "admin:userConsentOff", "admin:assignmentRequired",
            ])
    }

    private func describe(_ o: ConsentOutcome) -> String {
        switch o {
        case .user: "user"
        case .userIfClassifiedLowImpact: "conditional"
        case .admin(let r): "admin:\(r)"
        }
    }
}

@Suite("Consent on resources other than Microsoft Graph")
struct ResourceConsentTests {
    let reference = GraphReference.shared
    let managed = TenantSettings(.microsoftManaged)

    @Test func exchangeOnlineFollowsTheManagedPolicyForExchangeOnline() {
        let model = ConsentModel(reference: reference, publisherVerified: true)
        #expect(model.outcome("https://outlook.office.com/IMAP.AccessAsUser.All", in: managed) == .admin(.managedPolicy))
        #expect(model.outcome("https://outlook.office365.com/POP.AccessAsUser.All", in: managed) == .admin(.managedPolicy))
        #expect(model.outcome("https://outlook.office.com/SMTP.Send", in: managed) == .user)
        #expect(model.outcome("https://outlook.office.com/SMTP.Send", in: TenantSettings(.doNotAllow)) == .admin(.userConsentOff))
    }

    @Test func aDeclaredAdminConsentFlagDecidesForItsResource() {
        let model = ConsentModel(
            reference: reference, publisherVerified: true,
            declaredAdminConsent: [
                ScopeName.key("https://management.azure.com/user_impersonation"): true,
                ScopeName.key("https://outlook.office.com/SMTP.Send"): true,
            ])
        #expect(
            model.outcome("https://management.azure.com/user_impersonation", in: TenantSettings(.allowForAllApps))
                == .admin(.adminConsentRequired))
        #expect(
            model.outcome("https://outlook.office.com/SMTP.Send", in: TenantSettings(.allowForAllApps)) == .admin(.adminConsentRequired))
        #expect(model.outcome("api://acme/Files.Sync", in: TenantSettings(.allowForAllApps)) == .user)
    }

    @Test func defaultIsTheStrictestOfWhatItGrants() {
        let model = ConsentModel(
            reference: reference, publisherVerified: true,
            defaultGrants: ["": ["User.Read", "Mail.ReadWrite"]])
        let graphDefault = "https://graph.microsoft.com/.default"
        // Mail.ReadWrite is on the managed list.
        #expect(model.outcome(graphDefault, in: managed) == .admin(.managedPolicy))
        #expect(model.outcome(graphDefault, in: TenantSettings(.allowForAllApps)) == .user)
        #expect(
            model.outcome(graphDefault, in: TenantSettings(.verifiedPublishersSelectedPermissions))
                == .userIfClassifiedLowImpact(publisherKnownVerified: true))
        let withAdmin = ConsentModel(reference: reference, publisherVerified: true, defaultGrants: ["": ["User.Read", "User.Read.All"]])
        #expect(withAdmin.outcome(graphDefault, in: TenantSettings(.allowForAllApps)) == .admin(.adminConsentRequired))
    }

    @Test func consentLinksKeepEachScopesResourceInEveryCloud() {
        let link = ConsentURLBuilder(clientID: "c", redirectURI: "https://a")
        #expect(
            link.scopeParameter(
                ["offline_access", "Mail.Send", "https://outlook.office365.com/SMTP.Send", "https://graph.microsoft.com/.default"],
                cloud: .usgov)
                == "offline_access https://graph.microsoft.us/Mail.Send https://outlook.office.com/SMTP.Send https://graph.microsoft.us/.default"
        )
    }
}
