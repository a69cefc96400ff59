/// permdocs' version: `permdocs --version`, the generator meta tag of every page, SARIF's driver.
public enum PermdocsBuildInfo {
    public static let version = "0.1.0"
}
