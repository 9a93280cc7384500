import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// Usage reports (`openai-usage`, `anthropic-usage`) read into records whose weighted tokens and weighted cost
/// equal, exactly, the totals of each row and the provider's price of them, computed independently
/// (`Fixtures/formats/generate_usage.py`, Python's decimal module).
@Suite struct UsageReportTests {
    static let folder = fixturesDirectory + "/formats"

    static func plan(_ traffic: String) throws -> Plan {
        let text = #"{"version": 1, "traffic": "# + traffic + "}"
        return try PlanParser.parse(JSONParser.parse(Array(text.utf8), file: "p"), file: "p")
    }

    static func read(_ format: String, _ file: String, chunkCount: Int? = nil) throws -> (Plan, Traffic) {
        let plan = try plan(#"{"path": ""# + file + #"", "format": ""# + format + #""}"#)
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/\(format)/\(file)"))
        let traffic = try TrafficReader.read(data, spec: plan.traffic, file: file, skipBadRecords: false, chunkCount: chunkCount)
        return (plan, traffic)
    }

    @Test(arguments: [
        ("openai-usage", "usage_page_24h.json"), ("openai-usage", "usage_pages_1h.jsonl"), ("openai-usage", "edge_pages.jsonl"),
        ("anthropic-usage", "usage_report_24h.json"), ("anthropic-usage", "usage_report_1h.json"),
        ("anthropic-usage", "edge_report.json"),
    ])
    func rowsKeepTheirTotalsAndTheirPrice(format: String, file: String) throws {
        let (plan, traffic) = try Self.read(format, file)
        let expected = try #require(try parseJSON(String(contentsOfFile: Self.folder + "/\(format)/\(file).expected.json", encoding: .utf8)) as? [String: Any])
        let rows = try #require(expected["rows"] as? [[String: Any]])
        let replay = try Replayer.replay(traffic, plan: plan, name: "p", catalog: plan.catalog, prompts: PromptSizes(),
                                         reference: plan, referencePrompts: PromptSizes())
        // Sum each row's records: weights are whole request counts, so every product and sum is an exact integer.
        struct Totals: Equatable { var parts = [Int64](repeating: 0, count: 5); var requests: Int64 = 0; var picodollars: Int64 = 0 }
        var byKey: [String: Totals] = [:]
        var total: Int64 = 0
        for (index, record) in traffic.records.enumerated() {
            let weight = try #require(Int64(exactly: record.weight))
            let tags = traffic.tagSets[Int(record.tagSet)].map { (traffic.strings[$0.key], traffic.strings[$0.value]) }
                .sorted { $0.0 < $1.0 }.map { "\"\($0.0)\": \"\($0.1)\"" }.joined(separator: ", ")
            let key = "\(Int64(record.timestamp))|\(traffic.strings[record.model])|{\(tags)}|\(record.serviceTier?.name ?? "standard")|\(record.contextWindowCode)"
            var totals = byKey[key] ?? Totals()
            let uncached = record.inputTokens - record.cachedInputTokens - record.cacheWriteInputTokens - record.cacheWrite1hInputTokens
            for (slot, tokens) in [uncached, record.cachedInputTokens, record.cacheWriteInputTokens, record.cacheWrite1hInputTokens, record.outputTokens].enumerated() {
                totals.parts[slot] += weight * tokens
            }
            totals.requests += weight
            totals.picodollars += weight * replay.picodollars[index]
            byKey[key] = totals
            total += weight * replay.picodollars[index]
        }
        var wanted: [String: Totals] = [:]
        for row in rows {
            let key = try #require(row["key"] as? String)
            let tokens = try #require(row["tokens"] as? [String: Int])
            var totals = wanted[key] ?? Totals()
            for (slot, part) in ["uncached", "cached", "write5m", "write1h", "output"].enumerated() { totals.parts[slot] += Int64(tokens[part]!) }
            let requests = try #require(row["requests"] as? Int)
            let cost = try #require(row["picodollars"] as? String)
            totals.requests += Int64(requests)
            totals.picodollars += Int64(cost) ?? -1
            wanted[key] = totals
        }
        #expect(byKey == wanted)
        let wantedTotal = try #require(expected["picodollars"] as? String)
        #expect(total == Int64(wantedTotal))
        #expect(traffic.coveredSeconds == (expected["covered_seconds"] as? Double) ?? (expected["covered_seconds"] as? Int).map(Double.init))
        #expect(traffic.aggregateRows == rows.count)
        // A record is within one token of its row's per-request mean.
        #expect(replay.billing.allSatisfy { $0 == .priced })
    }

    @Test func chunkingDoesNotChangeTheRecords() throws {
        let (_, whole) = try Self.read("openai-usage", "usage_pages_1h.jsonl", chunkCount: 1)
        let (_, split) = try Self.read("openai-usage", "usage_pages_1h.jsonl", chunkCount: 5)
        #expect(whole.sameRecords(as: split))
        #expect(whole.coveredSeconds == split.coveredSeconds && whole.aggregateRows == split.aggregateRows)
    }

    @Test func aRowSplitsIntoRecordsWithinOneTokenOfTheMean() throws {
        let page = #"{"data": [{"start_time": 0, "end_time": 3600, "results": [{"input_tokens": 1000003, "input_cached_tokens": 800001, "output_tokens": 10007, "num_model_requests": 7, "model": "gpt-4.1"}]}]}"#
        let plan = try Self.plan(#"{"path": "u.json", "format": "openai-usage"}"#)
        let traffic = try TrafficReader.read(Data(page.utf8), spec: plan.traffic, file: "u.json", skipBadRecords: false)
        #expect(traffic.records.reduce(0) { $0 + $1.weight } == 7)
        for record in traffic.records {
            #expect(abs(Double(record.inputTokens) - 1000003.0 / 7) < 2)
            #expect(abs(Double(record.cachedInputTokens) - 800001.0 / 7) < 1)
            #expect(abs(Double(record.outputTokens) - 10007.0 / 7) < 1)
        }
        #expect(traffic.records.count <= 4)
    }

    @Test func badRowsNameFileLineAndJSONPath() throws {
        let plan = try Self.plan(#"{"path": "u.json", "format": "openai-usage"}"#)
        let page = "{\n  \"data\": [\n    {\"start_time\": 0, \"end_time\": 60, \"results\": [\n      {\"input_tokens\": 5, \"output_tokens\": 1, \"num_model_requests\": 1},\n      {\"input_tokens\": 5, \"input_cached_tokens\": 9, \"output_tokens\": 1}\n    ]}\n  ]\n}\n"
        #expect {
            _ = try TrafficReader.read(Data(page.utf8), spec: plan.traffic, file: "u.json", skipBadRecords: false)
        } throws: { error in
            guard case CostGateError.badRecord(let file, let line, let field, _, _) = error else { return false }
            return file == "u.json" && line == 5 && field == "data[0].results[1].input_cached_tokens"
        }
        let anthropic = try Self.plan(#"{"path": "a.json", "format": "anthropic-usage"}"#)
        let bad = #"{"data": [{"starting_at": "2025-11-03T00:00:00Z", "ending_at": "2025-11-03T01:00:00Z", "results": [{"uncached_input_tokens": 1, "output_tokens": 1, "context_window": "1M+"}]}]}"#
        #expect {
            _ = try TrafficReader.read(Data(("\n" + bad).utf8), spec: anthropic.traffic, file: "a.json", skipBadRecords: false)
        } throws: { error in
            guard case CostGateError.badRecord(_, let line, let field, _, let found) = error else { return false }
            return line == 2 && field == "data[0].results[0].context_window" && found?.contains("1M+") == true
        }
        // Skipping bad rows keeps the good ones of the same page.
        let traffic = try TrafficReader.read(Data(page.utf8), spec: plan.traffic, file: "u.json", skipBadRecords: true)
        #expect(traffic.records.count == 1 && traffic.skipped.count == 1)
    }

    @Test func aBucketReadsTheSameWhateverTheOrderOfItsMembers() throws {
        let plan = try Self.plan(#"{"path": "u.jsonl", "format": "openai-usage"}"#)
        let rows = #""results": [{"input_tokens": 50, "input_cached_tokens": 20, "output_tokens": 7, "num_model_requests": 5, "model": "gpt-4o"}]"#
        let boundsFirst = #"{"data": [{"start_time": 60, "end_time": 120, "# + rows + "}]}\n"
        let resultsFirst = #"{"data": [{"# + rows + #", "end_time": 120, "start_time": 60}]}"# + "\n"
        let first = try TrafficReader.read(Data(boundsFirst.utf8), spec: plan.traffic, file: "u.jsonl", skipBadRecords: false)
        let second = try TrafficReader.read(Data(resultsFirst.utf8), spec: plan.traffic, file: "u.jsonl", skipBadRecords: false)
        #expect(!first.records.isEmpty && first.sameRecords(as: second))
        #expect(first.records.allSatisfy { $0.timestamp == 60 })
    }

    @Test(arguments: [
        #"{"data": [{"start_time": 60, "end_time": 120, "results": [], "results": []}]}"#,
        #"{"data": [{"start_time": 60, "end_time": 120, "start_time": 0, "results": []}]}"#,
        #"{"data": [{"starting_at": "2025-11-03T00:00:00Z", "start_time": 0, "end_time": 120, "results": []}]}"#,
    ])
    func aBucketMemberNamedTwiceIsAnError(page: String) throws {
        let plan = try Self.plan(#"{"path": "u.jsonl", "format": "openai-usage"}"#)
        #expect {
            _ = try TrafficReader.read(Data(page.utf8), spec: plan.traffic, file: "u.jsonl", skipBadRecords: false)
        } throws: { "\($0)".contains("u.jsonl:1") && "\($0)".contains("in a bucket") }
    }

    @Test func columnsAreRefusedForUsageReports() throws {
        #expect(throws: CostGateError.self) {
            _ = try Self.plan(#"{"path": "u.json", "format": "openai-usage", "columns": {"route": "project_id"}}"#)
        }
    }

    @Test func perRequestChangesOnAggregatesAreWarned() throws {
        let text = #"{"version": 1, "traffic": {"path": "a.json", "format": "anthropic-usage"}, "routes": {"default": {"max_output_tokens": 100}}}"#
        let plan = try PlanParser.parse(JSONParser.parse(Array(text.utf8), file: "p"), file: "p")
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.folder + "/anthropic-usage/usage_report_24h.json"))
        let traffic = try TrafficReader.read(data, spec: plan.traffic, file: "a.json", skipBadRecords: false)
        let replay = try Replayer.replay(traffic, plan: plan, name: "p", catalog: plan.catalog, prompts: PromptSizes(),
                                         reference: plan, referencePrompts: PromptSizes())
        #expect(replay.warnings.contains { $0.contains("4 usage row(s) carry no request count") })
        #expect(replay.warnings.contains { $0.contains("max_output_tokens 100 is applied to each usage row's per-request mean") })
    }

    @Test func audioAndImageTokensAreCountedAndWarned() throws {
        let plan = try Self.plan(#"{"path": "u.jsonl", "format": "openai-usage"}"#)
        let row = #"{"input_tokens": 900, "input_cached_tokens": 100, "output_tokens": 300, "input_audio_tokens": 400, "output_audio_tokens": 120, "input_image_tokens": 0, "output_image_tokens": 7, "num_model_requests": 2, "model": "gpt-4o"}"#
        let page = #"{"data": [{"start_time": 0, "end_time": 3600, "results": ["# + row + ", " + row + "]}]}\n"
        let traffic = try TrafficReader.read(Data((page + page).utf8), spec: plan.traffic, file: "u.jsonl", skipBadRecords: false, chunkCount: 2)
        var expected = ModalityTokens()
        expected.audioInput = 1_600
        expected.audioOutput = 480
        expected.imageOutput = 28
        #expect(traffic.aggregateModalityTokens == expected)
        let replay = try Replayer.replay(traffic, plan: plan, name: "p", catalog: plan.catalog, prompts: PromptSizes(),
                                         reference: plan, referencePrompts: PromptSizes())
        let warning = try #require(replay.warnings.first { $0.contains("audio") })
        #expect(warning.hasPrefix("u.jsonl: 1600 input_audio_tokens, 480 output_audio_tokens, 28 output_image_tokens are priced at text rates"))
        #expect(warning.hasSuffix("older exports counted text only there and omit them"))
        #expect(!warning.contains("input_image_tokens"))
        #expect(warning.count < 300)   // whole in the Markdown report, which cuts a warning at 300 characters
        // The tokens are within the totals: the row costs its totals at the text rates.
        #expect(traffic.records.reduce(0) { $0 + $1.inputTokens * Int64($1.weight(orDefault: 1)) } == 3_600)
    }
}
