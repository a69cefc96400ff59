enum GraphAuth {
    static let scopes = ["offline_access", "User.Read", "Files.ReadWrite"]
    /// A token refresh asks for less.
    static let refreshScopes = ["offline_access", "Files.ReadWrite"]
}
