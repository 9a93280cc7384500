public import Foundation
import Synchronization

/// Where a plan and the files it names are read from: the work tree, or a git commit (`--base-ref`).
///
/// Paths are repository-relative once resolved, and may never leave the repository.
public struct FileSource: Sendable {
    /// The repository root (the git work tree holding the plan, or the plan's folder where there is none).
    public let root: String
    /// The commit to read from, or nil for the work tree.
    public let commit: String?
    /// A short label for messages (`HEAD~1`, `work tree`).
    public let label: String

    /// A source reading the work tree below `root`.
    public static func workTree(root: String) -> FileSource {
        FileSource(root: root, commit: nil, label: "work tree")
    }

    /// A source reading files as they were at `ref` in the repository at `root`; the ref is validated and resolved first.
    public static func gitRef(_ ref: String, root: String) throws(CostGateError) -> FileSource {
        guard Git.isSafeRef(ref) else {
            throw .usage("'\(ref)' is not a valid git ref for --base-ref (letters, digits and / . _ - ~ ^ @ { } only, not starting with '-')")
        }
        guard Git.topLevel(of: root) != nil else {
            throw .git("--base-ref needs a git repository, and \(root) is not inside one (compare with --base-plan FILE instead)")
        }
        let missing = CostGateError.git("--base-ref '\(ref)' does not name a commit in \(root) (in CI, fetch it first, e.g. git fetch origin main)")
        let commit: String
        do {
            commit = try Git.run(["rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}"], in: root)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            throw missing
        }
        guard commit.count >= 40, commit.allSatisfy(\.isHexDigit) else { throw missing }
        return FileSource(root: root, commit: commit, label: ref)
    }

    /// Makes `path` (relative to `directory`, itself repository-relative) repository-relative, refusing escapes.
    public func repositoryPath(_ path: String, relativeTo directory: String, namedIn file: String) throws(CostGateError) -> String {
        if path.hasPrefix("/") || path.hasPrefix("~") {
            throw .pathEscapesRepository(file: file, path: path, root: "(absolute paths are not allowed in a plan)")
        }
        var parts: [Substring] = directory.split(separator: "/")
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { throw .pathEscapesRepository(file: file, path: path, root: root) }
                parts.removeLast()
            default: parts.append(part)
            }
        }
        guard !parts.isEmpty else { throw .badPlan(file: file, path: "", expected: "a file path", found: excerpt(path)) }
        return parts.joined(separator: "/")
    }

    /// Whether the repository-relative `path` exists in this source (at the commit, or in the work tree).
    public func contains(_ path: String) -> Bool {
        guard let commit else { return FileManager.default.fileExists(atPath: (root as NSString).appendingPathComponent(path)) }
        return (try? Git.runData(["cat-file", "-e", "\(commit):\(path)"], in: root, failure: nil)) != nil
    }

    /// Reads the repository-relative `path`. In the work tree, symbolic links are resolved and must stay inside the root.
    public func read(_ path: String, namedIn file: String) throws(CostGateError) -> Data {
        if let commit {
            let data = try Git.runData(["show", "\(commit):\(path)"], in: root, failure: "\(path) does not exist at \(label)")
            return data
        }
        let full = (root as NSString).appendingPathComponent(path)
        let resolved = URL(fileURLWithPath: full).resolvingSymlinksInPath().path
        let resolvedRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        guard resolved == resolvedRoot || resolved.hasPrefix(resolvedRoot + "/") else {
            throw .pathEscapesRepository(file: file, path: path, root: root)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory) else {
            throw .io(path: displayPath(path), reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw .io(path: displayPath(path), reason: "is a directory, not a file") }
        do {
            return try MappedFile.map(resolved)
        } catch {
            throw .io(path: displayPath(path), reason: "cannot be read (\(error.localizedDescription))")
        }
    }

    /// A path for messages: repository-relative, with the ref when reading from git.
    public func displayPath(_ path: String) -> String {
        commit == nil ? path : "\(label):\(path)"
    }
}
