import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// `check --base-ref` when the pull request adds the plan: the base is the traffic as recorded, not an error.
@Suite struct BaseRefWithoutPlanTests {
    /// A repository whose `main` has no plan, with the plan and its traffic only in the work tree.
    private func repositoryAddingThePlan(model: String) throws -> String {
        let folder = try BaseRefTests.repository(["README.md": "shop\n"])
        try BaseRefTests.write(["costgate.json": BaseRefTests.plan(model: model, prompt: 500), "data/traffic.jsonl": BaseRefTests.traffic], in: folder)
        return folder
    }

    private func report(_ result: CLIResult) throws -> (report: [String: Any], delta: [String: Any], base: Double) {
        let report = try #require(try parseJSON(result.stdout) as? [String: Any])
        let head = try #require((report["candidates"] as? [[String: Any]])?.first)
        let delta = try #require(head["delta"] as? [String: Any])
        let base = try #require((report["baseline"] as? [String: Any])?["monthly_cost"] as? Double)
        return (report, delta, base)
    }

    @Test func aPlanThatKeepsTheRecordedModelChangesNothing() throws {
        let folder = try repositoryAddingThePlan(model: "openai/gpt-4o")
        let result = runCLI(["check", "--base-ref", "main", "--format", "json"], in: folder)
        #expect(result.status == .success, "\(result.stderr)")
        let (report, delta, base) = try report(result)
        // 50 requests an hour of 1,000 input and 100 output tokens at $2.50 and $10 per 1M, for 720 hours.
        #expect(abs(base - 50 * (1000 * 2.5 + 100 * 10) / 1e6 * 720) < 1e-9)
        #expect(delta["monthly_cost"] as? Double == 0)
        #expect((report["assumptions"] as? [String: Any])?["baseline"] as? String == "the traffic as recorded (there is no plan at main yet)")
        // Both sides declare the route's prompt size, so no "only one side" warning.
        #expect((report["warnings"] as? [Any])?.isEmpty == true, "\(report["warnings"] ?? "")")
    }

    @Test func aPlanThatMovesTheRouteShowsTheMoveAgainstTodaysSpend() throws {
        let folder = try repositoryAddingThePlan(model: "openai/gpt-4o-mini")
        let result = runCLI(["check", "--base-ref", "main", "--format", "json"], in: folder)
        #expect(result.status == .success, "\(result.stderr)")
        let (_, delta, base) = try report(result)
        let head = 50 * (1000 * 0.15 + 100 * 0.6) / 1e6 * 720
        #expect(abs(base - 126) < 1e-9)
        #expect(abs((delta["monthly_cost"] as? Double ?? 0) - (head - 126)) < 1e-9)
        let markdown = runCLI(["check", "--base-ref", "main", "--format", "markdown"], in: folder)
        #expect(markdown.stdout.contains("there is no plan at"), "\(markdown.stdout)")
    }

    @Test func aMissingTrafficFileAtTheRefIsStillAnError() throws {
        // The plan exists at the ref, but names a file that does not: that is a broken base, not a new plan.
        let folder = try BaseRefTests.repository(["costgate.json": BaseRefTests.plan(model: "openai/gpt-4o", prompt: 500)])
        try BaseRefTests.write(["data/traffic.jsonl": BaseRefTests.traffic], in: folder)
        let result = runCLI(["check", "--base-ref", "main"], in: folder)
        #expect(result.status == .badInput)
        #expect(result.stderr.contains("does not exist at main"), "\(result.stderr)")
    }
}
