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
        .testTarget(
            name: "CostGateTests",
            dependencies: ["CostGate"],
            resources: [.copy("Fixtures")]
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
