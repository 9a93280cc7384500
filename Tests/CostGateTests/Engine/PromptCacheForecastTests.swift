import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// The provider prompt-cache forecast (`PromptCacheForecast`) against an independent decimal oracle
/// (`Fixtures/promptcache/generate.py`): every record's cache reads, writes and cost in picodollars, and each
/// route's cached share, under the prompt-reorder scenario's base and head plans.
@Suite struct PromptCacheForecastTests {
    static let scenario = repositoryRoot + "/Scenarios/prompt-reorder"

    static func replay(_ planFile: String) throws -> (Replay, Traffic) {
        let planData = try Data(contentsOf: URL(fileURLWithPath: scenario + "/" + planFile))
        let plan = try PlanParser.parse(JSONParser.parse([UInt8](planData), file: planFile), file: planFile)
        let data = try Data(contentsOf: URL(fileURLWithPath: scenario + "/traffic.jsonl"))
        let traffic = try TrafficReader.read(data, spec: plan.traffic, file: "traffic.jsonl", skipBadRecords: false)
        let replay = try Replayer.replay(traffic, plan: plan, name: planFile, catalog: plan.catalog, prompts: PromptSizes(),
                                         reference: plan, referencePrompts: PromptSizes())
        return (replay, traffic)
    }

    @Test(arguments: [("base", "costgate.base.json"), ("head", "costgate.json")])
    func everyRecordMatchesTheOracle(side: String, planFile: String) throws {
        let oracle = try #require(try parseJSON(String(contentsOfFile: fixturesDirectory + "/promptcache/expected.json", encoding: .utf8)) as? [String: Any])
        let expected = try #require(oracle[side] as? [String: Any])
        let records = try #require(expected["records"] as? [[String: Any]])
        let (replay, traffic) = try Self.replay(planFile)
        #expect(records.count == traffic.records.count)
        let plan = try PlanParser.parse(JSONParser.parse([UInt8](Data(contentsOf: URL(fileURLWithPath: Self.scenario + "/" + planFile))), file: planFile), file: planFile)
        let forecast = try #require(PromptCacheForecast.forecast(traffic, plan: plan))
        var total: Int64 = 0
        for vector in records {
            let line = try #require(vector["line"] as? Int)
            let tokens = try #require(forecast.tokens(line - 1, input: traffic.records[line - 1].inputTokens))
            #expect(tokens.cached == Int64(try #require(vector["cached"] as? Int)), "line \(line)")
            #expect(tokens.write == Int64(try #require(vector["written"] as? Int)), "line \(line)")
            #expect(replay.picodollars[line - 1] == Int64(try #require(vector["picodollars"] as? String)), "line \(line)")
            total += replay.picodollars[line - 1]
        }
        #expect(String(total) == expected["total_picodollars"] as? String)
        let routes = try #require(expected["routes"] as? [String: [String: Any]])
        #expect(replay.promptCache.map(\.route) == routes.keys.sorted())
        for route in replay.promptCache {
            let want = try #require(routes[route.route])
            #expect(route.hits == want["hits"] as? Int)
            #expect(route.requests == want["requests"] as? Int)
            #expect(Int(route.cachedTokens) == want["cached_tokens"] as? Int)
            #expect(Int(route.writtenTokens) == want["written_tokens"] as? Int)
            let share = try #require(Double(want["cached_share"] as? String ?? ""))
            #expect(abs(route.cachedShare - share) <= 1e-12 * max(share, 1))
        }
    }

    @Test func aSlowerArrivalMissesAndAShortPrefixIsNotCached() throws {
        let json = """
        {"version": 1, "traffic": {"path": "t.jsonl"}, "routes": {"r": {"prompt_cache": {"ttl": "1h"}}}}
        """
        let plan = try PlanParser.parse(JSONParser.parse(Array(json.utf8), file: "p.json"), file: "p.json")
        let lines = [
            #"{"timestamp": 0, "model": "anthropic/claude-haiku-4.5", "route": "r", "input_tokens": 5000, "output_tokens": 1, "prefix_id": "a", "prefix_tokens": 3000}"#,
            #"{"timestamp": 3600, "model": "anthropic/claude-haiku-4.5", "route": "r", "input_tokens": 5000, "output_tokens": 1, "prefix_id": "a", "prefix_tokens": 3000}"#,
            #"{"timestamp": 7201, "model": "anthropic/claude-haiku-4.5", "route": "r", "input_tokens": 5000, "output_tokens": 1, "prefix_id": "a", "prefix_tokens": 3000}"#,
            #"{"timestamp": 7202, "model": "anthropic/claude-haiku-4.5", "route": "r", "input_tokens": 5000, "output_tokens": 1, "prefix_id": "b", "prefix_tokens": 1000}"#,
            #"{"timestamp": 7203, "model": "anthropic/claude-haiku-4.5", "route": "r", "input_tokens": 1500, "output_tokens": 1, "hash_ids": [1, 2, 3]}"#,
            #"{"timestamp": 7204, "model": "anthropic/claude-haiku-4.5", "route": "r", "input_tokens": 1500, "output_tokens": 1, "hash_ids": [1, 2, 9]}"#,
        ]
        let traffic = try TrafficReader.read(Data(lines.joined(separator: "\n").utf8), spec: plan.traffic, file: "t.jsonl", skipBadRecords: false)
        let forecast = try #require(PromptCacheForecast.forecast(traffic, plan: plan))
        let tokens = (0..<6).map { forecast.tokens($0, input: traffic.records[$0].inputTokens)! }
        #expect(tokens[0] == (0, 0, 3000))      // first use: a 1-hour write
        #expect(tokens[1] == (3000, 0, 0))      // exactly 3,600 s later: still alive
        #expect(tokens[2] == (0, 0, 3000))      // 3,601 s after the last use: expired
        #expect(tokens[3] == (0, 0, 0))         // 1,000 tokens: under the 1,024 minimum
        #expect(tokens[4] == (0, 0, 1500))      // three 512-token blocks, capped at the prompt
        #expect(tokens[5] == (1024, 0, 476))    // the first two blocks are cached
    }
}
