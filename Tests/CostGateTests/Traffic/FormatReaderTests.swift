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

    /// A key read through a mapped path, given twice, is an input error: LiteLLM's `custom_llm_provider` twice
    /// used to tag the record with both providers (found by the `commands` fuzz target, through a sample that
    /// `costgate` could not read back), and `completionStartTime` twice kept one of the two.
    @Test(arguments: [
        (#""custom_llm_provider": "x", "custom_llm_provider": "openai""#, "custom_llm_provider", "a record"),
        (#""custom_llm_provider": null, "custom_llm_provider": "openai""#, "custom_llm_provider", "a record"),
        (#""metadata": {"user_api_key_team_alias": "x"}, "metadata": {"user_api_key_team_alias": "support"}"#, "metadata", "a record"),
        (#""metadata": {"user_api_key_team_alias": "x", "user_api_key_team_alias": "support"}"#, "user_api_key_team_alias", "its object"),
        (#""completionStartTime": "2026-08-03T08:02:41Z", "completionStartTime": "2026-08-03T08:02:49Z""#, "completionStartTime", "a record"),
    ])
    func litellmRejectsARepeatedMappedKey(fragment: String, field: String, place: String) throws {
        let plan = try Self.plan(#"{"path": "s.jsonl", "format": "litellm"}"#)
        let line = #"{"startTime": "2026-08-03T08:02:40Z", "model": "gpt-4.1", "prompt_tokens": 10, "completion_tokens": 2, "# + fragment + "}"
        #expect {
            _ = try TrafficReader.read(Data(line.utf8), spec: plan.traffic, file: "s.jsonl", skipBadRecords: false)
        } throws: { error in
            error as? CostGateError == .badRecord(file: "s.jsonl", line: 1, field: field, expected: "each key once in \(place)",
                                                  found: "the key a second time")
        }
    }

    /// LiteLLM's TTFT is `completionStartTime` − `startTime`; a first token after the end of the request
    /// (`request_duration_ms` after the start) would give the latency model a negative time per output token. A call
    /// that does not stream has `completionStartTime` at `endTime`, so its TTFT equals the latency, and a latency written
    /// in whole milliseconds may fall short of it by a fraction: 1 ms is allowed.
    @Test(arguments: [
        ("2026-08-03T08:02:41.500Z", true), ("2026-08-03T08:02:43.000Z", true), ("2026-08-03T08:02:43.0009Z", true),
        ("2026-08-03T08:02:43.002Z", false), ("2026-08-03T08:03:40Z", false),
    ])
    func litellmRejectsAFirstTokenAfterTheEnd(firstToken: String, reads: Bool) throws {
        let plan = try Self.plan(#"{"path": "s.jsonl", "format": "litellm"}"#)
        let line = #"{"startTime": "2026-08-03T08:02:40Z", "model": "gpt-4.1", "prompt_tokens": 10, "completion_tokens": 2, "request_duration_ms": 3000, "completionStartTime": ""#
            + firstToken + #""}"#
        let result = Result { try TrafficReader.read(Data(line.utf8), spec: plan.traffic, file: "s.jsonl", skipBadRecords: false) }
        switch result {
        case .success(let traffic):
            #expect(reads && traffic.records.count == 1)
        case .failure(let error):
            guard case CostGateError.badRecord("s.jsonl", 1, "completionStartTime", let expected, _) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(!reads)
            #expect(expected == "a time no later than the end of the request (request_duration_ms 3000 ms after startTime)")
        }
    }

    @Test func aRepeatedKeyOnAPlanPathIsAnErrorInJSONLinesAndInACSVCell() throws {
        let jsonl = try Self.plan(#"{"path": "s.jsonl", "tags": {"team": "meta.team"}}"#)
        for (object, field) in [(#""meta": {"team": "a", "team": "b"}"#, "team"), (#""meta": {"team": "a"}, "meta": {}"#, "meta")] {
            let line = #"{"timestamp": 1, "input_tokens": 10, "output_tokens": 2, "# + object + "}"
            let error = try #require(Self.failure(line, spec: jsonl.traffic, file: "s.jsonl"))
            let place = field == "meta" ? "a record" : "its object"
            #expect(error == .badRecord(file: "s.jsonl", line: 1, field: field, expected: "each key once in \(place)", found: "the key a second time"))
        }
        let csv = try Self.plan(#"{"path": "s.csv", "tags": {"team": "meta.team"}}"#)
        let text = "timestamp,input_tokens,output_tokens,meta\n" + #"2025-11-03T00:00:00Z,10,2,"{""team"": ""a"", ""team"": ""b""}""# + "\n"
        let error = try #require(Self.failure(text, spec: csv.traffic, file: "s.csv"))
        #expect(error == .badRecord(file: "s.csv", line: 2, field: "team", expected: "each key once in its object", found: "the key a second time"))
    }

    /// OTLP attributes are a list, so a repeated key there never met the JSON reader's check: a second
    /// `gen_ai.usage.input_tokens` replaced the first (4,134 tokens became 9,999), a second model or tag was kept
    /// silently. OpenTelemetry requires an attribute collection's keys to be unique; protobuf's JSON mapping
    /// allows each field once and one kind in a value.
    @Test(arguments: [
        (#"{"key": "gen_ai.usage.input_tokens", "value": {"intValue": "9999"}}"#, "span 1 attribute gen_ai.usage.input_tokens",
         "each attribute key once in the span"),
        (#"{"key": "gen_ai.request.model", "value": {"stringValue": "gpt-4o"}}"#, "span 1 attribute gen_ai.request.model",
         "each attribute key once in the span"),
        (#"{"key": "app.customer_id", "value": {"stringValue": "acme"}}"#, "span 1 attribute app.customer_id",
         "each attribute key once in the span"),
        (#"{"key": "x", "value": {"stringValue": "a", "intValue": "3"}}"#, "span 1 attribute intValue", "one value kind in an attribute value"),
    ])
    func otlpRejectsARepeatedAttribute(attribute: String, field: String, expected: String) throws {
        let plan = try Self.plan(#"{"path": "t.jsonl", "format": "otlp", "tags": {"customer": "app.customer_id"}}"#)
        let attributes = #"{"key": "gen_ai.request.model", "value": {"stringValue": "gpt-4o-mini"}}, {"key": "app.customer_id", "value": {"stringValue": "globex"}}, "#
            + #"{"key": "gen_ai.usage.input_tokens", "value": {"intValue": "4134"}}, {"key": "gen_ai.usage.output_tokens", "value": {"intValue": "608"}}, "#
            + attribute
        let line = #"{"resourceSpans": [{"scopeSpans": [{"spans": [{"startTimeUnixNano": "1762128663970000000", "attributes": ["# + attributes + "]}]}]}]}"
        let error = try #require(Self.failure(line, spec: plan.traffic))
        #expect(error == .badRecord(file: "t.jsonl", line: 1, field: field, expected: expected, found: attribute.contains("intValue\": \"3") ? "a second kind" : "the key a second time"))
    }

    @Test(arguments: [
        (#""startTimeUnixNano": "1762128663970000000", "startTimeUnixNano": "1762128000000000000", "attributes": [ATTRIBUTES]"#, "span 1 attribute startTimeUnixNano"),
        (#""startTimeUnixNano": "1762128663970000000", "attributes": [], "attributes": [ATTRIBUTES]"#, "span 1 attribute attributes"),
    ])
    func otlpRejectsARepeatedSpanMember(members: String, field: String) throws {
        let plan = try Self.plan(#"{"path": "t.jsonl", "format": "otlp"}"#)
        let usage = #"{"key": "gen_ai.usage.input_tokens", "value": {"intValue": "4"}}, {"key": "gen_ai.usage.output_tokens", "value": {"intValue": "2"}}"#
        let span = "{" + members.replacingOccurrences(of: "ATTRIBUTES", with: usage) + "}"
        let error = try #require(Self.failure(#"{"resourceSpans": [{"scopeSpans": [{"spans": ["# + span + "]}]}]}", spec: plan.traffic))
        #expect(error == .badRecord(file: "t.jsonl", line: 1, field: field, expected: "each key once in its object", found: "the key a second time"))
    }

    /// A span's end is its latency: one before the start or more than a day after it is a bad record, as such a
    /// `latency_ms` is (it was read as a span without a latency); an end of 0, OTLP's unset value, gives none.
    @Test(arguments: [
        ("1762128663960000000", "nanoseconds at or after startTimeUnixNano (1762128663970000000)"),
        ("1762215063970000001", "at most a day (86,400,000,000,000 ns) after startTimeUnixNano (1762128663970000000)"),
    ])
    func otlpRejectsASpanEndingBeforeItStartsOrAfterADay(end: String, expected: String) throws {
        let plan = try Self.plan(#"{"path": "t.jsonl", "format": "otlp"}"#)
        let usage = #"{"key": "gen_ai.usage.input_tokens", "value": {"intValue": "4"}}, {"key": "gen_ai.usage.output_tokens", "value": {"intValue": "2"}}"#
        let span = #"{"startTimeUnixNano": "1762128663970000000", "endTimeUnixNano": "\#(end)", "attributes": [\#(usage)]}"#
        let error = try #require(Self.failure(#"{"resourceSpans": [{"scopeSpans": [{"spans": ["# + span + "]}]}]}", spec: plan.traffic))
        #expect(error == .badRecord(file: "t.jsonl", line: 1, field: "span 1 attribute endTimeUnixNano", expected: expected, found: end))
    }

    @Test func otlpSpanEndingADayAfterItStartsOrUnsetIsRead() throws {
        let plan = try Self.plan(#"{"path": "t.jsonl", "format": "otlp"}"#)
        let usage = #"{"key": "gen_ai.usage.input_tokens", "value": {"intValue": "4"}}, {"key": "gen_ai.usage.output_tokens", "value": {"intValue": "2"}}"#
        let lines = ["1762215063970000000", "0"].map { end in
            #"{"resourceSpans": [{"scopeSpans": [{"spans": [{"startTimeUnixNano": "1762128663970000000", "endTimeUnixNano": "\#(end)", "attributes": [\#(usage)]}]}]}]}"#
        }
        let traffic = try TrafficReader.read(Data(lines.joined(separator: "\n").utf8), spec: plan.traffic, file: "t.jsonl", skipBadRecords: false)
        #expect(traffic.records.count == 2)
        #expect(traffic.records[0].latencyMs == 86_400_000)
        #expect(traffic.records[1].latencyMs.isNaN)
    }

    @Test func otlpRejectsARepeatedResourceAttribute() throws {
        let plan = try Self.plan(#"{"path": "t.jsonl", "format": "otlp"}"#)
        let resource = #"{"attributes": [{"key": "service.name", "value": {"stringValue": "a"}}, {"key": "service.name", "value": {"stringValue": "b"}}]}"#
        let span = #"{"startTimeUnixNano": "1762128663970000000", "attributes": [{"key": "gen_ai.usage.input_tokens", "value": {"intValue": "4"}}, "#
            + #"{"key": "gen_ai.usage.output_tokens", "value": {"intValue": "2"}}]}"#
        let line = #"{"resourceSpans": [{"resource": "# + resource + #", "scopeSpans": [{"spans": ["# + span + "]}]}]}"
        let error = try #require(Self.failure(line, spec: plan.traffic))
        #expect(error == .badRecord(file: "t.jsonl", line: 1, field: "service.name", expected: "each attribute key once in the resource",
                                    found: "the key a second time"))
    }

    /// The error reading `text` with `spec` throws, or nil.
    static func failure(_ text: String, spec: TrafficSpec, file: String = "t.jsonl") -> CostGateError? {
        do throws(CostGateError) {
            _ = try TrafficReader.read(Data(text.utf8), spec: spec, file: file, skipBadRecords: false)
            return nil
        } catch {
            return error
        }
    }
}
