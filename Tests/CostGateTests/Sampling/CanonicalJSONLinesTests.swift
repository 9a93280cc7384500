import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// The canonical writer keeps what reconciliation needs: a record's provider-billed cost reads back unchanged.
@Suite struct CanonicalJSONLinesTests {
    @Test func billedCostSurvivesARoundTrip() throws {
        let line = #"{"timestamp": 1, "model": "gpt-4.1", "route": "r", "input_tokens": 10, "output_tokens": 2, "billed_cost_usd": 0.000123456789}"#
        let spec = TrafficSpec(path: "t.jsonl", format: .jsonl)
        let traffic = try TrafficReader.read(Data(line.utf8), spec: spec, file: "t.jsonl", skipBadRecords: false)
        #expect(traffic.records[0].billedCostUSD == 0.000123456789)
        let written = CanonicalJSONLines.line(traffic.records[0], weight: 1, in: traffic)
        #expect(written.contains(#""billed_cost_usd": 0.000123456789"#))
        let again = try TrafficReader.read(Data(written.utf8), spec: spec, file: "t.jsonl", skipBadRecords: false)
        #expect(again.records[0].billedCostUSD == traffic.records[0].billedCostUSD)
        let plain = try TrafficReader.read(Data(#"{"timestamp": 1, "input_tokens": 10, "output_tokens": 2}"#.utf8), spec: spec, file: "t.jsonl", skipBadRecords: false)
        #expect(plain.records[0].billedCostUSD.isNaN)
        #expect(!CanonicalJSONLines.line(plain.records[0], weight: 1, in: plain).contains("billed_cost_usd"))
    }

    @Test func aNegativeBilledCostIsAnInputError() {
        let line = #"{"timestamp": 1, "input_tokens": 10, "output_tokens": 2, "billed_cost_usd": -1}"#
        #expect(throws: CostGateError.self) {
            try TrafficReader.read(Data(line.utf8), spec: TrafficSpec(path: "t.jsonl", format: .jsonl), file: "t.jsonl", skipBadRecords: false)
        }
    }

    // Everything that bills or classifies a record survives `costgate sample`'s writer: read a usage report, write
    // it canonically, read that back as plain JSON Lines, and the billing fields are the same.
    @Test func aSampledUsageRowKeepsItsTierAndEveryBillingField() throws {
        let report = """
        {"data": [{"starting_at": "2026-11-01T00:00:00Z", "ending_at": "2026-11-02T00:00:00Z", "results": [
          {"model": "claude-sonnet-4-5-20250929", "uncached_input_tokens": 250000, "cache_read_input_tokens": 40000,
           "cache_creation": {"ephemeral_5m_input_tokens": 1000, "ephemeral_1h_input_tokens": 2000},
           "output_tokens": 3000, "context_window": "200k-1M", "service_tier": "standard", "workspace_id": "w1"},
          {"model": "claude-sonnet-4-5-20250929", "uncached_input_tokens": 250000, "cache_read_input_tokens": 0,
           "cache_creation": {"ephemeral_5m_input_tokens": 0, "ephemeral_1h_input_tokens": 0},
           "output_tokens": 3000, "context_window": "0-200k", "service_tier": "standard", "workspace_id": "w1"}]}],
         "has_more": false}
        """
        let usage = try TrafficReader.read(Data(report.utf8), spec: TrafficSpec(path: "u.json", format: .anthropicUsage),
                                           file: "u.json", skipBadRecords: false)
        #expect(usage.records.map(\.contextWindowCode) == [2, 1])
        let lines = usage.records.map { CanonicalJSONLines.line($0, weight: $0.weight, in: usage) }.joined()
        #expect(lines.contains(#""context_window": "200k-1M""#) && lines.contains(#""context_window": "0-200k""#))
        let again = try TrafficReader.read(Data(lines.utf8), spec: TrafficSpec(path: "s.jsonl", format: .jsonl),
                                           file: "s.jsonl", skipBadRecords: false)
        for (a, b) in zip(usage.records, again.records) {
            #expect(a.contextWindowCode == b.contextWindowCode)
            #expect(a.inputTokens == b.inputTokens && a.cachedInputTokens == b.cachedInputTokens)
            #expect(a.cacheWriteInputTokens == b.cacheWriteInputTokens && a.cacheWrite1hInputTokens == b.cacheWrite1hInputTokens)
            #expect(a.outputTokens == b.outputTokens && a.serviceTierCode == b.serviceTierCode)
            #expect(usage.strings[a.model] == again.strings[b.model])
        }
    }

    @Test func cacheHitOutcomeAndPromptHashSurviveARoundTrip() throws {
        let line = #"{"timestamp": 1, "model": "gpt-4.1", "route": "faq", "input_tokens": 10, "output_tokens": 2, "cache_hit": true, "outcome": "failure", "prompt_hash": "q-17"}"#
        let spec = TrafficSpec(path: "t.jsonl", format: .jsonl)
        let traffic = try TrafficReader.read(Data(line.utf8), spec: spec, file: "t.jsonl", skipBadRecords: false)
        let written = CanonicalJSONLines.line(traffic.records[0], weight: 1, in: traffic)
        let again = try TrafficReader.read(Data(written.utf8), spec: spec, file: "t.jsonl", skipBadRecords: false)
        #expect(again.records[0].cacheHitCode == 2 && again.records[0].outcomeCode == 2)
        #expect(again.strings[again.records[0].promptHash] == "q-17")
    }

    @Test func anUnknownContextWindowIsAnInputError() {
        let line = #"{"timestamp": 1, "input_tokens": 10, "output_tokens": 2, "context_window": "1M+"}"#
        #expect(throws: CostGateError.self) {
            try TrafficReader.read(Data(line.utf8), spec: TrafficSpec(path: "t.jsonl", format: .jsonl), file: "t.jsonl", skipBadRecords: false)
        }
    }
}
