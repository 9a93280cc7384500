import Foundation
import Synchronization

/// Runs git without a shell.
enum Git {
    /// Whether `ref` is a plain ref or revision expression safe to hand to git as one argument.
    static func isSafeRef(_ ref: String) -> Bool {
        guard !ref.isEmpty, ref.count <= 256, !ref.hasPrefix("-"), !ref.contains("..") else { return false }
        return ref.unicodeScalars.allSatisfy { scalar in
            (scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "/._-~^@{}".unicodeScalars.contains(scalar)))
        }
    }

    /// The top of the git work tree holding `directory`: the nearest folder at or above it with a `.git` entry
    /// (a folder, or a file for worktrees and submodules), or nil when there is none. Found on the file system,
    /// without starting git, because every command locates its plan this way.
    static func topLevel(of directory: String) -> String? {
        var folder = URL(fileURLWithPath: directory).standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(".git").path) { return folder.path }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }

    static func run(_ arguments: [String], in directory: String) throws(CostGateError) -> String {
        String(decoding: try runData(arguments, in: directory, failure: nil), as: UTF8.self)
    }

    static func runData(_ arguments: [String], in directory: String, failure: String?) throws(CostGateError) -> Data {
        guard let git = executable() else { throw .git("git is not installed (needed for --base-ref)") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: git)
        process.arguments = ["-C", directory, "-c", "core.quotepath=off"] + arguments
        process.environment = environment()
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw .git("could not run git: \(error.localizedDescription)")
        }
        // Read both pipes before waiting so a large blob cannot fill a pipe and deadlock.
        let box = Mutex(Data())
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            let data = errors.fileHandleForReading.readDataToEndOfFile()
            box.withLock { $0 = data }
            group.leave()
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: box.withLock { $0 }, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw .git(failure ?? (message.isEmpty ? "git \(arguments.first ?? "") failed" : message))
        }
        return data
    }

    /// The environment git runs with: only what it needs to find itself and its configuration. Tokens and
    /// other secrets in costgate's environment never reach it, and `GIT_DIR`-style variables from a pull
    /// request's CI setup cannot point it elsewhere.
    static func environment() -> [String: String] {
        let inherited = ProcessInfo.processInfo.environment
        var environment = ["GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"]
        for name in ["PATH", "HOME"] { environment[name] = inherited[name] }
        return environment
    }

    private static func executable() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = String(directory) + "/git"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
