/// The AADSTS errors users and admins meet around consent (microsoft-identity-facts.md §6, from
/// Microsoft's reference-error-codes page). Which procedure fixes each one comes from the content
/// (`fixes:` in procedures).
public struct SignInError: Sendable, Equatable {
    public var code: String
    public var name: String
    /// What the user sees and why, in a sentence.
    public var meaning: String

    public static let known: [SignInError] = [
        SignInError(code: "AADSTS90094", name: "AdminConsentRequired",
                    meaning: "“Need admin approval”: the app needs a permission only an admin can grant, user consent is off, or assignment is required and no admin has consented."),
        SignInError(code: "AADSTS90095", name: "AdminConsentRequiredRequestAccess",
                    meaning: "“Approval required”: the admin consent workflow is on, so the user can send a request that a reviewer approves."),
        SignInError(code: "AADSTS65001", name: "DelegationDoesNotExist",
                    meaning: "Nobody has consented yet, consent was revoked, or the app now asks for a permission that was not granted."),
        SignInError(code: "AADSTS50105", name: "EntitlementGrantsNotFound",
                    meaning: "The user is not assigned to the app while “Assignment required?” is Yes."),
        SignInError(code: "AADSTS53003", name: "BlockedByConditionalAccess",
                    meaning: "A Conditional Access policy blocked the sign-in."),
        SignInError(code: "AADSTS700082", name: "ExpiredOrRevokedGrantInactiveToken",
                    meaning: "The refresh token expired after 90 days without use: the user has to connect their account again."),
    ]

    public static func named(_ code: String) -> SignInError? { known.first { $0.code == code } }
}
