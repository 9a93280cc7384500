// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "costgate",
    products: [
        .executable(name: "costgate", targets: ["CostGateTool"]),
        .library(name: "CostGate", targets: ["CostGate"]),
    ],
    dependencies: [],
    targets: [
        .target(
            name: "CostGate",
            resources: [.copy("Resources")]
        ),
        .executableTarget(
            name: "CostGateTool",
            dependencies: ["CostGate"]
        ),
        // Helpers both test targets share: in-process and built-binary runs, golden files.
        .target(
            name: "CostGateTestSupport",
            dependencies: ["CostGate"],
            path: "Tests/CostGateTestSupport"
        ),
        // libFuzzer harness (Tests/CostGateFuzz/run.sh builds it with --sanitize fuzzer --sanitize address);
        // a plain build links no libFuzzer and the program only says how to build it.
        .executableTarget(
            name: "CostGateFuzz",
            dependencies: ["CostGate"],
            path: "Tests/CostGateFuzz",
            exclude: ["Corpus", "run.sh"]
        ),
        // Unit tests: fast, one suite per source type.
        .testTarget(
            name: "CostGateTests",
            dependencies: ["CostGate", "CostGateTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        // End-to-end tests: scenarios and every command's output against golden files, the built binary,
        // git base refs, the simulator against published measurements, and the layout of the tree.
        .testTarget(
            name: "CostGateEndToEndTests",
            dependencies: ["CostGate", "CostGateTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    target.swiftSettings = settings
}
