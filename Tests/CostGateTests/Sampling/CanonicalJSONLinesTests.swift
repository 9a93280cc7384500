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
}
