/// The AADSTS errors users and admins meet around consent (Microsoft Learn, "Microsoft Entra
/// authentication and authorization error codes", reference-error-codes, ms.date 2025-02-03, and
/// "Unexpected error when performing consent to an application"). Which procedure fixes each one
/// comes from the content (`fixes:` in procedures).
public struct SignInError: Sendable, Equatable {
    public var code: String
    public var name: String
    /// What the user sees and why, in a sentence.
    public var meaning: String

    public static let known: [SignInError] = [
        SignInError(
            code: "AADSTS90093", name: "GraphUserUnauthorized",
            meaning:
                "The user may not grant the permissions the app asks for: an admin of the organization set a policy that prevents it (user consent is off, or limited to other apps or permissions)."
        ),
        SignInError(
            code: "AADSTS90094", name: "AdminConsentRequired",
            meaning:
                "“Need admin approval”: only an admin can grant what the app asks for, because a permission needs an admin, the consent was judged risky, or assignment is required and no admin has consented."
        ),
        SignInError(
            code: "AADSTS90095", name: "AdminConsentRequiredRequestAccess",
            meaning: "“Approval required”: the admin consent workflow is on, so the user can send a request that a reviewer approves."),
        SignInError(
            code: "AADSTS65001", name: "DelegationDoesNotExist",
            meaning: "Nobody has consented yet, consent was revoked, or the app now asks for a permission that was not granted."),
        SignInError(
            code: "AADSTS50105", name: "EntitlementGrantsNotFound",
            meaning: "The user is not assigned to the app while “Assignment required?” is Yes."),
        SignInError(
            code: "AADSTS53003", name: "BlockedByConditionalAccess",
            meaning: "A Conditional Access policy blocked the sign-in."),
        SignInError(
            code: "AADSTS700082", name: "ExpiredOrRevokedGrantInactiveToken",
            meaning:
                "The connection was not used for 90 days (the default refresh token lifetime), so it expired: the user has to connect their account again."
        ),
        SignInError(
            code: "AADSTS50173", name: "FreshTokenNeeded",
            meaning: "The grant was revoked, for example after a password change or reset: the user has to connect their account again."),
        SignInError(
            code: "AADSTS700016", name: "UnauthorizedClient_DoesNotMatchRequest",
            meaning: "The app was not found in the directory: the link names the wrong tenant, or the app is not yet present in the tenant."
        ),
    ]

    public static func named(_ code: String) -> SignInError? { known.first { $0.code == code } }
}
