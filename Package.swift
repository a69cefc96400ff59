// swift-tools-version:6.0
// permdocs: a YAML catalog of Microsoft Graph permissions and Entra ID admin procedures
// → a checked, published help center.
//
// The target list is the pipeline, one library per stage:
//   PermdocsLoad (YAML → located nodes) → PermdocsModel (catalog, procedures) →
//   PermdocsValidate (diagnostics) → PermdocsDrift (client code vs catalog) → PermdocsConsent (consent URLs) → PermdocsRender (templates → Markdown → cmark → HTML) →
//   PermdocsWrite (atomic site) ; PermdocsCLI ties them together, `permdocs` is a thin executable.
import PackageDescription

let package = Package(
    name: "permdocs",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "permdocs", targets: ["permdocs"]),
        .executable(name: "permdocs-fuzz", targets: ["permdocs-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // MARK: - System libraries (Debian libyaml-dev, libcmark-dev); no vendored C.
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),

        // MARK: - Pipeline stages
        .target(name: "PermdocsDiagnostics"),
        .target(name: "PermdocsLoad", dependencies: ["CYAML", "PermdocsDiagnostics"]),
        .target(
            name: "PermdocsModel",
            dependencies: ["PermdocsLoad", "PermdocsDiagnostics"],
            resources: [.copy("Resources/graph-delegated-permissions.json"),
                        .copy("Resources/graph-application-permissions.json"),
                        .copy("Resources/microsoft-managed-consent-policy.json"),
                        .copy("Resources/exchange-online-permissions.json")]
        ),
        .target(name: "PermdocsValidate", dependencies: ["PermdocsModel", "PermdocsLoad", "PermdocsDiagnostics"]),
        .target(name: "PermdocsConsent", dependencies: ["PermdocsModel", "PermdocsDiagnostics"]),
        .target(name: "PermdocsDrift", dependencies: ["PermdocsValidate", "PermdocsModel", "PermdocsLoad", "PermdocsDiagnostics"]),
        .target(
            name: "PermdocsRender",
            dependencies: [
                "CCmark", "PermdocsConsent", "PermdocsWrite", "PermdocsValidate", "PermdocsModel", "PermdocsLoad", "PermdocsDiagnostics",
            ]
        ),
        .target(name: "PermdocsWrite", dependencies: ["PermdocsDiagnostics"]),
        .target(
            name: "PermdocsCLI",
            dependencies: [
                "PermdocsDiagnostics", "PermdocsLoad", "PermdocsModel", "PermdocsValidate",
                "PermdocsRender", "PermdocsWrite", "PermdocsConsent", "PermdocsDrift",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "permdocs", dependencies: ["PermdocsCLI"]),

        // MARK: - Fuzzing (scripts/fuzz builds it with -sanitize=fuzzer -DFUZZING; otherwise it
        // replays corpus files, which the tests use to run every seed and regression input).
        .executableTarget(
            name: "permdocs-fuzz",
            dependencies: ["PermdocsDrift", "PermdocsRender", "PermdocsValidate", "PermdocsModel", "PermdocsLoad", "PermdocsDiagnostics"],
            path: "Sources/PermdocsFuzz"
        ),

        // MARK: - Tests
        // Golden files and running the real binary; a plain library so every test target shares it.
        .target(name: "PermdocsTestSupport", path: "Tests/PermdocsTestSupport"),
        .testTarget(
            name: "PermdocsLoadTests",
            dependencies: ["PermdocsLoad", "PermdocsDiagnostics"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "PermdocsDriftTests",
            dependencies: ["PermdocsDrift", "PermdocsTestSupport", "PermdocsValidate", "PermdocsModel", "PermdocsDiagnostics"],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "PermdocsConsentTests", dependencies: ["PermdocsConsent", "PermdocsModel", "PermdocsValidate", "PermdocsDiagnostics"]),
        .testTarget(
            name: "PermdocsValidateTests",
            dependencies: ["PermdocsTestSupport", "PermdocsValidate", "PermdocsModel", "PermdocsLoad", "PermdocsDiagnostics"]
        ),
        .testTarget(
            name: "PermdocsRenderTests",
            dependencies: ["PermdocsTestSupport", "PermdocsRender", "PermdocsValidate", "PermdocsModel", "PermdocsLoad", "PermdocsDiagnostics", "PermdocsWrite"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "PermdocsEndToEndTests",
            dependencies: ["PermdocsTestSupport"],
            exclude: ["Fixtures"]
        ),
    ]
)
