static class Auth {
    const string Api = "api://3f1b2c4d-1111-4222-8333-444455556666/";
    static readonly string[] Scopes = {
        "Files.ReadWrite",
        Api + "Upload.Write",
        "https://management.azure.com/user_impersonation",
    };
}
