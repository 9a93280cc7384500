import CostGate
import Foundation

/// Throwaway git repositories for tests of `--base-ref`.
public enum GitFixture {
    /// Runs git in `folder`, failing the test on a non-zero status.
    public static func git(_ arguments: [String], in folder: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder] + arguments
        process.environment = ["GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
                               "GIT_COMMITTER_EMAIL": "t@example.com", "HOME": folder, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CostGateError.git("git \(arguments.joined(separator: " ")) failed") }
    }

    /// A new repository with `files` committed on `main`; returns its folder.
    public static func repository(_ files: [String: String]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("costgate-git-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try git(["init", "-q", "-b", "main"], in: folder)
        try write(files, in: folder)
        try git(["add", "-A"], in: folder)
        try git(["commit", "-q", "-m", "base"], in: folder)
        return folder
    }

    /// Writes `files` (path to text) below `folder`, making folders as needed.
    public static func write(_ files: [String: String], in folder: String) throws {
        for (path, text) in files {
            let full = folder + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: true, encoding: .utf8)
        }
    }
}
