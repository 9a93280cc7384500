import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// Owned-GPU arithmetic against an independent oracle (`Fixtures/tco/generate.py`, Python's decimal module):
/// the GPU-hour derivation, the owned fleet's monthly cost, the break-even against renting the same GPU and
/// against the API, each to 1e-9 relative. The `owned` objects go through the plan parser, as a user's would.
@Suite struct OwnedGPUTests {
    static let folder = fixturesDirectory + "/tco"

    static func vectors() throws -> [[String: Any]] {
        try #require(try parseJSON(String(contentsOfFile: folder + "/vectors.json", encoding: .utf8)) as? [[String: Any]])
    }

    func expectClose(_ actual: Double, _ text: String?, _ what: String, _ name: String) {
        guard let text, let wanted = Double(text) else {
            Issue.record("\(name): \(what) has no expected value")
            return
        }
        let scale = max(abs(wanted), 1e-300)
        #expect(abs(actual - wanted) / scale <= 1e-9, "\(name): \(what) \(actual) vs oracle \(text)")
    }

    @Test func matchesTheDecimalOracle() throws {
        let vectors = try Self.vectors()
        #expect(vectors.count >= 40)
        for vector in vectors {
            let name = try #require(vector["name"] as? String)
            let fields = try #require(vector["owned"] as? [String: String])
            // Inputs go into the plan as written (decimal text), then through the strict reader.
            let members = fields.keys.sorted().map { "\"\($0)\": \(fields[$0]!)" }.joined(separator: ", ")
            let gpus = try #require(vector["owned_gpus"] as? Int)
            let plan = "{\"model\": \"meta-llama/Llama-3.1-8B-Instruct\", \"gpu\": \"H100\", \"replicas\": \(gpus), \"owned\": {\(members)}}"
            let deployment = try Deployment.parse(JSONParser.parse(Array(plan.utf8), file: "plan.json"), name: "owned", file: "plan.json")
            let owned = try #require(deployment.owned)
            let expected = try #require(vector["expected"] as? [String: Any])
            expectClose(owned.capitalPerGPUHour, expected["capital_per_gpu_hour"] as? String, "capital", name)
            expectClose(owned.energyPerGPUHour, expected["energy_per_gpu_hour"] as? String, "energy", name)
            expectClose(owned.hostingPerGPUHour, expected["hosting_per_gpu_hour"] as? String, "hosting", name)
            expectClose(owned.pricePerGPUHour, expected["price_per_gpu_hour"] as? String, "price", name)
            #expect(deployment.pricePerGPUHour == owned.pricePerGPUHour && deployment.priceSource == "owned (TCO)")
            #expect(deployment.ownedGPUs == gpus)

            let days = try #require((vector["days"] as? String).flatMap(Double.init))
            let running = try #require((vector["running_gpu_hours"] as? String).flatMap(Double.init))
            let monthly = owned.monthlyCost(ownedGPUs: deployment.ownedGPUs, monthHours: days * 24, runningGPUHours: running)
            expectClose(monthly, expected["monthly_cost"] as? String, "monthly cost", name)
            let cloud = try #require((vector["cloud_per_gpu_hour"] as? String).flatMap(Double.init))
            let breakEven = owned.breakEvenHoursPerMonth(cloudPerGPUHour: cloud)
            if let wanted = expected["break_even_hours_per_month"] as? String {
                expectClose(breakEven ?? .nan, wanted, "break-even hours", name)
            } else {
                #expect(breakEven == nil, "\(name): owning never pays off when energy alone costs more than renting")
            }
            let api = try #require((vector["api_cost_per_request"] as? String).flatMap(Double.init))
            expectClose(monthly / api, expected["break_even_requests"] as? String, "break-even requests", name)
        }
    }

    /// The tco-owned-h100 scenario's fleet (two owned H100s all month) costs what the oracle's first vector says,
    /// through the whole forecast: simulation span scaled to the month, capital and hosting on both GPUs.
    @Test func theScenarioFleetCostsWhatTheOracleSays() throws {
        let vectors = try Self.vectors()
        let vector = try #require(vectors.first { $0["name"] as? String == "scenario h100" })
        let expected = try #require(vector["expected"] as? [String: Any])
        let root = repositoryRoot + "/Scenarios/tco-owned-h100"
        let loaded = try PlanLoader.load("Scenarios/tco-owned-h100/costgate.json", from: .workTree(root: repositoryRoot))
        var evaluator = Evaluator(options: Evaluator.Options())
        let evaluation = try evaluator.evaluate(command: "check", baseline: .init(name: "base", loaded: try PlanLoader.load(
            "Scenarios/tco-owned-h100/costgate.base.json", from: .workTree(root: repositoryRoot))),
                                                candidates: [.init(name: "head", loaded: loaded)], policySource: loaded,
                                                baselineSource: .basePlan(root + "/costgate.base.json"))
        let fleet = try #require(evaluation.candidates[0].forecast.serving?.fleets.first)
        let owned = try #require(fleet.owned)
        #expect(owned.ownedGPUs == 2 && owned.cloudInstance == "runpod/h100-sxm")
        expectClose(owned.runningGPUHours, vector["running_gpu_hours"] as? String, "running GPU-hours", "scenario")
        expectClose(fleet.monthlyCost, expected["monthly_cost"] as? String, "monthly cost", "scenario")
        expectClose(owned.breakEvenHoursPerMonth ?? .nan, expected["break_even_hours_per_month"] as? String, "break-even hours", "scenario")
        let breakEven = try #require(evaluation.candidates[0].breakEven.first)
        #expect(abs(breakEven.fleetMonthlyCost - fleet.monthlyCost) <= 1e-9 * fleet.monthlyCost)
    }

    @Test func ownedPlanErrorsNameThePath() throws {
        func message(_ text: String) -> String {
            do {
                _ = try Deployment.parse(JSONParser.parse(Array(text.utf8), file: "plan.json"), name: "d", file: "plan.json")
                return ""
            } catch {
                return "\(error)"
            }
        }
        let base = "\"model\": \"meta-llama/Llama-3.1-8B-Instruct\", \"gpu\": \"H100\""
        let full = "\"capex_per_gpu\": 30000, \"amortization_months\": 36, \"power_kw_per_gpu\": 0.7, \"price_per_kwh\": 0.12, \"pue\": 1.3"
        #expect(message("{\(base), \"owned\": {\(full)}}").contains("'deployments.d.owned.hosting_per_gpu_month': expected a hosting cost"))
        #expect(message("{\(base), \"owned\": {\(full), \"hosting_per_gpu_month\": 100, \"hostng\": 1}}").contains("deployments.d.owned.hostng"))
        #expect(message("{\(base), \"owned\": {\(full), \"hosting_per_gpu_month\": -1}}").contains("from 0 to 1000000"))
        #expect(message("{\(base), \"price_per_gpu_hour\": 2, \"owned\": {\(full), \"hosting_per_gpu_month\": 1}}")
            .contains("'deployments.d.owned': expected either owned GPUs or a cloud price"))
        let pue = full.replacingOccurrences(of: "1.3", with: "0.9")
        #expect(message("{\(base), \"owned\": {\(pue), \"hosting_per_gpu_month\": 1}}").contains("'deployments.d.owned.pue': expected a power usage effectiveness from 1 to 5"))
    }
}
