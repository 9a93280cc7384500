import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// Self-hosted routes in check: GPU cost joins the forecast, quality and `where: model` see the deployment.
@Suite struct SelfHostedTests {
    @Test func deploymentRouteIsScoredFilteredAndCosted() throws {
        let folder = repositoryRoot + "/Scenarios/self-hosted-llama"
        let result = runCLI(["check", "--plan", "costgate.json", "--base-plan", "costgate.base.json", "--format", "json",
                             "--set", #"quality={"chat": {"meta-llama/Llama-3.1-8B-Instruct": 0.8, "openai/gpt-4o-mini": 0.85}}"#,
                             "--set", #"policies=[{"name": "fleet", "metric": "monthly_cost", "max": 1e9, "where": {"model": "llama8b"}}]"#],
                            in: folder)
        #expect(result.status == .success, "\(result.stderr)")
        let report = try #require(try parseJSON(result.stdout) as? [String: Any])
        let head = try #require((report["candidates"] as? [[String: Any]])?.first)
        #expect(head["quality"] as? Double == 0.8)
        let fleet = try #require((head["fleet"] as? [String: [String: Any]])?["llama8b"])
        let fleetCost = try #require(fleet["monthly_cost"] as? Double)
        let monthly = try #require(head["monthly_cost"] as? Double)
        // The only route is self-hosted, so the month's cost is the fleet's, all of it attributed.
        #expect(abs(monthly - fleetCost) < 1e-6 * fleetCost)
        // Two H100s for 30 days at $2.69 per GPU-hour.
        #expect(abs(fleetCost - 2 * 24 * 30 * 2.69) < 0.01 * fleetCost)
        // A fixed fleet costs the same whatever the sample's count: the interval is that one figure.
        #expect(head["monthly_cost_low"] as? Double == monthly)
        #expect(head["monthly_cost_high"] as? Double == monthly)
        let policy = try #require((report["policies"] as? [[String: Any]])?.first)
        #expect(abs((policy["actual"] as? Double ?? 0) - monthly) < 1e-6 * monthly)
        let breakEven = try #require((head["break_even"] as? [[String: Any]])?.first)
        #expect(breakEven["route"] as? String == "chat")
        let latency = try #require(head["latency"] as? [String: Any])
        #expect((latency["ttft_ms"] as? [String: Any])?["p95"] is Double)
    }
}
