import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// Outputs never replace what the command reads.
@Suite struct ReportOutputTests {
    /// A scratch repository: a plan, a copy of it as a base plan, its traffic (three records), a serving plan and a
    /// benchmark result.
    private func repository() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("costgate-output-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/logs", withIntermediateDirectories: true)
        var traffic = ""
        for index in 0..<3 {
            traffic += #"{"timestamp": \#(1_700_000_000 + index * 60), "model": "openai/gpt-4o", "route": "chat", "team": "t\#(index)", "input_tokens": 100, "output_tokens": 10}"# + "\n"
        }
        try traffic.write(toFile: folder + "/logs/traffic.jsonl", atomically: true, encoding: .utf8)
        try #"{"version": 1, "traffic": {"path": "logs/traffic.jsonl", "window_hours": 1}, "routes": {"*": {"model": "recorded"}}}"#
            .write(toFile: folder + "/costgate.json", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: folder + "/costgate.json", toPath: folder + "/base.json")
        try FileManager.default.copyItem(atPath: fixturesDirectory + "/calibration/plan.json", toPath: folder + "/serving.json")
        try FileManager.default.copyItem(atPath: fixturesDirectory + "/calibration/run-summary.json", toPath: folder + "/run.json")
        return folder
    }

    /// `sample --output traffic.jsonl traffic.jsonl` replaced the log it sampled; every command that writes a file
    /// now refuses one it reads (the plan, its traffic, a base plan, a result file), whatever the spelling, and
    /// leaves it as it was.
    @Test(arguments: [
        ["sample", "--rate", "0.5", "--output", "logs/traffic.jsonl", "logs/traffic.jsonl"],
        ["sample", "--rate", "0.5", "--output", "./logs/../logs/traffic.jsonl"],
        ["sample", "--rate", "0.5", "--output", "costgate.json"],
        ["check", "--output", "logs/traffic.jsonl"],
        ["check", "--json-output", "costgate.json"],
        ["check", "--base-plan", "base.json", "--output", "base.json"],
        ["whatif", "--set", "routes.*.model=openai/gpt-4o-mini", "--output", "logs/traffic.jsonl"],
        ["breakdown", "--output", "costgate.json"],
        ["calibrate", "--plan", "serving.json", "--deployment", "llama8b", "--output", "run.json", "run.json"],
        ["calibrate", "--plan", "serving.json", "--deployment", "llama8b", "--output", "serving.json", "run.json"],
    ])
    func anOutputThatIsAnInputIsRefused(arguments: [String]) throws {
        let folder = try repository()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let files = ["costgate.json", "base.json", "logs/traffic.jsonl", "serving.json", "run.json"]
        let before = files.map { FileManager.default.contents(atPath: folder + "/" + $0) }
        let result = runCLI(arguments, in: folder)
        #expect(result.status == .badInput, "\(result.stdout)")
        #expect(result.stderr.contains("is a file this command reads; writing there would replace it"), "\(result.stderr)")
        #expect(files.map { FileManager.default.contents(atPath: folder + "/" + $0) } == before)
    }

    /// The same commands write a new file, or replace an earlier report, as before.
    @Test func anOutputBesideTheInputsIsWritten() throws {
        let folder = try repository()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for _ in 0..<2 {
            #expect(runCLI(["sample", "--rate", "0.5", "--output", "logs/sample.jsonl"], in: folder).status == .success)
            #expect(runCLI(["check", "--output", "report.md", "--json-output", "report.json"], in: folder).status == .success)
        }
        #expect(FileManager.default.fileExists(atPath: folder + "/logs/sample.jsonl"))
        #expect(FileManager.default.fileExists(atPath: folder + "/report.json"))
    }

    /// A grouping key given twice grouped the sample (or the showback) by it twice.
    @Test(arguments: [["breakdown", "--by", "team", "--by", "team"], ["sample", "--rate", "0.5", "--by", "team", "--by", "team", "--output", "s.jsonl"]])
    func aKeyGivenTwiceIsAUsageError(arguments: [String]) throws {
        let folder = try repository()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = runCLI(arguments, in: folder)
        #expect(result.status == .badInput && result.stderr.contains("--by names 'team' twice"), "\(result.stderr)")
    }
}
