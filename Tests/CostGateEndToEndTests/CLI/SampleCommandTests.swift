import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// `costgate sample` end to end on the support chatbot's log: the sample's forecast, through `check`, is
/// close to the full log's, and its interval covers the full log's figure.
@Suite struct SampleCommandTests {
    private func scratch() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("costgate-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/.git", withIntermediateDirectories: true)
        for name in ["traffic.jsonl", "costgate.json"] {
            try FileManager.default.copyItem(atPath: repositoryRoot + "/Scenarios/support-chatbot/" + name, toPath: folder + "/" + name)
        }
        // The sample's plan: the same routes and prices, reading the sample; the log's window is 24 h.
        let plan = try String(contentsOfFile: folder + "/costgate.json", encoding: .utf8)
            .replacingOccurrences(of: #""path": "traffic.jsonl", "format": "jsonl", "sample_rate": 0.1, "window_hours": 24"#,
                                  with: #""path": "sample.jsonl", "format": "jsonl", "window_hours": 24"#)
            .replacingOccurrences(of: #""$schema": "../../Sources/CostGate/Resources/costgate.schema.json","#, with: "")
        try plan.write(toFile: folder + "/sample-plan.json", atomically: true, encoding: .utf8)
        return folder
    }

    private func baseline(_ json: String) throws -> (cost: Double, low: Double, high: Double) {
        let report = try #require(try parseJSON(json) as? [String: Any])
        let side = try #require(report["baseline"] as? [String: Any])
        return (try #require(side["monthly_cost"] as? Double), try #require(side["monthly_cost_low"] as? Double),
                try #require(side["monthly_cost_high"] as? Double))
    }

    @Test func theSampleForecastsTheFullLogsMonth() throws {
        let folder = try scratch()
        let sampled = runCLI(["sample", "--rate", "0.1", "--by", "route", "--seed", "3", "--output", "sample.jsonl", "--format", "json"], in: folder)
        #expect(sampled.status == .success, "\(sampled.stderr)")
        let summary = try #require(try parseJSON(sampled.stdout) as? [String: Any])
        #expect(summary["kept"] as? Double == 1_917 && summary["records"] as? Double == 19_167)
        #expect(try String(contentsOfFile: folder + "/sample.jsonl", encoding: .utf8).split(separator: "\n").count == 1_917)

        let full = try baseline(runCLI(["check", "--format", "json"], in: folder).stdout)
        let checked = runCLI(["check", "--plan", "sample-plan.json", "--format", "json"], in: folder)
        #expect(checked.status == .success, "\(checked.stderr)")
        let sample = try baseline(checked.stdout)
        #expect(sample.low <= full.cost && full.cost <= sample.high, "full \(full), sample \(sample)")
        #expect(abs(sample.cost - full.cost) / full.cost < 0.05, "full \(full.cost), sample \(sample.cost)")
    }

    /// The log named as FILE or given on standard input gives the same sample as the plan's own file.
    @Test func fileAndStandardInputGiveTheSameSample() throws {
        let folder = try scratch()
        let log = try String(contentsOfFile: folder + "/traffic.jsonl", encoding: .utf8)
        let arguments = ["sample", "--rate", "0.05", "--by", "team", "--seed", "7", "--format", "json"]
        #expect(runCLI(arguments + ["--output", "a.jsonl"], in: folder).status == .success)
        #expect(runCLI(arguments + ["--output", "b.jsonl", "traffic.jsonl"], in: folder).status == .success)
        #expect(runCLI(arguments + ["--output", "c.jsonl", "-"], in: folder, stdin: log).status == .success)
        let samples = try ["a", "b", "c"].map { try String(contentsOfFile: folder + "/\($0).jsonl", encoding: .utf8) }
        #expect(!samples[0].isEmpty && samples[0] == samples[1] && samples[1] == samples[2])
        let missing = runCLI(arguments + ["--output", "d.jsonl", "nope.jsonl"], in: folder)
        #expect(missing.status == .badInput && missing.stderr.contains("nope.jsonl: no such file"))
    }

    @Test func badArgumentsAreUsageErrors() throws {
        let folder = try scratch()
        #expect(runCLI(["sample", "--output", "x.jsonl"], in: folder).stderr.contains("sample needs --rate"))
        #expect(runCLI(["sample", "--rate", "0", "--output", "x.jsonl"], in: folder).stderr.contains("above 0 and at most 1"))
        let unknown = runCLI(["sample", "--rate", "0.1", "--by", "custmer", "--output", "x.jsonl"], in: folder)
        #expect(unknown.status == .badInput && unknown.stderr.contains("did you mean 'customer'"), "\(unknown.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/x.jsonl"))
    }
}
