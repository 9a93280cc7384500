import Testing
@testable import CostGate
import CostGateTestSupport

@Suite struct RightsizerTests {
    @Test func findsTheCheapestFleetThatMeetsTheSLOs() throws {
        let base = Deployment(name: "chat", model: ModelCatalog.model("meta-llama/Llama-3.1-8B-Instruct")!,
                              gpu: GPUCatalog.spec("H100")!)
        let requests = SyntheticLoad.requests(count: 6000, rate: 20, lengths: .shareGPT(inputScale: 1, outputScale: 1), seed: 2)
        let slos = try [("ttft_p95_ms", 500.0), ("e2e_p95_ms", 20000.0)].map { try ServiceLevelObjective(named: $0.0, limitMs: $0.1) }
        let report = Rightsizer.search(requests: requests, base: base, slos: slos,
                                       gpus: [GPUCatalog.spec("H100")!, GPUCatalog.spec("L40S")!],
                                       tensorParallel: [1, 2], maxReplicas: 16, monthScale: 2_592_000 / 300,
                                       apiCostPerRequest: 0.002)
        #expect(!report.options.isEmpty)
        #expect(report.options.allSatisfy { $0.meetsSLO })
        #expect(zip(report.options, report.options.dropFirst()).allSatisfy { $0.monthlyCost <= $1.monthlyCost })
        // One replica fewer than a fixed option must miss the SLOs.
        if let fixed = report.options.first(where: { if case .fixed(let n) = $0.deployment.replicas { return n > 1 } else { return false } }),
           case .fixed(let n) = fixed.deployment.replicas {
            let smaller = Rightsizer.option(requests: requests,
                                            deployment: fixed.deployment.with(gpu: fixed.deployment.gpu,
                                                                              tensorParallel: fixed.deployment.tensorParallel,
                                                                              replicas: .fixed(n - 1)),
                                            slos: slos, monthScale: 1)
            #expect(!smaller.meetsSLO)
        }
        let breakEven = try #require(report.breakEven)
        #expect(abs(breakEven.breakEvenMonthlyRequests * 0.002 - report.options[0].monthlyCost) < 1e-6)
        let listing = RightsizeListing(report: report, route: "chat", model: base.model.id, slos: slos)
        let text = RightsizeTextRenderer().render(listing)
        #expect(text.contains("Break-even"))
        let json = RightsizeJSONRenderer().render(listing)
        let parsed = try JSONParser.parse(Array(json.utf8), file: "out")
        #expect(parsed["options"]?.arrayValue?.count == report.options.count)
    }
}
