public import Foundation

/// A plan together with where it came from, so the files it names are read from the same place.
public struct LoadedPlan: Sendable {
    /// The parsed plan.
    public var plan: Plan
    /// Where the plan and its files are read from.
    public var source: FileSource
    /// The plan's repository-relative path.
    public var path: String

    /// The plan's folder, repository-relative ("" for the root).
    public var directory: String { (path as NSString).deletingLastPathComponent }

    /// Reads a file the plan names (relative to the plan's folder), confined to the repository.
    public func readFile(_ relative: String) throws(CostGateError) -> (data: Data, displayPath: String) {
        let repoPath = try source.repositoryPath(relative, relativeTo: directory, namedIn: plan.file)
        return (try source.read(repoPath, namedIn: plan.file), source.displayPath(repoPath))
    }

    /// The repository-relative path of a file the plan names, for caching reads shared by both sides.
    public func repositoryPath(_ relative: String) throws(CostGateError) -> String {
        try source.repositoryPath(relative, relativeTo: directory, namedIn: plan.file)
    }
}
