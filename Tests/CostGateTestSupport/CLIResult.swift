import Dispatch
public import Foundation
import Synchronization
public import CostGate

/// What an in-process run of the costgate CLI returned and wrote.
public struct CLIResult {
    public var status: ExitCode
    public var stdout: String
    public var stderr: String
}

/// Collects what a command writes to one stream.
public final class Capture: Sendable {
    private let buffer = Mutex("")
    public init() {}
    public func append(_ text: String) { buffer.withLock { $0 += text } }
    public var text: String { buffer.withLock { $0 } }
}

/// Runs the costgate CLI in-process with captured output.
public func runCLI(_ arguments: [String], in directory: String = FileManager.default.currentDirectoryPath,
            environment: [String: String] = [:], stdin: String = "", trafficBlockBytes: Int? = nil) -> CLIResult {
    let out = Capture()
    let err = Capture()
    let input = Data(stdin.utf8)
    var context = CommandContext(environment: environment, currentDirectory: directory,
                                 stdout: { out.append($0) }, stderr: { err.append($0) }, readStdin: { input })
    if let trafficBlockBytes { context.trafficBlockBytes = trafficBlockBytes }
    let status = CLI.run(arguments, context: context)
    return CLIResult(status: status, stdout: out.text, stderr: err.text)
}

/// The repository root (for Scenarios/), found from this file's place in the source tree.
public let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

/// The test fixtures folder in the source tree.
public let fixturesDirectory = repositoryRoot + "/Tests/CostGateTests/Fixtures"

/// Parses JSON text with Foundation, as a consumer of the report would.
public func parseJSON(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
}

/// The `costgate` executable that `swift test` builds beside the test bundle.
public let builtBinary = Bundle.main.bundleURL.appendingPathComponent("costgate").path

/// Runs the built binary as a user would (in a CI step, `CI=true`), returning its status and output.
public func runBinary(_ arguments: [String], in directory: String) throws -> (status: Int32, stdout: String, stderr: String) {
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
    // Both pipes are drained at once: reading one to its end first would hang once the child fills the other.
    let stderrData = Mutex(Data())
    let drained = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        stderrData.withLock { $0 = data }
        drained.signal()
    }
    let stdout = output.fileHandleForReading.readDataToEndOfFile()
    drained.wait()
    let stderr = stderrData.withLock { $0 }
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
}
