import Foundation
import Synchronization
@testable import CostGate

/// Runs the costgate CLI in-process with captured output.
struct CLIResult {
    var status: ExitCode
    var stdout: String
    var stderr: String
}

final class Capture: Sendable {
    private let buffer = Mutex("")
    func append(_ text: String) { buffer.withLock { $0 += text } }
    var text: String { buffer.withLock { $0 } }
}

func runCLI(_ arguments: [String], in directory: String = FileManager.default.currentDirectoryPath,
            environment: [String: String] = [:], stdin: String = "") -> CLIResult {
    let out = Capture()
    let err = Capture()
    let input = Data(stdin.utf8)
    let context = CommandContext(environment: environment, currentDirectory: directory,
                                 stdout: { out.append($0) }, stderr: { err.append($0) }, readStdin: { input })
    let status = CLI.run(arguments, context: context)
    return CLIResult(status: status, stdout: out.text, stderr: err.text)
}

/// The test fixtures folder in the source tree.
let fixturesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures").path

/// The repository root (for Scenarios/).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

/// Parses JSON text with Foundation, as a consumer of the report would.
func parseJSON(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
}

/// The `costgate` executable that `swift test` builds beside the test bundle.
let builtBinary = Bundle.main.bundleURL.appendingPathComponent("costgate").path

/// Runs the built binary as a user would (in a CI step, `CI=true`), returning its status and output.
func runBinary(_ arguments: [String], in directory: String) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: builtBinary)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.environment = ["CI": "true", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let stdout = output.fileHandleForReading.readDataToEndOfFile()
    let stderr = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
}
