import CostGate
import Foundation

/// The `pipeline` fuzz target: writes the input's plan and traffic to a scratch repository and runs
/// `costgate check` in every report format, checking what a CI step relies on.
enum Pipeline {
    static let folder: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("costgate-fuzz-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: path + "/.git", withIntermediateDirectories: true)
        return path
    }()

    /// Replaces the file at `path` with `data`, in place. `FileManager.createFile` writes a temporary file,
    /// syncs it to disk and renames it, which took a third of each execution; `check` reads the same bytes either way.
    private static func write(_ data: Data, to path: String) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { fatalError("cannot write \(path)") }
        defer { close(descriptor) }
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                guard written > 0 else { fatalError("cannot write \(path)") }
                offset += written
            }
        }
    }

    static func run(_ data: Data) {
        let bytes = [UInt8](data)
        let split = bytes.firstIndex(of: 0) ?? bytes.count
        let plan = Data(bytes[..<split])
        let traffic = split < bytes.count ? Data(bytes[(split + 1)...]) : Data()
        write(plan, to: folder + "/costgate.json")
        write(traffic, to: folder + "/traffic.jsonl")
        for format in ["json", "markdown", "text"] {
            let out = Buffer()
            let err = Buffer()
            let context = CommandContext(environment: ["CI": "true"], currentDirectory: folder,
                                         stdout: { out.append($0) }, stderr: { err.append($0) })
            let status = CLI.run(["check", "--format", format], context: context)
            let output = out.text
            switch status {
            case .badInput:
                if !output.isEmpty { fatalError("exit 2 with a report written") }
                if err.text.dropLast().unicodeScalars.contains(where: { $0.value < 0x20 }) { fatalError("control character in a message") }
            case .success, .policyFailure:
                if output.isEmpty { fatalError("a passing or failing check wrote no report") }
                guard format == "json" else { continue }
                guard let report = (try? JSONSerialization.jsonObject(with: Data(output.utf8))) as? [String: Any] else {
                    fatalError("the JSON report does not parse")
                }
                let sides: [Any] = [report["baseline"] as Any] + ((report["candidates"] as? [Any]) ?? [])
                for side in sides {
                    guard let cost = (side as? [String: Any])?["monthly_cost"] as? Double, cost.isFinite else {
                        fatalError("a report without a finite monthly cost")
                    }
                }
            }
        }
    }
}
