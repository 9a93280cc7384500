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

    /// A vllm summary with `change` applied to its members (`nil` removes one).
    private func vllm(_ change: [String: String?]) -> String {
        var members = ["\"completed\": 4", "\"request_rate\": 4.0", "\"total_input_tokens\": 400", "\"total_output_tokens\": 40",
                       "\"mean_ttft_ms\": 40.5", "\"mean_tpot_ms\": 8.1"]
        for (key, value) in change {
            members.removeAll { $0.hasPrefix("\"\(key)\":") }
            if let value { members.append("\"\(key)\": \(value)") }
        }
        return "{" + members.joined(separator: ", ") + "}"
    }

    /// Figures the simulator would replay are held to stated bounds. Before, `completed` of 1e300 or "inf"
    /// trapped converting to an integer, 1e18 aborted allocating its requests, -5 said "found 0", 2.5 ran as 2,
    /// a rate of 0 or -3 ran as "all at once", and "inf" was read as an infinite latency.
    @Test(arguments: [
        (["completed": "1e300"], "field 'completed': expected a whole number from 1 to 1,000,000, found number 1e300"),
        (["completed": "\"inf\""], "field 'completed': expected a whole number from 1 to 1,000,000, found string 'inf'"),
        (["completed": "1e18"], "field 'completed': expected a whole number from 1 to 1,000,000"),
        (["completed": "-5"], "found number -5"),
        (["completed": "2.5"], "field 'completed'"),
        (["request_rate": "0"], "field 'request_rate': expected a request rate from 0.000001 to 1,000,000 per second, found number 0"),
        (["request_rate": "-3"], "field 'request_rate'"),
        (["request_rate": "1e-300"], "field 'request_rate'"),
        (["max_concurrency": "1e300"], "field 'max_concurrency'"),
        (["max_concurrency": "0"], "field 'max_concurrency'"),
        (["total_input_tokens": "1e300"], "field 'total_input_tokens': expected a token total of 0 to 10,000,000 tokens a request over 4 requests"),
        (["total_output_tokens": "-1"], "field 'total_output_tokens'"),
        (["mean_ttft_ms": "\"inf\""], "field 'mean_ttft_ms': expected a latency from 0 to 86,400,000 ms (a day), found string 'inf'"),
        (["mean_tpot_ms": "1e300"], "field 'mean_tpot_ms'"),
        (["mean_ttft_ms": "-1"], "field 'mean_ttft_ms'"),
        (["input_lens": "[1, 2, 3, 1e300]", "output_lens": "[1, 1, 1, 1]"], "field 'input_lens[3]': expected a whole number of tokens from 0 to 10,000,000"),
        (["input_lens": "[1, 2, 3, 4]", "output_lens": "[1, 1, 1.5, 1]"], "field 'output_lens[2]'"),
        (["input_lens": "[1, 2, 3, 4]", "output_lens": "[1, 1, 1, 1]", "start_times": "[0, 1, 2, 1e300]"], "field 'start_times': expected send times within 31,622,400 s"),
        (["input_lens": "[1, 2, 3, 4]", "output_lens": "[1, 1, 1, 1]", "start_times": "[0, 1, \"x\", 3]"], "field 'start_times[2]'"),
    ] as [([String: String?], String)])
    func vllmFiguresOutOfBoundsAreInputErrors(change: [String: String?], message: String) {
        let error = parseError(vllm(change))
        #expect(error.contains(message), "\(error)")
    }

    @Test func theBoundedVLLMSummaryStillReads() throws {
        let run = try BenchmarkRun.runs(in: try JSONParser.parse(Array(vllm([:]).utf8), file: "r.json"), file: "r.json")
        #expect(run.count == 1 && run[0].completed == 4 && run[0].meanInputTokens == 100 && run[0].requestRate == 4)
        let everyAtOnce = try BenchmarkRun.runs(in: try JSONParser.parse(Array(vllm(["request_rate": "\"inf\""]).utf8), file: "r.json"), file: "r.json")
        #expect(everyAtOnce[0].requestRate == nil)
        let lengths = try BenchmarkRun.runs(in: try JSONParser.parse(Array(vllm(["input_lens": "[1, 2, 3, 4]", "output_lens": "[5, 6, 7, 8]", "start_times": "[10, 10.5, 11, 12]"]).utf8), file: "r.json"), file: "r.json")
        #expect(lengths[0].inputLengths == [1, 2, 3, 4] && lengths[0].startTimes == [0, 0.5, 1, 2])
    }

    /// The other tools' figures are held to the same bounds.
    @Test(arguments: [
        (#"{"benchmarks": [{"config": {"strategy": {"type_": "poisson", "rate": 4}}, "metrics": {"request_totals": {"successful": 3}, "prompt_token_count": {"successful": {"mean": 10}}, "output_token_count": {"successful": {"mean": 5}}, "request_latency": {"successful": {"mean": 1e300}}}}]}"#,
         "field 'benchmarks[0].metrics.request_latency.successful.mean': expected a latency from 0 to 86,400,000 ms (a day), found number 1e300 s"),
        (#"{"benchmarks": [{"config": {"strategy": {"type_": "poisson", "rate": 4}}, "metrics": {"request_totals": {"successful": 3}, "prompt_token_count": {"successful": {"mean": 1e300}}, "output_token_count": {"successful": {"mean": 5}}, "time_to_first_token_ms": {"successful": {"mean": 10}}}}]}"#,
         "field 'benchmarks[0].metrics.prompt_token_count.successful.mean': expected a mean of 0 to 10,000,000 tokens"),
        (#"{"benchmarks": [{"config": {"strategy": {"type_": "concurrent", "streams": 1e300}}, "metrics": {"request_totals": {"successful": 3}}}]}"#,
         "field 'benchmarks[0].config.strategy.streams'"),
        (#"{"request_latency": {"unit": "ms", "avg": 10}, "request_throughput": {"avg": 1e200}, "benchmark_duration": {"avg": 1e200}}"#,
         "field 'request_throughput.avg × benchmark_duration.avg': expected a whole number from 1 to 1,000,000"),
        (#"{"request_latency": {"unit": "ms", "avg": 10}, "request_count": {"avg": 2}, "total_isl": {"avg": 1e300}, "total_osl": {"avg": 2}}"#,
         "field 'total_isl.avg'"),
        (#"{"request_latency": {"unit": "s", "avg": 1e306}, "request_count": {"avg": 2}, "total_isl": {"avg": 2}, "total_osl": {"avg": 2}}"#,
         "field 'request_latency.avg': expected a latency from 0 to 86,400,000 ms (a day), found number 1e306 s"),
        (#"{"request_latency": {"unit": "ms", "avg": 10}, "request_count": {"avg": 2}, "total_isl": {"avg": 2}, "total_osl": {"avg": 2}, "input_config": {"request_rate": 1e-300}}"#,
         "field 'input_config.request_rate'"),
    ])
    func otherToolsFiguresOutOfBoundsAreInputErrors(json: String, message: String) {
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
