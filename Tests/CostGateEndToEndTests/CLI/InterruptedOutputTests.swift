import Foundation
import Testing
import CostGateTestSupport

/// A signal that arrives while `--output` is being written removes the temporary file and leaves no report:
/// the built binary writes a large sample, the test waits until the temporary file appears, then signals it.
@Suite struct InterruptedOutputTests {
    /// A scratch repository holding a plan and a log of `records` lines (about 200 bytes each).
    private func scratch(records: Int) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("costgate-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/.git", withIntermediateDirectories: true)
        let plan = #"{"version": 1, "traffic": {"path": "traffic.jsonl", "format": "jsonl", "window_hours": 24}}"#
        try plan.write(toFile: folder + "/costgate.json", atomically: true, encoding: .utf8)
        var log = ""
        log.reserveCapacity(records * 200)
        for index in 0..<records {
            log += #"{"timestamp": \#(1_759_708_800 + index % 86_400), "model": "openai/gpt-4o-mini", "route": "chat", "#
            log += #""input_tokens": \#(500 + index % 997), "output_tokens": \#(50 + index % 311), "tags": {"customer": "c\#(index % 50)"}}"#
            log += "\n"
        }
        try log.write(toFile: folder + "/traffic.jsonl", atomically: true, encoding: .utf8)
        return folder
    }

    /// Starts `costgate sample --rate 1` writing `out.jsonl`, signals it as soon as its temporary file exists, and
    /// returns how it ended; nil when the write finished before the temporary file was seen.
    private func interrupt(in folder: String, with signal: Int32) throws -> (reason: Process.TerminationReason, status: Int32)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: builtBinary)
        process.arguments = ["sample", "--rate", "1", "--output", "out.jsonl"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = ["CI": "true"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let temporary = folder + "/.out.jsonl.costgate-\(process.processIdentifier).tmp"
        var seen = false
        while process.isRunning {
            if FileManager.default.fileExists(atPath: temporary) {
                kill(process.processIdentifier, signal)
                seen = true
                break
            }
            usleep(100)
        }
        process.waitUntilExit()
        return seen ? (process.terminationReason, process.terminationStatus) : nil
    }

    @Test(arguments: [SIGTERM, SIGINT, SIGHUP])
    func aSignalDuringTheWriteLeavesNothingBehind(signal: Int32) throws {
        try #require(FileManager.default.isExecutableFile(atPath: builtBinary), "swift test builds the costgate executable")
        var records = 30_000
        for _ in 0..<4 {
            let folder = try scratch(records: records)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            if let ended = try interrupt(in: folder, with: signal) {
                // The guard re-raises the signal after unlinking, so the process ends by the signal itself.
                #expect(ended.reason == .uncaughtSignal && ended.status == signal)
                let left = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
                #expect(left == [".git", "costgate.json", "traffic.jsonl"], "left behind: \(left)")
                return
            }
            records *= 2
        }
        Issue.record("the write always finished before its temporary file was seen; the signal was never sent mid-write")
    }
}
