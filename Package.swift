// swift-tools-version:6.1
// permdocs: a YAML catalog of Microsoft Graph permissions and Entra ID admin procedures
// → a checked, published help center.
//
// The target list is the pipeline, one library per stage, each depending only on stages before
// it (README's Architecture section draws this graph; ArchitectureTests holds it to this file):
//   PermdocsDiagnostics, PermdocsSupport (utilities) → PermdocsLoad (YAML → located nodes) →
//   PermdocsModel (catalog, procedures) → PermdocsValidate (semantic rules) → PermdocsSourceLexer
//   (comments and literals of client source, per language) → PermdocsScopeReader (scope lists in
//   client code, client path globs) → PermdocsDrift (client code vs catalog) → PermdocsConsent
//   (consent URLs) → PermdocsTemplates (strict Mustache) → PermdocsMarkdown (libcmark) →
//   PermdocsArticles (front matter, directives) → PermdocsPages (what each page shows) →
//   PermdocsLinks (the link index and check) → PermdocsSite (pages on all cores, the SiteSink
//   protocol) → PermdocsWrite (atomic site, a SiteSink) → PermdocsServe (`permdocs serve`: watch,
//   rebuild what an edit changes, preview over HTTP);
//   PermdocsCLI ties them together, `permdocs` is a thin executable.
import PackageDescription

// `permdocs serve` needs an HTTP server (FlyingFox), and FlyingFox needs FoundationNetworking, which
// links libcurl: fine for an ordinary build, impossible for the one-file static binary of
// `make dist` (Debian ships no static libcurl with its dependencies). The trait `Serve`, on by
// default, builds serve; `make dist` builds without it (README, Decisions).
let serveOnly: TargetDependencyCondition? = .when(traits: ["Serve"])

let package = Package(
    name: "permdocs",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "permdocs", targets: ["permdocs"]),
        .executable(name: "permdocs-fuzz", targets: ["permdocs-fuzz"]),
    ],
    traits: [
        .trait(name: "Serve", description: "`permdocs serve`: the preview server (FlyingFox, which links libcurl)"),
        .default(enabledTraits: ["Serve"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `permdocs serve`'s HTTP server: small, no SwiftNIO (README, Decisions).
        .package(url: "https://github.com/swhitty/FlyingFox", exact: "0.27.1"),
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

        // MARK: - Build-time embedding of Microsoft's reference data (Plugins/EmbedResources)
        .plugin(name: "EmbedResources", capability: .buildTool()),

        // MARK: - Pipeline stages
        .target(name: "PermdocsDiagnostics"),
        .target(name: "PermdocsSupport", dependencies: ["PermdocsDiagnostics"]),
        .target(name: "PermdocsLoad", dependencies: ["CYAML", "PermdocsSupport", "PermdocsDiagnostics"]),
        .target(
            name: "PermdocsModel",
            dependencies: ["PermdocsLoad", "PermdocsDiagnostics"],
            // Resources/*.json are compiled in by the EmbedResources plugin (no resource bundle).
            exclude: ["Resources"],
            plugins: ["EmbedResources"]
        ),
        .target(name: "PermdocsValidate", dependencies: ["PermdocsModel", "PermdocsLoad", "PermdocsSupport", "PermdocsDiagnostics"]),
        .target(name: "PermdocsSourceLexer", dependencies: ["PermdocsDiagnostics"]),
        .target(name: "PermdocsScopeReader", dependencies: ["PermdocsSourceLexer", "PermdocsDiagnostics"]),
        .target(
            name: "PermdocsDrift",
            dependencies: [
                "PermdocsScopeReader", "PermdocsValidate", "PermdocsModel", "PermdocsLoad", "PermdocsSupport", "PermdocsDiagnostics",
            ]),
        .target(name: "PermdocsConsent", dependencies: ["PermdocsModel", "PermdocsDiagnostics"]),
        .target(name: "PermdocsTemplates", dependencies: ["PermdocsSupport", "PermdocsDiagnostics"]),
        .target(name: "PermdocsMarkdown", dependencies: ["CCmark", "PermdocsSupport"]),
        .target(
            name: "PermdocsArticles",
            dependencies: [
                "PermdocsMarkdown", "PermdocsTemplates", "PermdocsValidate", "PermdocsModel", "PermdocsLoad", "PermdocsSupport",
                "PermdocsDiagnostics",
            ]
        ),
        .target(
            name: "PermdocsPages",
            dependencies: [
                "PermdocsMarkdown", "PermdocsTemplates", "PermdocsConsent", "PermdocsValidate", "PermdocsModel", "PermdocsSupport",
                "PermdocsDiagnostics",
            ]
        ),
        .target(
            name: "PermdocsLinks",
            dependencies: ["PermdocsArticles", "PermdocsMarkdown", "PermdocsValidate", "PermdocsSupport", "PermdocsDiagnostics"]
        ),
        .target(
            name: "PermdocsSite",
            dependencies: [
                "PermdocsLinks", "PermdocsPages", "PermdocsArticles", "PermdocsMarkdown", "PermdocsTemplates", "PermdocsConsent",
                "PermdocsValidate",
                "PermdocsModel", "PermdocsSupport", "PermdocsDiagnostics",
            ]
        ),
        .target(name: "PermdocsWrite", dependencies: ["PermdocsSite", "PermdocsSupport", "PermdocsDiagnostics"]),
        .target(
            name: "PermdocsServe",
            dependencies: [
                "PermdocsWrite", "PermdocsSite", "PermdocsPages", "PermdocsArticles", "PermdocsValidate", "PermdocsSupport",
                "PermdocsDiagnostics", .product(name: "FlyingFox", package: "FlyingFox", condition: serveOnly),
            ]
        ),
        .target(
            name: "PermdocsCLI",
            dependencies: [
                "PermdocsDiagnostics", "PermdocsSupport", "PermdocsLoad", "PermdocsModel", "PermdocsValidate", "PermdocsDrift",
                "PermdocsConsent", "PermdocsTemplates", "PermdocsArticles", "PermdocsLinks", "PermdocsSite", "PermdocsWrite",
                "PermdocsServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // templates/ is compiled in for `permdocs init` by the EmbedResources plugin.
            plugins: ["EmbedResources"]
        ),
        .executableTarget(name: "permdocs", dependencies: ["PermdocsCLI"]),

        // MARK: - Fuzzing (scripts/fuzz builds it with -sanitize=fuzzer -DFUZZING; otherwise it
        // replays corpus files, which the tests use to run every seed and regression input).
        .executableTarget(
            name: "permdocs-fuzz",
            dependencies: [
                "PermdocsScopeReader", "PermdocsDrift", "PermdocsPages", "PermdocsSite", "PermdocsArticles", "PermdocsMarkdown",
                "PermdocsTemplates",
                "PermdocsValidate",
                "PermdocsModel", "PermdocsLoad", "PermdocsSupport", "PermdocsDiagnostics",
            ],
            path: "Sources/PermdocsFuzz"
        ),

        // MARK: - Tests
        // Golden files and running the real binary; a plain library so every test target shares it.
        .target(name: "PermdocsTestSupport", path: "Tests/PermdocsTestSupport"),
        .testTarget(name: "PermdocsDiagnosticsTests", dependencies: ["PermdocsDiagnostics"]),
        .testTarget(name: "PermdocsSupportTests", dependencies: ["PermdocsSupport", "PermdocsDiagnostics"]),
        .testTarget(
            name: "PermdocsLoadTests",
            dependencies: ["PermdocsLoad", "PermdocsDiagnostics"],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "PermdocsModelTests", dependencies: ["PermdocsModel", "PermdocsLoad", "PermdocsDiagnostics"]),
        .testTarget(
            name: "PermdocsValidateTests",
            dependencies: ["PermdocsTestSupport", "PermdocsValidate", "PermdocsModel", "PermdocsLoad", "PermdocsDiagnostics"]
        ),
        .testTarget(name: "PermdocsSourceLexerTests", dependencies: ["PermdocsSourceLexer"]),
        .testTarget(
            name: "PermdocsDriftTests",
            dependencies: [
                "PermdocsScopeReader", "PermdocsDrift", "PermdocsTestSupport", "PermdocsValidate", "PermdocsModel", "PermdocsDiagnostics",
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "PermdocsConsentTests", dependencies: ["PermdocsConsent", "PermdocsModel", "PermdocsValidate", "PermdocsDiagnostics"]),
        .testTarget(
            name: "PermdocsTemplatesTests",
            dependencies: [
                "PermdocsTestSupport", "PermdocsTemplates", "PermdocsPages", "PermdocsSite", "PermdocsLoad", "PermdocsDiagnostics",
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "PermdocsMarkdownTests", dependencies: ["PermdocsMarkdown", "PermdocsTemplates", "PermdocsSupport"]),
        .testTarget(
            name: "PermdocsArticlesTests",
            dependencies: [
                "PermdocsTestSupport", "PermdocsArticles", "PermdocsPages", "PermdocsSite", "PermdocsValidate", "PermdocsModel",
                "PermdocsDiagnostics",
            ]
        ),
        .testTarget(
            name: "PermdocsSiteTests",
            dependencies: [
                "PermdocsTestSupport", "PermdocsPages", "PermdocsLinks", "PermdocsSite", "PermdocsArticles", "PermdocsMarkdown",
                "PermdocsTemplates",
                "PermdocsValidate", "PermdocsModel", "PermdocsDiagnostics",
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "PermdocsWriteTests", dependencies: ["PermdocsWrite", "PermdocsSite", "PermdocsDiagnostics"]),
        .testTarget(
            name: "PermdocsServeTests",
            dependencies: ["PermdocsTestSupport", "PermdocsServe", "PermdocsSite", "PermdocsValidate", "PermdocsDiagnostics"]
        ),
        .testTarget(name: "PermdocsCLITests", dependencies: ["PermdocsCLI", "PermdocsDiagnostics"]),
        .testTarget(
            name: "PermdocsEndToEndTests",
            dependencies: ["PermdocsTestSupport"],
            exclude: ["Fixtures"]
        ),
    ]
)
