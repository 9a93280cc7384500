import Testing
@testable import CostGate
import CostGateTestSupport

/// Between sparse bursts an autoscaled fleet sits idle for hours, and its autoscaler's ticks change nothing once its
/// windows hold only zeros: the loops skip those ticks (`FleetLedger.quietTicks`). The reference evaluates every tick
/// (`skipsQuietTicks = false`). Both must give the very same run, for every metric, window, cooldown and floor.
@Suite struct FleetLedgerTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var seed: UInt64
        var policy: AutoscalePolicy
        var testDescription: String {
            "seed \(seed): \(policy.metric.rawValue), min \(policy.min), up for \(policy.scaleUpFor) s, down for \(policy.scaleDownFor) s, "
                + "cooldown \(policy.cooldown) s, cold start \(policy.coldStart) s"
        }
    }

    static let cases: [Case] = (0..<12).map { seed in
        var random = AutoscaleHoldTests.SplitMix64Generator(seed: 0xF1EE7 &+ UInt64(seed))
        let metrics: [AutoscalePolicy.Metric] = [.queueDepth, .runningRequests, .gpuUtilization]
        let metric = metrics[seed % 3]
        var policy = AutoscalePolicy(min: seed % 4 == 0 ? 0 : 1, max: 4, metric: metric,
                                     scaleUpAt: metric == .queueDepth ? 2 : 0.7, scaleDownAt: metric == .queueDepth ? 0.5 : 0.3,
                                     cooldown: [0, 60, 300][Int(random.next() % 3)], coldStart: [0, 30, 120][Int(random.next() % 3)])
        policy.scaleUpFor = [0, 30, 300][Int(random.next() % 3)]
        policy.scaleDownFor = [0, 600, 3_600, 86_400][Int(random.next() % 4)]
        return Case(seed: UInt64(seed), policy: policy)
    }

    /// Bursts of requests one to three days apart over about a month: each burst at 2 to 20 requests a second for up
    /// to a few minutes, enough to make the autoscaler add replicas and then drain them in the quiet that follows.
    static func bursts(seed: UInt64, make: (Double, inout AutoscaleHoldTests.SplitMix64Generator) -> SimRequest) -> [SimRequest] {
        var random = AutoscaleHoldTests.SplitMix64Generator(seed: seed)
        var requests: [SimRequest] = []
        var t = Double(random.next() % 600)
        for _ in 0..<14 {
            let rate = Double(2 + random.next() % 19)
            let count = Int(20 + random.next() % 400)
            for k in 0..<count { requests.append(make(t + Double(k) / rate, &random)) }
            t += Double(random.next() % (2 * 86_400)) + 86_400
        }
        return requests
    }

    @Test(arguments: cases) func aServiceSkipsQuietTicksWithTheSameRun(_ c: Case) throws {
        let deployment = try ServiceLoopTests.service(replicas: .autoscale(c.policy))
        let requests = Self.bursts(seed: c.seed) { t, random in ServiceLoopTests.request(t, Double(100 + random.next() % 1_900)) }
        try Self.expectSameRun(requests, deployment: deployment)
    }

    @Test(arguments: cases.prefix(6)) func anLLMFleetSkipsQuietTicksWithTheSameRun(_ c: Case) throws {
        let deployment = Deployment(name: "t", model: SteadyDecodeTests.llama8b, gpu: GPUCatalog.spec("L4")!, tensorParallel: 1,
                                    engine: ServingEngineConfig(), replicas: .autoscale(c.policy), pricePerGPUHour: 2)
        let requests = Self.bursts(seed: c.seed) { t, random in
            SimRequest(arrival: t, inputTokens: Int(200 + random.next() % 3_000), outputTokens: Int(20 + random.next() % 400))
        }
        try Self.expectSameRun(requests, deployment: deployment)
    }

    static func expectSameRun(_ requests: [SimRequest], deployment: Deployment) throws {
        let skipping = ServingSimulator.run(requests, deployment: deployment)
        var options = ServingSimulator.Options()
        options.skipsQuietTicks = false
        let reference = ServingSimulator.run(requests, deployment: deployment, options: options)
        #expect(skipping.ttftMs.elementsEqual(reference.ttftMs, by: same))
        #expect(skipping.tpotMs.elementsEqual(reference.tpotMs, by: same))
        #expect(skipping.e2eMs.elementsEqual(reference.e2eMs, by: same))
        #expect(skipping.gpuSeconds == reference.gpuSeconds)
        #expect(skipping.preemptions == reference.preemptions && skipping.rejected == reference.rejected)
        #expect(skipping.span == reference.span)
        #expect(skipping.fleet.gpuHours == reference.fleet.gpuHours)
        #expect(skipping.fleet.replicasMean == reference.fleet.replicasMean)
        #expect(skipping.fleet.replicasMax == reference.fleet.replicasMax)
        #expect(skipping.fleet.utilization == reference.fleet.utilization)
        #expect(skipping.fleet.replicaTimeline.map(\.t) == reference.fleet.replicaTimeline.map(\.t))
        #expect(skipping.fleet.replicaTimeline.map(\.replicas) == reference.fleet.replicaTimeline.map(\.replicas))
        // The run scaled up and back down, so the case tries the autoscaler both ways.
        #expect(reference.fleet.replicasMax > 1, "the bursts never added a replica")
        #expect(reference.fleet.replicaTimeline.count > 4)
        guard case .autoscale(let policy) = deployment.replicas else { Issue.record("not autoscaled"); return }
        // A one-day window settles only a day after a burst, and then keeps its last day of ticks: between bursts one
        // to three days apart there is little left to skip.
        if max(policy.scaleUpFor, policy.scaleDownFor) <= 3_600 {
            #expect(skipping.fleet.evaluations * 4 < reference.fleet.evaluations,
                    "\(skipping.fleet.evaluations) evaluations against \(reference.fleet.evaluations)")
        }
    }

    private static func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }
}
