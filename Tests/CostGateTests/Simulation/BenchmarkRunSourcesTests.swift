import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// GuideLLM, AIPerf and GenAI-Perf result files read as benchmark runs, and fitted by `costgate calibrate`.
@Suite struct BenchmarkRunSourcesTests {
    private func runs(_ name: String) throws -> [BenchmarkRun] {
        let data = try #require(FileManager.default.contents(atPath: fixturesDirectory + "/calibration/" + name))
        return try BenchmarkRun.runs(in: try JSONParser.parse([UInt8](data), file: name), file: name)
    }

    private func parseError(_ json: String) -> String {
        do {
            _ = try BenchmarkRun.runs(in: try JSONParser.parse(Array(json.utf8), file: "r.json"), file: "r.json")
            return "no error"
        } catch {
            return error.description
        }
    }

    /// The vllm summary the other fixtures were made from: the same load and latencies.
    private let reference = (rate: 4.0, completed: 40, input: 571.175, output: 335.875, ttft: 40.696999999999996,
                             tpot: 8.146802035757599)

    @Test func guideLLMGivesOneRunPerBenchmark() throws {
        let read = try runs("guidellm-benchmarks.json")
        #expect(read.map(\.file) == ["guidellm-benchmarks.json#1", "guidellm-benchmarks.json#2"])
        let poisson = read[0]
        #expect(poisson.requestRate == reference.rate && poisson.maxConcurrency == nil && poisson.completed == reference.completed)
        #expect(poisson.meanInputTokens == reference.input && poisson.meanOutputTokens == reference.output)
        #expect(poisson.ttftMs == reference.ttft && poisson.tpotMs == reference.tpot)
        // request_latency is in seconds in GuideLLM: read back as ms.
        let e2e = reference.ttft + reference.tpot * (reference.output - 1)
        #expect(abs(try #require(poisson.e2eMs) - e2e) < 1e-9)
        let streams = read[1]
        #expect(streams.requestRate == nil && streams.maxConcurrency == 8 && streams.closedLoopConcurrency == 8)
        #expect(streams.ttftMs == 55 && streams.tpotMs == 9.1)
    }

    @Test func aiPerfAndGenAIPerfGiveOneRun() throws {
        let aiperf = try #require(try runs("profile_export_aiperf.json").first)
        #expect(aiperf.requestRate == reference.rate && aiperf.completed == reference.completed)
        #expect(aiperf.meanInputTokens == reference.input && aiperf.meanOutputTokens == reference.output)
        #expect(aiperf.ttftMs == reference.ttft && aiperf.tpotMs == reference.tpot)
        let genai = try #require(try runs("profile_export_genai_perf.json").first)
        // No request_count: request_throughput × benchmark_duration = 2.558… × 15.637 s = 40 requests.
        #expect(genai.completed == 40 && genai.requestRate == nil && genai.maxConcurrency == 4)
        #expect(genai.meanInputTokens == reference.input && genai.meanOutputTokens == reference.output)
    }

    @Test func theVLLMFileIsStillReadAsBefore() throws {
        let read = try runs("run-summary.json")
        #expect(read.count == 1 && read[0].requestRate == reference.rate && read[0].ttftMs == reference.ttft)
    }

    @Test(arguments: [
        (#"{"benchmarks": []}"#, "r.json:1: field 'benchmarks': expected at least one GuideLLM benchmark"),
        (#"{"benchmarks": [{"metrics": {}}]}"#, "benchmarks[0].metrics.request_totals.successful"),
        (#"{"benchmarks": [{"config": {"strategy": {"type_": "sweep"}}, "metrics": {"request_totals": {"successful": 3}}}]}"#,
         "expected synchronous, concurrent, throughput, constant or poisson"),
        (#"{"benchmarks": [{"config": {"strategy": {"type_": "poisson", "rate": -1}}, "metrics": {"request_totals": {"successful": 3}}}]}"#,
         "benchmarks[0].config.strategy.rate"),
        (#"{"request_latency": {"unit": "ms", "avg": 10}}"#, "field 'request_count.avg'"),
        (#"{"request_latency": {"unit": "weeks", "avg": 10}, "request_count": {"avg": 2}, "total_isl": {"avg": 2}, "total_osl": {"avg": 2}}"#,
         "field 'request_latency.unit'"),
        (#"{"request_latency": {"unit": "ms", "avg": 10}, "request_count": {"avg": 2.5}}"#, "expected a whole number"),
    ])
    func badFilesNameTheField(json: String, message: String) {
        let error = parseError(json)
        #expect(error.contains(message), "\(error)")
    }

    @Test func calibrateFitsEveryGuideLLMBenchmark() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("costgate-calibrate-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for file in ["plan.json", "guidellm-benchmarks.json", "profile_export_aiperf.json"] {
            try FileManager.default.copyItem(atPath: fixturesDirectory + "/calibration/" + file, toPath: folder + "/" + file)
        }
        let result = runCLI(["calibrate", "--plan", "plan.json", "--deployment", "llama8b", "--output", "c.json",
                             "guidellm-benchmarks.json", "profile_export_aiperf.json"], in: folder)
        #expect(result.status == .success, "\(result.stderr)")
        let data = try #require(FileManager.default.contents(atPath: folder + "/c.json"))
        let calibration = try Calibration.parse(try JSONParser.parse([UInt8](data), file: "c.json"), file: "c.json")
        #expect(calibration.runs.map(\.file) == ["guidellm-benchmarks.json#1", "guidellm-benchmarks.json#2", "profile_export_aiperf.json"])
        #expect(calibration.runs[1].maxConcurrency == 8)
    }
}
