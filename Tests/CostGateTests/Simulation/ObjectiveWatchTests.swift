import Testing
@testable import CostGate

/// A run watched against objectives stops only when its full result fails them, and the rightsizer's verdict
/// is the same with or without the watch. `ServingSimulator.unloadedBound` is never above a simulated latency.
@Suite struct ObjectiveWatchTests {
    static let llama8b = ModelCatalog.model("meta-llama/Llama-3.1-8B-Instruct")!

    static func deployment(_ gpu: String, tp: Int = 1, replicas: Int, prefixCaching: Bool = false) -> Deployment {
        var engine = ServingEngineConfig()
        engine.prefixCaching = prefixCaching
        return Deployment(name: "t", model: llama8b, gpu: GPUCatalog.spec(gpu)!, tensorParallel: tp, engine: engine,
                          replicas: .fixed(replicas), pricePerGPUHour: 2)
    }

    static let load = SyntheticLoad.requests(count: 3000, rate: 12, lengths: .shareGPT(inputScale: 1, outputScale: 1), seed: 11)

    @Test func theNearestRankAllowanceMatchesTheSummary() throws {
        // 100 values, p95: the 95th smallest decides, so five values above the limit pass and six fail.
        let requests = (0..<100).map { _ in SimRequest(arrival: 0, inputTokens: 10, outputTokens: 2) }
        let slo = try ServiceLevelObjective(named: "e2e_p95_ms", limitMs: 100)
        for above in [5, 6] {
            var watch = ObjectiveWatch([slo], requests: requests)
            let values = (0..<100).map { $0 < 100 - above ? 50.0 : 200.0 }
            for value in values { watch.finished(ttftMs: value, tpotMs: value, e2eMs: value) }
            let summary = LatencySummary(values)
            #expect(watch.failed == !(summary.p95 <= 100))
            #expect(watch.failed == (above == 6))
        }
    }

    @Test func aValueInTheLimitsOwnBucketNeverStopsARun() throws {
        let requests = (0..<10).map { _ in SimRequest(arrival: 0, inputTokens: 10, outputTokens: 2) }
        let slo = try ServiceLevelObjective(named: "ttft_p50_ms", limitMs: 100)
        var watch = ObjectiveWatch([slo], requests: requests)
        for _ in 0..<10 { watch.finished(ttftMs: 100.01, tpotMs: .nan, e2eMs: 1) }  // 0.01% above: same bucket
        #expect(!watch.failed)
        watch.finished(ttftMs: 101, tpotMs: .nan, e2eMs: 1)
        #expect(!watch.failed)  // one value above the bucket: p50 of ten allows five
    }

    @Test(arguments: [("H100", 1), ("L40S", 1), ("L40S", 2), ("A100-80GB", 3)])
    func aStoppedRunIsOneThatFails(_ gpu: String, _ replicas: Int) throws {
        let deployment = Self.deployment(gpu, replicas: replicas)
        for (name, limit) in [("ttft_p95_ms", 300.0), ("e2e_p95_ms", 9000.0), ("tpot_p90_ms", 25.0), ("e2e_p50_ms", 4000.0)] {
            let slos = [try ServiceLevelObjective(named: name, limitMs: limit)]
            let full = ServingSimulator.run(Self.load, deployment: deployment)
            let watched = ServingSimulator.run(Self.load, deployment: deployment,
                                               options: ServingSimulator.Options(stopWhenFailing: slos))
            let fullMeets = slos.allSatisfy { slo in
                let values = slo.metric == .ttft ? full.ttftMs : slo.metric == .tpot ? full.tpotMs : full.e2eMs
                return slo.value(in: LatencySummary(values)) <= slo.limitMs
            }
            if watched.stoppedEarly { #expect(!fullMeets, "\(gpu)×\(replicas) \(name) stopped but the full run meets") }
            let option = Rightsizer.option(requests: Self.load, deployment: deployment, slos: slos, monthScale: 1)
            #expect(option.meetsSLO == fullMeets, "\(gpu)×\(replicas) \(name)")
        }
    }

    @Test func someWatchedRunStopsEarly() throws {
        let slo = try ServiceLevelObjective(named: "e2e_p95_ms", limitMs: 2000)
        let result = ServingSimulator.run(Self.load, deployment: Self.deployment("L40S", replicas: 1),
                                          options: ServingSimulator.Options(stopWhenFailing: [slo]))
        #expect(result.stoppedEarly)
        #expect(result.e2eMs.contains { $0.isNaN })
    }

    @Test(arguments: [("H100", 1, 1, false), ("H100", 1, 4, true), ("L40S", 2, 2, false), ("A10G", 1, 1, true),
                      ("A100-80GB", 4, 1, true)])
    func theUnloadedBoundIsBelowEverySimulatedLatency(_ gpu: String, _ tp: Int, _ replicas: Int, _ prefix: Bool) {
        var requests = Self.load
        // Shared prefixes so that the prefix cache has something to hit.
        for q in requests.indices where q % 3 == 0 {
            requests[q].prefixKey = Int64(q % 4)
            requests[q].prefixTokens = min(256, requests[q].inputTokens)
        }
        let deployment = Self.deployment(gpu, tp: tp, replicas: replicas, prefixCaching: prefix)
        let bound = ServingSimulator.unloadedBound(requests, deployment: deployment)
        let run = ServingSimulator.run(requests, deployment: deployment)
        #expect(bound.rejected == run.rejected)
        for q in requests.indices where run.e2eMs[q].isFinite {
            #expect(bound.ttftMs[q] <= run.ttftMs[q], "request \(q) TTFT")
            #expect(bound.e2eMs[q] <= run.e2eMs[q], "request \(q) E2E")
        }
    }

    @Test func theUnloadedBoundIsCloseWhenRequestsRarelyMeet() {
        // One request every ten seconds: almost every request runs alone, so the bound is nearly the latency.
        let requests = SyntheticLoad.requests(count: 300, rate: 0.1, lengths: .shareGPT(inputScale: 1, outputScale: 1), seed: 12)
        let deployment = Self.deployment("H100", replicas: 1)
        let bound = ServingSimulator.unloadedBound(requests, deployment: deployment)
        let run = ServingSimulator.run(requests, deployment: deployment)
        let ratios = requests.indices.map { bound.e2eMs[$0] / run.e2eMs[$0] }.sorted()
        #expect(ratios[ratios.count / 2] > 0.95)
        #expect(ratios.allSatisfy { $0 <= 1 })
    }
}
