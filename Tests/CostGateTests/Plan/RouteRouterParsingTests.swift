import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// `routes.<route>.router` and `semantic_cache` are read strictly: shares sum to exactly 1, escalations name
/// another tier without cycles, rules compare known fields, and every error names the plan path.
@Suite struct RouteRouterParsingTests {
    static let router = """
    {"classifier": {"model": "openai/gpt-4.1-nano", "prompt_tokens": 300, "output_tokens": 5},
     "tiers": [{"name": "simple", "model": "anthropic/claude-haiku-4.5", "share": 0.7, "escalate": {"to": "complex", "rate": 0.12}},
               {"name": "complex", "model": "anthropic/claude-sonnet-4.5", "share": 0.3, "when": {"input_tokens": {"ge": 6000}, "team": ["a", "b"]}}]}
    """
    static let cache = """
    {"hit_rate": 0.2, "embedding": {"model": "openai/text-embedding-3-small"}, "store": {"price_per_hour": 0.25}, "hit_latency_ms": 12}
    """

    /// Parses a plan whose route `support` is `route` (JSON text).
    static func parse(route: String) throws -> Plan {
        let text = #"{"version": 1, "traffic": {"path": "t.jsonl", "window_hours": 1}, "routes": {"support": "# + route + "}}"
        return try PlanParser.parse(JSONParser.parse(Array(text.utf8), file: "costgate.json"), file: "costgate.json")
    }

    static func message(route: String) -> String {
        do {
            _ = try parse(route: route)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func theIssuesExampleIsTyped() throws {
        let plan = try Self.parse(route: #"{"router": \#(Self.router), "semantic_cache": \#(Self.cache)}"#)
        let route = try #require(plan.routes["support"])
        let router = try #require(route.router)
        #expect(router.classifier == .init(model: "openai/gpt-4.1-nano", promptTokens: 300, outputTokens: 5))
        #expect(router.tiers.map(\.name) == ["simple", "complex"])
        #expect(router.tiers[0].share?.text == "0.7")
        let rate = try #require(ExactFraction(text: "0.12"))
        #expect(router.tiers[0].escalation == .init(target: 1, rate: rate))
        #expect(router.tiers[1].rules == [.field(.inputTokens, .ge, 6000), .tag(key: "team", values: ["a", "b"])])
        let cache = try #require(route.semanticCache)
        let hitRate = try #require(ExactFraction(text: "0.2"))
        #expect(cache.hitRate == .fixed(hitRate))
        #expect(cache.storePricePerHour == 0.25)
        #expect(cache.hitLatencyMs == 12)
    }

    @Test(arguments: [
        // Shares are decimals that must sum to exactly 1 (0.1 + 0.2 + 0.7 is 1 as decimals, unlike doubles).
        (#"{"router": {"tiers": [{"name": "a", "model": "m", "share": 0.5}, {"name": "b", "model": "m", "share": 0.4}]}}"#,
         "'routes.support.router.tiers': expected shares that sum to exactly 1, found 0.5 + 0.4 = 0.9"),
        (#"{"router": {"tiers": [{"name": "a", "model": "m", "share": 1.5}]}}"#,
         "'routes.support.router.tiers[0].share': expected a share from 0 to 1 (at most six decimals)"),
        (#"{"router": {"tiers": [{"name": "a", "model": "m", "share": 0.1234567}, {"name": "b", "model": "m", "share": 0.8765433}]}}"#,
         "'routes.support.router.tiers[0].share': expected a share from 0 to 1 (at most six decimals)"),
        (#"{"router": {"tiers": [{"name": "a", "model": "m", "when": {"input_tokens": {"lt": 10}}}]}}"#,
         "'routes.support.router.tiers': expected at least one tier with a share"),
        (#"{"router": {"tiers": [{"name": "a", "model": "m"}, {"name": "b", "model": "m", "share": 1}]}}"#,
         "'routes.support.router.tiers[0]': expected a share, a when rule, or both"),
        (#"{"router": {"tiers": [{"name": "a", "model": "m", "share": 1, "escalate": {"to": "complx", "rate": 0.1}}, {"name": "complex", "model": "m", "when": {"team": "x"}}]}}"#,
         "did you mean 'complex'"),
        (#"{"router": {"tiers": [{"name": "a", "model": "m", "share": 1, "escalate": {"to": "a", "rate": 0.1}}]}}"#,
         "'routes.support.router.tiers[0].escalate.to': expected another tier than the one escalating"),
        (#"{"router": {"tiers": [{"name": "a", "model": "m", "share": 1, "escalate": {"to": "b", "rate": 0.1}}, {"name": "b", "model": "m", "when": {"team": "x"}, "escalate": {"to": "a", "rate": 0.5}}]}}"#,
         "expected escalations without a cycle, found a → b → a"),
        (#"{"router": {"tiers": [{"name": "a", "model": "m", "share": 1}, {"name": "a", "model": "m", "when": {"team": "x"}}]}}"#,
         "'routes.support.router.tiers[1].name': expected a name no other tier of this router has"),
        (#"{"router": {"tiers": [{"name": "a", "model": "m", "share": 1, "when": {"input_tokens": {"lte": 5}}}]}}"#,
         "did you mean 'le'"),
        (#"{"router": {"tiers": [{"name": "a", "model": "m", "share": 1, "wehn": {}}]}}"#,
         "did you mean 'when'"),
        (#"{"router": {"tiers": [{"name": "a", "model": "m", "share": 1}]}, "model": "openai/gpt-4o"}"#,
         "'routes.support.model': expected no model on a route with a router"),
        (#"{"semantic_cache": {"hit_rate": "measurd", "embedding": {"model": "e"}}, "model": "openai/gpt-4o"}"#,
         "did you mean 'measured'"),
        (#"{"semantic_cache": {"hit_rate": 0.2, "ttl_s": 60, "embedding": {"model": "e"}}, "model": "openai/gpt-4o"}"#,
         "'routes.support.semantic_cache.ttl_s': expected no ttl_s with a fixed hit_rate"),
        (#"{"semantic_cache": {"hit_rate": 0.2}, "model": "openai/gpt-4o"}"#,
         "'routes.support.semantic_cache.embedding': expected an embedding section"),
        (#"{"semantic_cache": {"hit_rate": 0.2, "embedding": {"model": "e"}, "store": {"price_per_hr": 1}}, "model": "openai/gpt-4o"}"#,
         "did you mean 'price_per_hour'"),
    ])
    func aBadRouterNamesItsPath(route: String, wanted: String) {
        let message = Self.message(route: route)
        #expect(message.contains(wanted), "\(message)")
        #expect(message.hasPrefix("costgate.json"), "\(message)")
    }

    @Test func decimalSharesSumExactly() throws {
        // In doubles 0.1 + 0.2 + 0.7 is 0.9999999999999999; as decimals it is 1.
        let route = #"{"router": {"tiers": [{"name": "a", "model": "m", "share": 0.1}, {"name": "b", "model": "m", "share": 0.2}, {"name": "c", "model": "m", "share": 0.7}]}}"#
        #expect(try Self.parse(route: route).routes["support"]?.router?.tiers.count == 3)
    }

    @Test func tierPoliciesNeedATier() {
        func policyError(_ policy: String) -> String {
            let text = #"{"version": 1, "traffic": {"path": "t.jsonl", "window_hours": 1}, "policies": ["# + policy + "]}"
            do {
                _ = try PlanParser.parse(JSONParser.parse(Array(text.utf8), file: "costgate.json"), file: "costgate.json")
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        #expect(policyError(#"{"name": "x", "metric": "tier_cost", "max": 1}"#).contains("'policies[0].where.tier': expected the name of the router tier"))
        #expect(policyError(#"{"name": "x", "metric": "monthly_cost", "max": 1, "where": {"tier": "a"}}"#).contains("tier only with tier_cost"))
        #expect(policyError(#"{"name": "x", "metric": "tier_quality", "min": 1, "where": {"tier": "a", "team": "b"}}"#).contains("only route and tier"))
        #expect(policyError(#"{"name": "x", "metric": "tier_cost", "max": 1, "where": {"tier": "a", "route": "r"}}"#) == "no error")
    }

    @Test func exactFractionsRoundHalvesAwayFromZero() throws {
        let share = try #require(ExactFraction(text: "0.15"))
        // 0.15 × 30 is 4.5 exactly: a double product could land on 4.4999… and round down.
        #expect(share.apply(30) == 5)
        #expect(share.complement.text == "0.85")
        let rate = try #require(ExactFraction(text: "0.12"))
        #expect(share.times(rate)?.text == "0.018")
        #expect(ExactFraction(text: "-0.1") == nil)
    }
}
