import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// Each named source format read from a sample in the producer's documented shape equals the canonical records
/// an independent reading of the documented mapping gives (`Fixtures/formats/generate.py`, Python's json module).
@Suite struct FormatReaderTests {
    static let folder = fixturesDirectory + "/formats"

    static func plan(_ traffic: String) throws -> Plan {
        let text = #"{"version": 1, "traffic": "# + traffic + "}"
        return try PlanParser.parse(JSONParser.parse(Array(text.utf8), file: "p"), file: "p")
    }

    @Test(arguments: [
        ("litellm", "spend_logs.jsonl"), ("langfuse", "observations_v2.jsonl"), ("helicone", "helicone_export.jsonl"),
        ("otlp", "traces.otlp.jsonl"), ("litellm", "spend_logs.csv"), ("langfuse", "observations_v2.csv"),
    ])
    func sampleMatchesTheDocumentedMapping(format: String, file: String) throws {
        let plan = try Self.plan(#"{"path": ""# + file + #"", "format": ""# + format + #""}"#)
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.folder + "/\(format)/\(file)"))
        let traffic = try TrafficReader.read(data, spec: plan.traffic, file: file, skipBadRecords: false)
        let expected = try #require(try parseJSON(String(contentsOfFile: Self.folder + "/\(format)/expected.json", encoding: .utf8)) as? [[String: Any]])
        #expect(traffic.records.count == expected.count)
        func number(_ value: Any?) -> Double? { (value as? Double) ?? (value as? Int).map(Double.init) }
        for (index, (record, wanted)) in zip(traffic.records, expected).enumerated() {
            let label = "\(format) record \(index + 1)"
            #expect(abs(record.timestamp - (number(wanted["timestamp"]) ?? .nan)) < 1e-6, "\(label) timestamp")
            #expect(traffic.strings[record.model] == wanted["model"] as? String, "\(label) model")
            if let route = wanted["route"] as? String { #expect(traffic.strings[record.route] == route, "\(label) route") }
            #expect(record.inputTokens == (wanted["input_tokens"] as? Int).map(Int64.init), "\(label) input")
            #expect(record.cachedInputTokens == (wanted["cached_input_tokens"] as? Int).map(Int64.init), "\(label) cached")
            #expect(record.cacheWriteInputTokens == (wanted["cache_write_input_tokens"] as? Int).map(Int64.init), "\(label) writes")
            #expect(record.outputTokens == (wanted["output_tokens"] as? Int).map(Int64.init), "\(label) output")
            #expect(record.reasoningTokens == (wanted["reasoning_tokens"] as? Int).map(Int64.init), "\(label) reasoning")
            for (key, value) in [("latency_ms", record.latencyMs), ("ttft_ms", record.ttftMs)] {
                if let wantedValue = number(wanted[key]) {
                    #expect(abs(value - wantedValue) <= 1e-9 * max(1, wantedValue), "\(label) \(key)")
                } else {
                    #expect(value.isNaN, "\(label) \(key)")
                }
            }
            #expect(record.isError == wanted["is_error"] as? Bool, "\(label) status")
            let tags = Dictionary(uniqueKeysWithValues: traffic.tagSets[Int(record.tagSet)].map { (traffic.strings[$0.key], traffic.strings[$0.value]) })
            #expect(tags == wanted["tags"] as? [String: String], "\(label) tags")
        }
        // Every model id in the sample, dated snapshots included, resolves to a catalog row.
        for record in traffic.records {
            #expect(PriceCatalog.builtIn.lookup(traffic.strings[record.model]) != nil, "\(traffic.strings[record.model])")
        }
    }

    @Test func litellmBadInputNamesLineAndPath() throws {
        let plan = try Self.plan(#"{"path": "s.jsonl", "format": "litellm"}"#)
        let line = #"{"startTime": "2025-11-03T00:11:03.970", "model": "gpt-4o", "prompt_tokens": 10, "completion_tokens": 2, "metadata": {"usage_object": {"prompt_tokens_details": {"cached_tokens": "many"}}}}"#
        #expect {
            _ = try TrafficReader.read(Data(("\n" + line + "\n").utf8), spec: plan.traffic, file: "s.jsonl", skipBadRecords: false)
        } throws: { error in
            guard case CostGateError.badRecord(let file, let at, let field, _, _) = error else { return false }
            return file == "s.jsonl" && at == 2 && field == "metadata.usage_object.prompt_tokens_details.cached_tokens"
        }
    }

    @Test func litellmFieldsThePlanDidNotAskForNeverReject() throws {
        let plan = try Self.plan(#"{"path": "s.jsonl", "format": "litellm"}"#)
        // `cache_hit: "False"`, a request id and an unknown object are neither tags nor errors.
        let line = #"{"startTime": "2025-11-03T00:11:03.970", "model": "gpt-4o", "prompt_tokens": 10, "completion_tokens": 2, "request_id": "r1", "cache_hit": "False", "tags": 4, "weird": {"a": [1]}}"#
        let traffic = try TrafficReader.read(Data(line.utf8), spec: plan.traffic, file: "s.jsonl", skipBadRecords: false)
        #expect(traffic.tagSets[Int(traffic.records[0].tagSet)].isEmpty)
    }

    @Test func otlpBadUsageNamesLineSpanAndAttribute() throws {
        let plan = try Self.plan(#"{"path": "t.jsonl", "format": "otlp"}"#)
        let span = #"{"startTimeUnixNano": "1762128663970000000", "attributes": [{"key": "gen_ai.usage.input_tokens", "value": {"intValue": "12x"}}]}"#
        let line = #"{"resourceSpans": [{"scopeSpans": [{"spans": [{"name": "http"}, "# + span + "]}]}]}"
        #expect {
            _ = try TrafficReader.read(Data(("{}\n" + line + "\n").utf8), spec: plan.traffic, file: "t.jsonl", skipBadRecords: false)
        } throws: { error in
            guard case CostGateError.badRecord(let file, let at, let field, _, let found) = error else { return false }
            return file == "t.jsonl" && at == 2 && field == "span 2 attribute gen_ai.usage.input_tokens" && found == "'12x'"
        }
    }

    @Test func otlpTagsAreAttributeKeysOnTheSpanThenTheResource() throws {
        let plan = try Self.plan(#"{"path": "t.jsonl", "format": "otlp", "tags": {"customer": "app.customer_id", "env": "deployment.environment.name"}}"#)
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.folder + "/otlp/traces.otlp.jsonl"))
        let traffic = try TrafficReader.read(data, spec: plan.traffic, file: "t.jsonl", skipBadRecords: false)
        let first = Dictionary(uniqueKeysWithValues: traffic.tagSets[Int(traffic.records[0].tagSet)].map { (traffic.strings[$0.key], traffic.strings[$0.value]) })
        #expect(first["customer"] == "globex" && first["env"] == "production" && first["service"] == "support-bot")
    }

    @Test func jsonInACSVCellIsReadByPathAndABadCellNamesLineAndPath() throws {
        let plan = try Self.plan(#"{"path": "s.csv", "columns": {"cached_input_tokens": "meta.usage.cached"}, "tags": {"team": "meta.team"}}"#)
        let header = "timestamp,input_tokens,output_tokens,meta\n"
        let good = #"2025-11-03T00:00:00Z,10,2,"{""usage"": {""cached"": 4}, ""team"": ""search""}""# + "\n"
        let traffic = try TrafficReader.read(Data((header + good).utf8), spec: plan.traffic, file: "s.csv", skipBadRecords: false)
        #expect(traffic.records[0].cachedInputTokens == 4 && traffic.tag("team", of: traffic.records[0]) == "search")
        for (cell, field) in [(#""{""usage"": {""cached"": ""x""}}""#, "meta.usage.cached"), ("not json", "meta")] {
            #expect {
                _ = try TrafficReader.read(Data((header + good + "2025-11-03T00:00:01Z,10,2," + cell + "\n").utf8), spec: plan.traffic, file: "s.csv", skipBadRecords: false)
            } throws: { error in
                guard case CostGateError.badRecord(let file, let line, let at, _, _) = error else { return false }
                return file == "s.csv" && line == 3 && at == field
            }
        }
    }

    @Test func otlpAndUsageReportsAsCSVArePlanErrors() {
        #expect { _ = try Self.plan(#"{"path": "s.csv", "format": "otlp"}"#) } throws: { "\($0)".contains("no CSV form") }
        #expect { _ = try Self.plan(#"{"path": "s.csv.gz", "format": "openai-usage"}"#) } throws: { "\($0)".contains("no CSV form") }
    }
}
