import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// Scenarios on the public traces in `../shared/traces`, run only when `COSTGATE_SHARED_TRACES` names that
/// directory (the unit tests never read outside the repository otherwise). Prints the figures quoted in
/// Sources/CostGate/CostGate.docc/Simulator.md.
@Suite struct TraceScenarioTests {
    static let directory = ProcessInfo.processInfo.environment["COSTGATE_SHARED_TRACES"]

    /// Azure LLM inference 2023 code trace: TIMESTAMP (UTC, 7 fractional digits), ContextTokens, GeneratedTokens.
    static func azureCode(_ directory: String) throws -> [SimRequest] {
        let text = try String(contentsOfFile: directory + "/azure-llm-inference-2023/AzureLLMInferenceTrace_code.csv",
                              encoding: .utf8)
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss.SSS"
        formatter.timeZone = TimeZone(identifier: "UTC")
        var requests: [SimRequest] = []
        var origin: Double?
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",")
            guard fields.count == 3, let date = formatter.date(from: String(fields[0].prefix(23))),
                  let input = Int(fields[1]), let output = Int(fields[2]) else { continue }
            let t = date.timeIntervalSince1970
            origin = origin ?? t
            requests.append(SimRequest(arrival: t - origin!, inputTokens: input, outputTokens: output))
        }
        return requests
    }

    /// Mooncake FAST'25 conversation trace: JSON lines with timestamp (ms), input_length, output_length, hash_ids.
    static func mooncake(_ directory: String) throws -> [SimRequest] {
        let text = try String(contentsOfFile: directory + "/mooncake-fast25/conversation_trace.jsonl", encoding: .utf8)
        return try text.split(whereSeparator: \.isNewline).map { line in
            let v = try JSONParser.parse(Array(line.utf8), file: "conversation_trace.jsonl")
            return SimRequest(arrival: (v["timestamp"]?.doubleValue ?? 0) / 1000,
                              inputTokens: Int(v["input_length"]?.doubleValue ?? 1),
                              outputTokens: Int(v["output_length"]?.doubleValue ?? 1),
                              hashes: (v["hash_ids"]?.arrayValue ?? []).map { Int64($0.doubleValue ?? 0) })
        }
    }

    static func line(_ label: String, _ r: SimulationResult) -> String {
        let ttft = LatencySummary(r.ttftMs), e2e = LatencySummary(r.e2eMs)
        return String(format: "%-34@ TTFT p50 %7.0f p95 %7.0f  E2E p95 %7.0f  GPU-h %5.2f  replicas mean %4.2f max %d  util %3.0f%%  hit %d",
                      label as NSString, ttft.p50, ttft.p95, e2e.p95, r.fleet.gpuHours, r.fleet.replicasMean,
                      r.fleet.replicasMax, r.fleet.utilization * 100, r.prefixCacheHitTokens)
    }

    @Test(.enabled(if: TraceScenarioTests.directory != nil)) func azureCodeAutoscaling() throws {
        let requests = try Self.azureCode(Self.directory!)
        let model = ModelCatalog.model("meta-llama/Llama-3.1-8B-Instruct")!
        let gpu = GPUCatalog.spec("A100-80GB")!
        let policy = AutoscalePolicy(min: 1, max: 6, metric: .queueDepth, scaleUpAt: 2, scaleDownAt: 0.5, cooldown: 60,
                                     coldStart: 120)
        var text = "Azure code trace: \(requests.count) requests over \(Int(requests.last!.arrival)) s, Llama-3.1-8B on A100-80GB\n"
        var results: [SimulationResult] = []
        for (label, replicas) in [("fixed 1", ReplicaPolicy.fixed(1)), ("fixed 2", .fixed(2)), ("fixed 3", .fixed(3)),
                                  ("autoscale 1-6 queue_depth>2", .autoscale(policy))] {
            let result = ServingSimulator.run(requests, deployment: Deployment(name: "code", model: model, gpu: gpu,
                                                                               replicas: replicas, pricePerGPUHour: 1.74))
            results.append(result)
            text += Self.line(label, result) + "\n"
        }
        print(text)
        #expect(results.allSatisfy { $0.e2eMs.allSatisfy(\.isFinite) })
        #expect(results[3].fleet.replicasMax > 1)
    }

    @Test(.enabled(if: TraceScenarioTests.directory != nil)) func mooncakePrefixCaching() throws {
        let requests = try Self.mooncake(Self.directory!)
        let model = ModelCatalog.model("meta-llama/Llama-3.1-8B-Instruct")!
        var text = "Mooncake conversation trace: \(requests.count) requests, Llama-3.1-8B on 4× H100\n"
        var hits: [Int] = []
        for caching in [false, true] {
            var engine = ServingEngineConfig()
            engine.prefixCaching = caching
            let result = ServingSimulator.run(requests, deployment: Deployment(
                name: "chat", model: model, gpu: GPUCatalog.spec("H100")!, engine: engine, replicas: .fixed(4),
                pricePerGPUHour: 2.69))
            hits.append(result.prefixCacheHitTokens)
            text += Self.line("prefix caching \(caching ? "on" : "off")", result) + "\n"
        }
        print(text)
        #expect(hits[0] == 0 && hits[1] > 0)
    }
}
