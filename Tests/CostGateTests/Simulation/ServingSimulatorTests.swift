import Testing
@testable import CostGate
import CostGateTestSupport

@Suite struct ServingSimulatorTests {
    static let llama8b = ModelCatalog.model("meta-llama/Llama-3.1-8B-Instruct")!

    func deployment(gpu: String = "H100", replicas: ReplicaPolicy = .fixed(1), engine: ServingEngineConfig = ServingEngineConfig())
        -> Deployment
    {
        Deployment(name: "t", model: Self.llama8b, gpu: GPUCatalog.spec(gpu)!, engine: engine, replicas: replicas,
                   pricePerGPUHour: 2)
    }

    @Test func isDeterministic() {
        let requests = SyntheticLoad.requests(count: 3000, rate: 15, lengths: .shareGPT(inputScale: 1, outputScale: 1), seed: 3)
        let a = ServingSimulator.run(requests, deployment: deployment(replicas: .fixed(2)))
        let b = ServingSimulator.run(requests, deployment: deployment(replicas: .fixed(2)))
        #expect(a.e2eMs == b.e2eMs)
        #expect(a.ttftMs == b.ttftMs)
        #expect(a.fleet.gpuHours == b.fleet.gpuHours)
    }

    @Test func latenciesAreConsistent() {
        let requests = SyntheticLoad.requests(count: 500, rate: 5, lengths: .fixed(input: 200, output: 50), seed: 1)
        let result = ServingSimulator.run(requests, deployment: deployment())
        for i in requests.indices {
            #expect(result.ttftMs[i] > 0)
            #expect(result.e2eMs[i] >= result.ttftMs[i])
            #expect(abs(result.tpotMs[i] - (result.e2eMs[i] - result.ttftMs[i]) / 49) < 1e-9)
        }
        #expect(result.outputTokens == 500 * 50)
        // Attributed busy time adds up to the fleet's busy time.
        let busy = result.fleet.utilization * result.fleet.gpuHours * 3600
        #expect(abs(result.gpuSeconds.reduce(0, +) - busy) / busy < 1e-9)
    }

    @Test func singleTokenOutputHasNoTPOT() {
        let result = ServingSimulator.run([SimRequest(arrival: 0, inputTokens: 100, outputTokens: 1)], deployment: deployment())
        #expect(result.tpotMs[0].isNaN)
        #expect(result.e2eMs[0] == result.ttftMs[0])
    }

    @Test func moreReplicasLowerLatencyUnderLoad() {
        let requests = SyntheticLoad.requests(count: 4000, rate: 30, lengths: .shareGPT(inputScale: 1, outputScale: 1), seed: 5)
        let one = LatencySummary(ServingSimulator.run(requests, deployment: deployment(gpu: "A100-80GB")).e2eMs)
        let four = LatencySummary(ServingSimulator.run(requests, deployment: deployment(gpu: "A100-80GB", replicas: .fixed(4))).e2eMs)
        #expect(four.p95 < one.p95)
    }

    @Test func preemptsWhenTheKVCacheRunsOut() {
        // A bf16 70B model on two H100 leaves about 25k tokens of KV cache: long requests must preempt.
        let d = Deployment(name: "t", model: ModelCatalog.model("meta-llama/Llama-3.1-70B-Instruct")!,
                           gpu: GPUCatalog.spec("H100")!, tensorParallel: 2, pricePerGPUHour: 2)
        let capacity = d.kvCapacityTokens
        #expect(capacity > 4000 && capacity < 40000)
        let requests = (0..<40).map { SimRequest(arrival: Double($0) * 0.01, inputTokens: 1000, outputTokens: 1500) }
        let result = ServingSimulator.run(requests, deployment: d)
        #expect(result.preemptions > 0)
        #expect(result.e2eMs.allSatisfy { $0.isFinite })
    }

    @Test func rejectsRequestsThatCanNeverFit() {
        let d = deployment()
        let huge = SimRequest(arrival: 0, inputTokens: d.kvCapacityTokens, outputTokens: 10)
        let result = ServingSimulator.run([huge, SimRequest(arrival: 0, inputTokens: 10, outputTokens: 10)], deployment: d)
        #expect(result.rejected == 1)
        #expect(result.e2eMs[0].isNaN && result.e2eMs[1].isFinite)
    }

    @Test func handlesEmptyLoadAndScaleToZero() {
        let empty = ServingSimulator.run([], deployment: deployment(replicas: .fixed(2)))
        #expect(empty.e2eMs.isEmpty && empty.span == 0 && empty.fleet.gpuHours == 0)
        let policy = AutoscalePolicy(min: 0, max: 2, metric: .queueDepth, scaleUpAt: 1, scaleDownAt: 0.5)
        let idle = ServingSimulator.run([], deployment: deployment(replicas: .autoscale(policy)))
        #expect(idle.fleet.replicasMax == 0)
    }

    @Test func prefixCachingSkipsSharedPrefill() {
        let shared = (0..<200).map {
            SimRequest(arrival: Double($0) * 0.2, inputTokens: 6000, outputTokens: 20, prefixKey: 7, prefixTokens: 5900)
        }
        let hashed = (0..<200).map {
            SimRequest(arrival: Double($0) * 0.2, inputTokens: 6000, outputTokens: 20,
                       hashes: (0..<12).map { Int64($0) + ($0 == 11 ? Int64(1000 + 0) : 0) })
        }
        var off = ServingEngineConfig()
        off.prefixCaching = false
        let cold = ServingSimulator.run(shared, deployment: deployment(gpu: "L40S", engine: off))
        let warm = ServingSimulator.run(shared, deployment: deployment(gpu: "L40S"))
        let mooncake = ServingSimulator.run(hashed, deployment: deployment(gpu: "L40S"))
        #expect(warm.prefixCacheHitTokens >= 199 * 5888)
        #expect(LatencySummary(warm.ttftMs).mean < LatencySummary(cold.ttftMs).mean / 3)
        #expect(mooncake.prefixCacheHitTokens > 0)
        #expect(LatencySummary(mooncake.ttftMs).mean < LatencySummary(cold.ttftMs).mean / 2)
    }

    @Test func closedLoopKeepsConcurrency() {
        let requests = SyntheticLoad.requests(count: 64, rate: nil, lengths: .fixed(input: 32, output: 128), seed: 1)
        let result = ServingSimulator.run(requests, deployment: deployment(), options: .init(concurrency: 8))
        // 8 waves of 8: about 8 × one batch-8 request latency.
        let single = LatencySummary(result.e2eMs).mean / 1000
        #expect(abs(result.span - 8 * single) / result.span < 0.1)
    }

    @Test func autoscalerAddsReplicasAndBillsColdStarts() {
        // 60 s quiet, 600 s at 40 req/s, then quiet again.
        var requests = SyntheticLoad.requests(count: 24000, rate: 40, lengths: .shareGPT(inputScale: 1, outputScale: 1), seed: 9)
        for i in requests.indices { requests[i].arrival += 60 }
        let policy = AutoscalePolicy(min: 1, max: 8, metric: .runningRequests, scaleUpAt: 100, scaleDownAt: 20,
                                     cooldown: 30, coldStart: 90)
        let result = ServingSimulator.run(requests, deployment: deployment(gpu: "A100-80GB", replicas: .autoscale(policy)))
        #expect(result.fleet.replicasMax > 1)
        #expect(result.fleet.replicasMax <= 8)
        #expect(result.fleet.replicaTimeline.first!.replicas == 1)
        #expect(result.fleet.replicasMean < Double(result.fleet.replicasMax))
        #expect(result.fleet.gpuHours > 0 && result.fleet.cost == result.fleet.gpuHours * 2)
        #expect(result.e2eMs.allSatisfy { $0.isFinite })
    }

    @Test func scaleToZeroQueuesUntilAColdStartFinishes() {
        let policy = AutoscalePolicy(min: 0, max: 2, metric: .queueDepth, scaleUpAt: 1, scaleDownAt: 0.5, cooldown: 0,
                                     coldStart: 30)
        let requests = [SimRequest(arrival: 100, inputTokens: 100, outputTokens: 10)]
        let result = ServingSimulator.run(requests, deployment: deployment(replicas: .autoscale(policy)))
        // Waits for the next autoscaler tick (≤ 15 s) plus the 30 s cold start.
        #expect(result.ttftMs[0] >= 30_000 && result.ttftMs[0] <= 46_000)
    }
}
