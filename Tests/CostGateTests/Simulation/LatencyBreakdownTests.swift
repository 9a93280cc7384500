import Testing
@testable import CostGate

@Suite struct LatencyBreakdownTests {
    @Test func groupsByTag() {
        var requests = SyntheticLoad.requests(count: 400, rate: 4, lengths: .fixed(input: 100, output: 20), seed: 4)
        for i in requests.indices { requests[i].tag = Int32(i % 3) }
        let d = Deployment(name: "t", model: ModelCatalog.model("meta-llama/Llama-3.1-8B-Instruct")!,
                           gpu: GPUCatalog.spec("L4")!, pricePerGPUHour: 1)
        let result = ServingSimulator.run(requests, deployment: d)
        let breakdown = LatencyBreakdown(result: result, requests: requests)
        #expect(breakdown.byTag.count == 3)
        #expect(breakdown.byTag.values.map(\.requests).reduce(0, +) == 400)
        let busy = breakdown.byTag.values.map(\.busySeconds).reduce(0, +)
        #expect(abs(busy - breakdown.overall.busySeconds) < 1e-6)
        #expect(breakdown.overall.e2e.count == 400)
    }
}
