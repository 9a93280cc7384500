import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// Fallbacks priced by hand: gpt-4o-mini ($0.15 / $0.60 per 1M) falls back to claude-haiku-4.5 ($1 / $5) above
/// 2 requests a minute and on errors. Every request has 1,000 input and 100 output tokens: $0.00021 on the
/// primary, $0.0015 on the fallback. A one-hour window scales by 720 to the 30-day month.
@Suite struct FallbackPlannerTests {
    static let traffic = """
    {"timestamp":"2026-01-01T00:00:00Z","model":"openai/gpt-4o-mini","route":"chat","input_tokens":1000,"output_tokens":100}
    {"timestamp":"2026-01-01T00:00:01Z","model":"openai/gpt-4o-mini","route":"chat","input_tokens":1000,"output_tokens":100,"status":"error"}
    {"timestamp":"2026-01-01T00:00:02Z","model":"openai/gpt-4o-mini","route":"chat","input_tokens":1000,"output_tokens":100}
    {"timestamp":"2026-01-01T00:00:03Z","model":"openai/gpt-4o-mini","route":"chat","input_tokens":1000,"output_tokens":100}
    {"timestamp":"2026-01-01T00:01:10Z","model":"openai/gpt-4o-mini","route":"chat","input_tokens":1000,"output_tokens":100,"status":"error"}

    """

    static func run(_ fallback: String) throws -> (uses: [ServingForecast.FallbackUse], monthly: Double) {
        let planText = """
        {"version": 1, "traffic": {"path": "t.jsonl", "window_hours": 1},
         "routes": {"chat": {"model": "openai/gpt-4o-mini"\(fallback)}},
         "rate_limits": {"openai/gpt-4o-mini": {"rpm": 2}}}
        """
        let plan = try PlanParser.parse(JSONParser.parse(Array(planText.utf8), file: "plan.json"), file: "plan.json")
        let traffic = try TrafficReader.read(Data(Self.traffic.utf8), spec: plan.traffic, file: "t.jsonl", skipBadRecords: false)
        let replay = try Replayer.replay(traffic, plan: plan, name: "head", catalog: plan.catalog, prompts: PromptSizes(),
                                         reference: plan, referencePrompts: PromptSizes())
        let scaling = try Forecaster.scaling(traffic: traffic, plan: plan)
        let serving = try ServingForecaster.forecast(traffic: traffic, replay: replay, plan: plan, scaling: scaling)
        let forecast = Forecaster.forecast(replay, traffic: traffic, scaling: scaling, extraCost: serving.extraCost, fixedCost: serving.fixedCost)
        return (serving.fallbacks, forecast.monthlyCost)
    }

    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(abs(b), 1e-12) }

    @Test func overflowAndErrorsGoToTheFallback() throws {
        let (uses, monthly) = try Self.run(", \"fallback\": {\"model\": \"anthropic/claude-haiku-4.5\", \"on\": [\"rate_limit\", \"error\"]}")
        let use = try #require(uses.first)
        #expect(use.route == "chat" && use.fallback == "anthropic/claude-haiku-4.5" && use.primary == "openai/gpt-4o-mini")
        // Minute 0 has 4 requests against a limit of 2: half of each goes to the fallback (2 a window).
        #expect(close(use.overflowRequests, 2 * 720))
        // The error in minute 0 retries its remaining half; the one in minute 1 (under the limit) retries whole.
        #expect(close(use.errorRequests, 1.5 * 720))
        #expect(close(use.fallbackMonthlyCost, 3.5 * 0.0015 * 720))        // $3.78
        #expect(close(use.primarySavedMonthlyCost, 2 * 0.00021 * 720))     // $0.3024: rate-limited attempts are free
        #expect(close(monthly, (5 * 0.00021 + 3.5 * 0.0015 - 2 * 0.00021) * 720))   // $4.2336
    }

    @Test func onlyTheNamedTriggersApply() throws {
        let (errorsOnly, monthly) = try Self.run(", \"fallback\": {\"model\": \"anthropic/claude-haiku-4.5\", \"on\": [\"error\"]}")
        #expect(close(try #require(errorsOnly.first).errorRequests, 2 * 720))
        #expect(close(monthly, (5 * 0.00021 + 2 * 0.0015) * 720))
        let (none, plain) = try Self.run("")
        #expect(none.isEmpty && close(plain, 5 * 0.00021 * 720))
    }

    @Test func badFallbacksNameThePath() throws {
        func message(_ fallback: String) -> String {
            do {
                _ = try Self.run(fallback)
                return ""
            } catch {
                return "\(error)"
            }
        }
        #expect(message(", \"fallback\": {\"model\": \"anthropic/claude-haiku-4.5\", \"on\": [\"timeout\"]}").contains("'routes.chat.fallback.on[0]'"))
        #expect(message(", \"fallback\": {\"on\": [\"error\"]}").contains("'routes.chat.fallback.model'"))
        #expect(message(", \"fallback\": {\"model\": \"anthropic/claude-haiku-45\"}").contains("routes.chat.fallback.model"))
        #expect(message(", \"fallback\": {\"model\": \"anthropic/claude-haiku-4.5\", \"when\": 1}").contains("'routes.chat.fallback.when'"))
    }
}
