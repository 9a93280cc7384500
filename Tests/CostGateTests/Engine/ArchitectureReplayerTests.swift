import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// What the replay of a router or semantic cache refuses, and the traffic fields it reads.
@Suite struct ArchitectureReplayerTests {
    static func replay(route: String, lines: [String]) throws -> Replay {
        let text = #"{"version": 1, "traffic": {"path": "t.jsonl", "window_hours": 1}, "models": {"acme/embed": {"input_per_mtok": 0.02, "output_per_mtok": 0}}, "routes": {"support": "# + route + "}}"
        let plan = try PlanParser.parse(JSONParser.parse(Array(text.utf8), file: "costgate.json"), file: "costgate.json")
        let traffic = try TrafficReader.read(Data(lines.joined(separator: "\n").utf8), spec: plan.traffic, file: "t.jsonl", skipBadRecords: false)
        return try Replayer.replay(traffic, plan: plan, name: "plan", catalog: plan.catalog, prompts: PromptSizes(),
                                   reference: plan, referencePrompts: PromptSizes())
    }

    static func message(route: String, lines: [String]) -> String {
        do {
            _ = try replay(route: route, lines: lines)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    static let line = #"{"timestamp": 1, "route": "support", "model": "openai/gpt-4o", "input_tokens": 1000, "output_tokens": 100, "team": "search"}"#

    @Test func aRuleOnAnUnknownTagSuggestsTheKnownOnes() {
        let route = #"{"router": {"tiers": [{"name": "a", "model": "openai/gpt-4o-mini", "share": 1, "when": {"teams": "search"}}]}}"#
        let message = Self.message(route: route, lines: [Self.line])
        #expect(message.contains("'routes.support.router.tiers[0].when.teams'") && message.contains("did you mean 'team'"), "\(message)")
    }

    @Test func anUnknownTierModelSuggests() {
        let route = #"{"router": {"tiers": [{"name": "a", "model": "openai/gpt-4o-mnii", "share": 1}]}}"#
        let message = Self.message(route: route, lines: [Self.line])
        #expect(message.contains("routes.support.router.tiers[0].model"), "\(message)")
    }

    @Test func aMeasuredHitRateNeedsRecordsToMeasure() {
        let route = #"{"model": "openai/gpt-4o", "semantic_cache": {"hit_rate": "measured", "ttl_s": 60, "embedding": {"model": "acme/embed"}}}"#
        let message = Self.message(route: route, lines: [Self.line])
        #expect(message.contains("'routes.support.semantic_cache.hit_rate': expected records of route 'support' with cache_hit or prompt_hash"), "\(message)")
        let noTTL = #"{"model": "openai/gpt-4o", "semantic_cache": {"hit_rate": "measured", "embedding": {"model": "acme/embed"}}}"#
        let hashed = Self.line.replacingOccurrences(of: "}", with: #", "prompt_hash": "x"}"#)
        #expect(Self.message(route: noTTL, lines: [hashed]).contains("'routes.support.semantic_cache.ttl_s'"))
    }

    @Test func promptHashRepeatsWithinTheTTLAreHitsAndHitsDoNotRefreshTheEntry() throws {
        let route = #"{"model": "openai/gpt-4o", "semantic_cache": {"hit_rate": "measured", "ttl_s": 60, "embedding": {"model": "acme/embed"}}}"#
        // Seconds 0 (miss, stored until 60), 30 (hit), 61 (miss: expired, stored until 121), 100 (hit), and a cache_hit false.
        let lines = [0, 30, 61, 100].map { Self.line.replacingOccurrences(of: #""timestamp": 1"#, with: #""timestamp": \#($0)"#)
            .replacingOccurrences(of: "}", with: #", "prompt_hash": "p"}"#) }
            + [Self.line.replacingOccurrences(of: "}", with: #", "cache_hit": false, "outcome": "success"}"#)]
        let replay = try Self.replay(route: route, lines: lines)
        let ledger = try #require(replay.architecture)
        #expect(ledger.entries.sorted { $0.record < $1.record }.map(\.hitShare) == [0, 1, 0, 1, 0])
        // A hit pays only the embedding call: 1,000 tokens at $0.02 / 1M.
        #expect(replay.picodollars[1] == 20_000_000)
        #expect(replay.picodollars[0] > replay.picodollars[1])
    }

    @Test func newTrafficFieldsAreRead() throws {
        let spec = TrafficSpec(path: "t.jsonl", format: .jsonl)
        let text = [#"{"timestamp": 1, "input_tokens": 1, "output_tokens": 1, "cache_hit": true, "prompt_hash": "a", "outcome": "failure"}"#,
                    #"{"timestamp": 2, "input_tokens": 1, "output_tokens": 1, "cache_hit": "False", "outcome": "Success"}"#].joined(separator: "\n")
        let traffic = try TrafficReader.read(Data(text.utf8), spec: spec, file: "t.jsonl", skipBadRecords: false)
        #expect(traffic.records.map(\.cacheHitCode) == [2, 1])
        #expect(traffic.records.map(\.outcomeCode) == [2, 1])
        #expect(traffic.records[0].promptHash >= 0 && traffic.strings[traffic.records[0].promptHash] == "a")
        #expect(traffic.records[1].promptHash == -1)
        let bad = #"{"timestamp": 1, "input_tokens": 1, "output_tokens": 1, "outcome": "maybe"}"#
        #expect {
            _ = try TrafficReader.read(Data(bad.utf8), spec: spec, file: "t.jsonl", skipBadRecords: false)
        } throws: { "\($0)".contains("t.jsonl:1") && "\($0)".contains("'success' or 'failure' (any case)") }
    }

    @Test func outcomeAndCacheHitDefaultsApplyAndABadOneIsAnError() throws {
        var spec = TrafficSpec(path: "t.jsonl", format: .jsonl)
        spec.defaults = ["outcome": "success", "cache_hit": "false"]
        let text = [#"{"timestamp": 1, "input_tokens": 1, "output_tokens": 1}"#,
                    #"{"timestamp": 2, "input_tokens": 1, "output_tokens": 1, "outcome": "failure", "cache_hit": true}"#].joined(separator: "\n")
        let traffic = try TrafficReader.read(Data(text.utf8), spec: spec, file: "t.jsonl", skipBadRecords: false)
        #expect(traffic.records.map(\.outcomeCode) == [1, 2])
        #expect(traffic.records.map(\.cacheHitCode) == [1, 2])
        spec.defaults = ["outcome": "resolved"]
        #expect {
            _ = try TrafficReader.read(Data(text.utf8), spec: spec, file: "t.jsonl", skipBadRecords: false)
        } throws: { "\($0)".contains("traffic.defaults.outcome") }
    }
}
