import Foundation

/// Calendar sync from the iOS app (MSAL).
enum CalendarSync {
    /// Delegated permissions; keep in step with the help center (permdocs checks them).
    static let scopes: [String] = ["offline_access", "User.Read", "Calendars.ReadWrite"]
}
