import Foundation

/// Finds the files of `Sources/CostGate/Resources` (rank files, the plan schema) wherever costgate runs from.
enum BundledResource {
    /// The path of the resource at `relative` (`tokenizers/o200k_base.tiktoken`), or the first place it was
    /// looked for when it is nowhere, so the reader's error names a real candidate.
    ///
    /// `Bundle.module` stops the process when its bundle is missing (a `costgate` binary copied without
    /// the `costgate_CostGate.resources` folder beside it), so it is only asked when that folder exists;
    /// otherwise the resources of the source tree this binary was built from are tried.
    static func path(_ relative: String) -> String {
        let executableDirectory = Bundle.main.bundleURL
        let bundleNames = ["costgate_CostGate.resources", "costgate_CostGate.bundle"]
        var paths: [String] = []
        if bundleNames.contains(where: { FileManager.default.fileExists(atPath: executableDirectory.appendingPathComponent($0).path) }) {
            // The copied `Resources` folder is the bundle's resource directory on Linux but nested inside
            // it on Darwin, so try both.
            let bundle = Bundle.module
            paths += [bundle.resourceURL, bundle.resourceURL?.appendingPathComponent("Resources"),
                      bundle.bundleURL.appendingPathComponent("Resources")]
                .compactMap { $0?.appendingPathComponent(relative).path }
        }
        let sourceResources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Resources")
        paths.append(sourceResources.appendingPathComponent(relative).path)
        return paths.first { FileManager.default.fileExists(atPath: $0) } ?? paths[0]
    }
}
