import Testing
@testable import CostGate

/// `SteadyDecode` runs decode-only stretches in aggregate; the reference is the same loop visiting every request
/// on every step (`aggregatesDecode = false`). Both must give the same run.
@Suite struct SteadyDecodeTests {
    static let llama8b = ModelCatalog.model("meta-llama/Llama-3.1-8B-Instruct")!

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var deployment: Deployment
        var requests: [SimRequest]
        var concurrency: Int?
        var testDescription: String { name }
    }

    static let cases: [Case] = {
        let sharegpt = SyntheticLoad.Lengths.shareGPT(inputScale: 1, outputScale: 1)
        func deployment(_ gpu: String, _ model: ModelArchitecture = llama8b, tp: Int = 1, replicas: ReplicaPolicy = .fixed(1),
                        engine: ServingEngineConfig = ServingEngineConfig(), utilization: Double? = nil) -> Deployment {
            var d = Deployment(name: "t", model: model, gpu: GPUCatalog.spec(gpu)!, tensorParallel: tp, engine: engine,
                               replicas: replicas, pricePerGPUHour: 2)
            if let utilization { d.engine.gpuMemoryUtilization = utilization }
            return d
        }
        var prefix = ServingEngineConfig()
        prefix.prefixCaching = true
        var tinyBudget = ServingEngineConfig()
        tinyBudget.maxNumBatchedTokens = 16
        var multiStep = ServingEngineConfig()
        multiStep.numSchedulerSteps = 8
        var fewSeqs = ServingEngineConfig()
        fewSeqs.maxNumSeqs = 8
        let shared = (0..<600).map {
            SimRequest(arrival: Double($0) * 0.05, inputTokens: 900, outputTokens: 40 + $0 % 90, prefixKey: Int64($0 % 3),
                       prefixTokens: 600)
        }
        return [
            Case(name: "H100, 4 replicas, prefix caching", deployment: deployment("H100", replicas: .fixed(4), engine: prefix),
                 requests: SyntheticLoad.requests(count: 4000, rate: 20, lengths: sharegpt, seed: 3)),
            Case(name: "A10G, preemption", deployment: deployment("A10G", utilization: 0.8),
                 requests: SyntheticLoad.requests(count: 1500, rate: 6, lengths: sharegpt, seed: 4)),
            Case(name: "A10G, closed loop, preemption", deployment: deployment("A10G", engine: prefix, utilization: 0.85),
                 requests: SyntheticLoad.requests(count: 1500, rate: 1, lengths: sharegpt, seed: 5), concurrency: 200),
            Case(name: "budget below the batch", deployment: deployment("H100", engine: tinyBudget),
                 requests: SyntheticLoad.requests(count: 1000, rate: 10, lengths: sharegpt, seed: 6)),
            Case(name: "multi-step scheduling", deployment: deployment("A100-80GB", engine: multiStep),
                 requests: SyntheticLoad.requests(count: 1000, rate: 8, lengths: sharegpt, seed: 7)),
            Case(name: "max_num_seqs 8", deployment: deployment("H100", engine: fewSeqs),
                 requests: SyntheticLoad.requests(count: 1000, rate: 12, lengths: sharegpt, seed: 8)),
            Case(name: "shared prefixes", deployment: deployment("L40S", engine: prefix), requests: shared),
            // Light load on a fast replica: long stretches that run between arrivals without the event loop.
            Case(name: "light load, long stretches", deployment: deployment("H100", tp: 2, engine: prefix),
                 requests: SyntheticLoad.requests(count: 1500, rate: 1, lengths: sharegpt, seed: 10)),
            Case(name: "autoscaled", deployment: deployment("H100", replicas: .autoscale(AutoscalePolicy(min: 1, max: 4))),
                 requests: SyntheticLoad.requests(count: 3000, rate: 12, lengths: sharegpt, seed: 9)),
            Case(name: "70B TP4, one-token outputs mixed in",
                 deployment: deployment("H100", ModelCatalog.model("meta-llama/Llama-3.1-70B-Instruct")!, tp: 4),
                 requests: (0..<800).map { SimRequest(arrival: Double($0) * 0.1, inputTokens: 50 + $0 * 7 % 900,
                                                      outputTokens: $0 % 5 == 0 ? 1 : 30 + $0 % 200) }),
        ]
    }()

    @Test(arguments: cases) func aggregateStretchesGiveTheSameRun(_ c: Case) {
        var options = ServingSimulator.Options(concurrency: c.concurrency)
        let aggregate = ServingSimulator.run(c.requests, deployment: c.deployment, options: options)
        options.aggregatesDecode = false
        let reference = ServingSimulator.run(c.requests, deployment: c.deployment, options: options)
        #expect(aggregate.ttftMs.elementsEqual(reference.ttftMs, by: Self.same))
        #expect(aggregate.tpotMs.elementsEqual(reference.tpotMs, by: Self.same))
        #expect(aggregate.e2eMs.elementsEqual(reference.e2eMs, by: Self.same))
        #expect(aggregate.preemptions == reference.preemptions)
        #expect(aggregate.prefixCacheHitTokens == reference.prefixCacheHitTokens)
        #expect(aggregate.outputTokens == reference.outputTokens)
        #expect(aggregate.rejected == reference.rejected)
        #expect(aggregate.span == reference.span)
        #expect(aggregate.fleet.gpuHours == reference.fleet.gpuHours)
        #expect(aggregate.fleet.utilization == reference.fleet.utilization)
        #expect(aggregate.fleet.meanBatchSize == reference.fleet.meanBatchSize)
        #expect(aggregate.fleet.replicaTimeline.map(\.replicas) == reference.fleet.replicaTimeline.map(\.replicas))
        // A request's GPU time is a sum of per-step shares; the stretch adds them up first, so only rounding differs.
        for (a, b) in zip(aggregate.gpuSeconds, reference.gpuSeconds) {
            #expect(abs(a - b) <= 1e-12 * max(1, abs(b)))
        }
        // The case exercises what its name says.
        if c.name.contains("preemption") { #expect(reference.preemptions > 0) }
    }

    private static func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }
}
