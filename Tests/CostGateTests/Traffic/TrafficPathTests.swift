import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// Dotted paths into nested objects (`traffic.columns`, `traffic.tags`), and the value vocabularies real logs
/// write: status words and HTTP codes, `key:value` tag lists, numbers as strings, latency in seconds.
@Suite struct TrafficPathTests {
    typealias Support = TrafficTestSupport

    /// A logged Chat Completions response, read with a mapping.
    static let chatCompletion = #"{"created": 1760000000, "model": "gpt-4o-2024-08-06", "#
        + #""usage": {"prompt_tokens": 1200, "completion_tokens": 300, "total_tokens": 1500, "#
        + #""prompt_tokens_details": {"cached_tokens": 1024, "audio_tokens": 0}, "#
        + #""completion_tokens_details": {"reasoning_tokens": 64}}, "#
        + #""metadata": {"team": {"alias": "support", "id": 7}, "user": "u1"}, "choices": [{"index": 0}]}"#

    static func chatSpec() -> TrafficSpec {
        var spec = Support.jsonl(columns: [
            "timestamp": "created", "input_tokens": "usage.prompt_tokens", "output_tokens": "usage.completion_tokens",
            "cached_input_tokens": "usage.prompt_tokens_details.cached_tokens",
            "reasoning_tokens": "usage.completion_tokens_details.reasoning_tokens",
        ])
        spec.tags = ["team": "metadata.team.alias", "team_id": "metadata.team.id", "user": "metadata.user"]
        return spec
    }

    @Test func dottedPathsReadNestedObjects() throws {
        let traffic = try Support.read(Self.chatCompletion, spec: Self.chatSpec())
        let record = try #require(traffic.records.first)
        #expect(record.inputTokens == 1200 && record.cachedInputTokens == 1024)
        #expect(record.outputTokens == 300 && record.reasoningTokens == 64)
        #expect(traffic.strings[record.model] == "gpt-4o-2024-08-06")
        let tags = Dictionary(uniqueKeysWithValues: traffic.tagSets[Int(record.tagSet)].map { (traffic.strings[$0.key], traffic.strings[$0.value]) })
        #expect(tags == ["team": "support", "team_id": "7", "user": "u1"])
    }

    @Test func aMissingNestedFieldIsNamedByItsPath() {
        let line = #"{"created": 1, "usage": {"completion_tokens": 3}}"#
        guard case .badRecord(_, 1, let field, let expected, _)? = Support.failure(line, spec: Self.chatSpec()) else {
            Issue.record("expected a bad record")
            return
        }
        #expect(field == "usage.prompt_tokens")
        #expect(expected.contains("required"))
    }

    @Test func aBadNestedValueIsNamedByItsPath() {
        let line = #"{"created": 1, "usage": {"prompt_tokens": -4, "completion_tokens": 3}}"#
        guard case .badRecord(_, 1, let field, _, let found)? = Support.failure(line, spec: Self.chatSpec()) else {
            Issue.record("expected a bad record")
            return
        }
        #expect(field == "usage.prompt_tokens")
        #expect(found == "'-4'")
    }

    @Test func aNullOrScalarWhereAnObjectIsExpectedIsAbsent() throws {
        let line = #"{"created": 1, "usage": {"prompt_tokens": 5, "completion_tokens": 3, "prompt_tokens_details": null}, "metadata": "x"}"#
        let record = try #require(try Support.read(line, spec: Self.chatSpec()).records.first)
        #expect(record.cachedInputTokens == 0)
    }

    @Test(arguments: [
        (#""status": "success""#, false), (#""status": "failure""#, true), (#""status": 200"#, false),
        (#""status": 429"#, true), (#""status": "503""#, true), (#""status": "ok""#, false),
    ])
    func statusVocabularies(fragment: String, isError: Bool) throws {
        let record = try #require(try Support.read(Support.line(fragment)).records.first)
        #expect(record.isError == isError)
    }

    @Test func tagListsOfKeyValueStrings() throws {
        let traffic = try Support.read(Support.line(#""tags": ["team:support", "customer:globex", "beta"]"#))
        let record = try #require(traffic.records.first)
        let tags = Dictionary(uniqueKeysWithValues: traffic.tagSets[Int(record.tagSet)].map { (traffic.strings[$0.key], traffic.strings[$0.value]) })
        #expect(tags == ["team": "support", "customer": "globex", "beta": "true"])
    }

    @Test func numbersWrittenAsStrings() throws {
        let line = #"{"timestamp": "1760000000", "input_tokens": "4134", "output_tokens": "608", "latency_ms": "12.5"}"#
        let record = try #require(try Support.read(line).records.first)
        #expect(record.timestamp == 1_760_000_000 && record.inputTokens == 4134 && record.outputTokens == 608)
        #expect(record.latencyMs == 12.5)
        #expect(Support.failure(#"{"timestamp": 1, "input_tokens": "41x", "output_tokens": 1}"#) != nil)
    }

    @Test func latencyInDeclaredSeconds() throws {
        var spec = Support.jsonl()
        spec.latencyUnit = .s
        let record = try #require(try Support.read(Support.line(#""latency_ms": 9.436, "ttft_ms": 0.311"#), spec: spec).records.first)
        #expect(abs(record.latencyMs - 9436) < 1e-9 && abs(record.ttftMs - 311) < 1e-9)
        #expect(Support.failure(Support.line(#""latency_ms": 86401"#), spec: spec) != nil)
    }

    @Test(arguments: [
        (#"{"columns": {"input_tokens": "usage.x", "output_tokens": "usage.x"}}"#, "each path named once"),
        (#"{"columns": {"input_tokens": "usage", "output_tokens": "usage.x"}}"#, "none inside another"),
        (#"{"tags": {"model": "metadata.m"}}"#, "not canonical field names"),
        (#"{"columns": {"input_tokens": "usage..x"}}"#, "without empty segments"),
    ])
    func badPathsArePlanErrors(traffic: String, message: String) throws {
        var object = try #require(try parseJSON(traffic) as? [String: Any])
        object["path"] = "t.jsonl"
        let text = String(decoding: try JSONSerialization.data(withJSONObject: ["version": 1, "traffic": object]), as: UTF8.self)
        #expect {
            _ = try PlanParser.parse(JSONParser.parse(Array(text.utf8), file: "p"), file: "p")
        } throws: { "\($0)".contains(message) }
    }

    @Test func aCSVColumnRenamedAsATag() throws {
        var spec = Support.csv()
        spec.tags = ["team": "team_alias"]
        let traffic = try Support.read("timestamp,input_tokens,output_tokens,team_alias\n1,10,2,support\n", spec: spec)
        let record = try #require(traffic.records.first)
        let tags = traffic.tagSets[Int(record.tagSet)].map { "\(traffic.strings[$0.key])=\(traffic.strings[$0.value])" }
        #expect(tags == ["team=support"])
    }
}
