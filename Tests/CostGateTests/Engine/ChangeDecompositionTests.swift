import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// "Why it changed": the Shapley split of a route's change into volume, tokens, cache hits, price and routing
/// mix, against hand-computed cases and an independent oracle in Python `decimal` that averages over all 720
/// orders of the six factors (`Fixtures/decomposition/generate.py`, vectors in `cases.json`).
@Suite struct ChangeDecompositionTests {
    typealias Slot = ChangeDecomposition.Slot

    /// A slot priced at `input`, `cached`, `output` USD per 1M tokens.
    static func slot(_ name: String, requests: Double, input: Double, cached: Double = 0, output: Double,
                     rates: (Double, Double, Double), gpu: Double = 0) -> Slot {
        Slot(name: name, requests: requests, inputTokens: input, cachedTokens: cached, outputTokens: output,
             inputCost: (input - cached) * rates.0 / 1e6, cachedCost: cached * rates.1 / 1e6, outputCost: output * rates.2 / 1e6,
             otherCost: gpu)
    }

    static func decompose(_ base: [Slot], _ head: [Slot]) -> ChangeDecomposition {
        .decompose(base: .init(slots: base), head: .init(slots: head))
    }

    static func close(_ a: Double, _ b: Double, scale: Double = 1) -> Bool {
        (a - b).magnitude <= 1e-12 * max(1, scale)
    }

    @Test func aModelSwapIsAllPrice() {
        let why = Self.decompose([Self.slot("gpt-4o", requests: 1000, input: 3e6, output: 2e5, rates: (2.5, 1.25, 10))],
                                 [Self.slot("gpt-4o-mini", requests: 1000, input: 3e6, output: 2e5, rates: (0.15, 0.075, 0.6))])
        // 3M × $2.50 + 200k × $10 = $9.50 before; 3M × $0.15 + 200k × $0.60 = $0.57 after.
        #expect(Self.close(why.change, -8.93))
        #expect(Self.close(why.part(.price), -8.93))
        for factor in ChangeDecomposition.Factor.allCases where factor != .price { #expect(why.part(factor) == 0, "\(factor)") }
        #expect(why.baseSlot == "gpt-4o" && why.headSlot == "gpt-4o-mini")
        let line = ReportFacts.whyLines([Comparison.Row(name: "summarize", baseCost: 9.5, headCost: 0.57, headRequests: 1000, change: -8.93, why: why)],
                                        limit: 5) { $0 }
        #expect(line == ["summarize: -$8.93 from price (gpt-4o → gpt-4o-mini)"])
    }

    @Test func volumeAndOutputDoublingShareTheInteractionEqually() {
        // C = N · O · $10/1M: 100 · 100 → 200 · 200 tokens: $0.10 → $0.40. Each factor alone adds $0.10, both
        // together $0.30; Shapley gives each ($0.10 + $0.20) / 2 = $0.15.
        let why = Self.decompose([Self.slot("a", requests: 100, input: 0, output: 10_000, rates: (1, 1, 10))],
                                 [Self.slot("a", requests: 200, input: 0, output: 40_000, rates: (1, 1, 10))])
        #expect(Self.close(why.part(.volume), 0.15))
        #expect(Self.close(why.part(.outputTokens), 0.15))
        #expect(Self.close(why.change, 0.30))
    }

    @Test func aRouterThatMovesSomeRecordsIsRoutingMix() {
        let why = Self.decompose(
            [Self.slot("gpt-4o", requests: 1000, input: 3e6, output: 2e5, rates: (2.5, 1.25, 10))],
            [Self.slot("gpt-4o", requests: 600, input: 1.8e6, output: 1.2e5, rates: (2.5, 1.25, 10)),
             Self.slot("gpt-4o-mini", requests: 400, input: 1.2e6, output: 8e4, rates: (0.15, 0.075, 0.6))])
        // $9.50 → $5.70 + $0.228.
        #expect(Self.close(why.part(.routingMix), -3.572))
        #expect(Self.close(why.part(.price), 0))
        #expect(why.headMainShare == 0.6)
        let label = ReportFacts.whyLabel(.routingMix, why) { $0 }
        #expect(label == "routing mix (60% of requests on gpt-4o)")
    }

    @Test func aNewRouteIsAllVolume() {
        let why = Self.decompose([], [Self.slot("a", requests: 1000, input: 3e6, cached: 1e6, output: 2e5, rates: (2.5, 1.25, 10))])
        #expect(Self.close(why.part(.volume), why.change))
        #expect(why.change > 0)
        #expect(ReportFacts.whyLabel(.volume, why) { $0 } == "a new route")
    }

    @Test func cacheHitsAreTheirOwnPart() {
        let why = Self.decompose([Self.slot("a", requests: 1000, input: 3e6, output: 2e5, rates: (3, 0.3, 15))],
                                 [Self.slot("a", requests: 1000, input: 3e6, cached: 1.5e6, output: 2e5, rates: (3, 0.3, 15))])
        // 1.5M tokens move from $3 to $0.30 per 1M: -$4.05.
        #expect(Self.close(why.part(.cacheHits), -4.05))
        #expect(Self.close(why.change, -4.05))
    }

    struct Case: Decodable {
        var name: String
        var base: [[String: String]]
        var head: [[String: String]]
        var change: String
        var parts: [String: String]
    }

    static func slots(_ rows: [[String: String]]) -> [Slot] {
        rows.map { row in
            let value = { (key: String) in Double(row[key] ?? "0") ?? .nan }
            return Slot(name: row["name"] ?? "", requests: value("requests"), inputTokens: value("input_tokens"),
                        cachedTokens: value("cached_tokens"), outputTokens: value("output_tokens"), inputCost: value("input_cost"),
                        cachedCost: value("cached_cost"), outputCost: value("output_cost"), otherCost: value("other_cost"))
        }
    }

    @Test func partsMatchThePythonDecimalOracleAndSumToTheChange() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: fixturesDirectory + "/decomposition/cases.json"))
        let cases = try JSONDecoder().decode([Case].self, from: data)
        #expect(cases.count >= 20)
        for vector in cases {
            let base = Self.slots(vector.base)
            let head = Self.slots(vector.head)
            let why = Self.decompose(base, head)
            let scale = max(ChangeDecomposition.Side(slots: base).total.cost, ChangeDecomposition.Side(slots: head).total.cost)
            let change = try #require(Double(vector.change))
            #expect(Self.close(why.change, change, scale: scale), "\(vector.name): change \(why.change) vs \(change)")
            #expect(Self.close(why.change, ChangeDecomposition.Side(slots: head).total.cost - ChangeDecomposition.Side(slots: base).total.cost,
                               scale: scale), "\(vector.name): C(head) − C(base) is the change")
            #expect(Self.close(why.parts.reduce(0, +), why.change, scale: scale), "\(vector.name): parts sum")
            for factor in ChangeDecomposition.Factor.allCases {
                let expected = try #require(Double(vector.parts[factor.rawValue] ?? ""))
                #expect(Self.close(why.part(factor), expected, scale: scale), "\(vector.name) \(factor): \(why.part(factor)) vs \(expected)")
            }
        }
    }

    /// The support-chatbot scenario's JSON report: its text, the report and its candidate.
    static func supportChatbot() throws -> (text: String, report: [String: Any], candidate: [String: Any]) {
        let scenario = "Scenarios/support-chatbot/"
        let result = runCLI(["check", "--plan", scenario + "costgate.json", "--base-plan", scenario + "costgate.base.json", "--format", "json"],
                            in: repositoryRoot)
        let report = try #require(try parseJSON(result.stdout) as? [String: Any])
        let candidate = try #require((report["candidates"] as? [[String: Any]])?.first)
        return (result.stdout, report, candidate)
    }

    @Test func everyRouteOfTheSupportChatbotScenarioSumsToItsChange() throws {
        let (_, report, candidate) = try Self.supportChatbot()
        let why = try #require(candidate["why"] as? [String: [String: Any]])
        let base = try #require((report["baseline"] as? [String: Any])?["by_route"] as? [String: [String: Double]])
        let head = try #require(candidate["by_route"] as? [String: [String: Double]])
        #expect(why.keys.sorted() == head.keys.sorted())
        for (route, entry) in why {
            let parts = try #require(entry["parts"] as? [String: Double])
            let change = (head[route]?["monthly_cost"] ?? 0) - (base[route]?["monthly_cost"] ?? 0)
            #expect((parts.values.reduce(0, +) - change).magnitude < 1e-6, "\(route)")
        }
        // summarize moves from gpt-4o to gpt-4o-mini with nothing else changed: all price.
        let summarize = try #require(why["summarize"]?["parts"] as? [String: Double])
        #expect((summarize["price"]! - (head["summarize"]!["monthly_cost"]! - base["summarize"]!["monthly_cost"]!)).magnitude < 1e-6)
        #expect(summarize["volume"] == 0 && summarize["routing_mix"] == 0)
        // chat's system prompt grows by 300 tokens: longer prompts carry the rise.
        let chat = try #require(why["chat"]?["parts"] as? [String: Double])
        #expect(chat["input_tokens"]! > 0 && chat["price"] == 0)
    }

    @Test func aSingleRateReadsBackAsTheListPrice() throws {
        // summarize's head is gpt-4o-mini at $0.15 / $0.075 / $0.60 per 1M tokens: its main prices are those rates
        // exactly (from picodollar sums), not scaled dollars over scaled tokens with a last bit left over.
        let (text, _, candidate) = try Self.supportChatbot()
        let head = try #require(((candidate["why"] as? [String: [String: Any]])?["summarize"]?["head"] as? [String: Any]))
        let price = try #require(head["main_price"] as? [String: Double])
        #expect(price["uncached_input_per_token"] == 1.5e-7)
        #expect(price["output_per_token"] == 6e-7)
        #expect(text.contains("\"output_per_token\": 0.0000006,"))
    }
}
