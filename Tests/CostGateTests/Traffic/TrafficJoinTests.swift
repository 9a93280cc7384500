import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// `traffic.join` attributes provider usage to customers: the usage log joined to an application log by request id
/// gives each record the partner's tags and the fields it lacks, as an independent reading of the documented rule
/// gives them (`Fixtures/formats/join/generate.py`).
@Suite struct TrafficJoinTests {
    static let folder = fixturesDirectory + "/formats/join"

    /// A repository holding the usage lines of one shape (OpenAI Chat Completions or Anthropic Messages) and the app log.
    static func repository(shape: String, extraUsage: String = "") throws -> String {
        let root = NSTemporaryDirectory() + "costgate-join-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let usage = try String(contentsOfFile: folder + "/provider_usage.log.jsonl", encoding: .utf8)
            .split(separator: "\n").filter { $0.contains(shape == "openai" ? "\"chat.completion\"" : "\"type\": \"message\"") }
        try (usage.joined(separator: "\n") + "\n" + extraUsage).write(toFile: root + "/usage.jsonl", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: folder + "/app.log.jsonl", toPath: root + "/app.log.jsonl")
        return root
    }

    static func plan(shape: String) -> String {
        let columns = shape == "openai"
            ? #""timestamp": "created", "input_tokens": "usage.prompt_tokens", "cached_input_tokens": "usage.prompt_tokens_details.cached_tokens", "output_tokens": "usage.completion_tokens""#
            : #""input_tokens": "usage.input_tokens", "cached_input_tokens": "usage.cache_read_input_tokens", "cache_write_input_tokens": "usage.cache_creation_input_tokens", "output_tokens": "usage.output_tokens""#
        return #"{"version": 1, "traffic": {"path": "usage.jsonl", "format": "jsonl", "window_hours": 1, "#
            + (shape == "openai" ? "" : #""token_convention": "anthropic", "#)
            + #""columns": {"# + columns + #"}, "join": {"path": "app.log.jsonl", "on": {"left": "request_id", "right": "request_id"}, "tags": {"customer": "customer_id", "feature": "feature", "team": "team"}, "columns": {"timestamp": "ts", "latency_ms": "duration_ms", "ttft_ms": "ttft_ms"}}}}"#
    }

    static func read(_ root: String, plan: String) throws -> Traffic {
        try plan.write(toFile: root + "/plan.json", atomically: true, encoding: .utf8)
        let loaded = try PlanLoader.load("plan.json", from: .workTree(root: root))
        return try loaded.readTraffic(try loaded.trafficFiles(), skipBadRecords: false) { () throws(CostGateError) -> Data in Data() }
    }

    @Test(arguments: ["openai", "anthropic"])
    func recordsTakeTheirPartnersTagsAndMissingFields(shape: String) throws {
        let root = try Self.repository(shape: shape)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let traffic = try Self.read(root, plan: Self.plan(shape: shape))
        let expected = try #require(try parseJSON(String(contentsOfFile: Self.folder + "/expected.json", encoding: .utf8)) as? [[String: Any]])
            .filter { $0["shape"] as? String == shape }
        #expect(traffic.records.count == expected.count && !expected.isEmpty)
        #expect(traffic.joinSummary?.matched == expected.count && traffic.joinSummary?.unmatched == 0)
        for (record, wanted) in zip(traffic.records, expected) {
            let tags = Dictionary(uniqueKeysWithValues: traffic.tagSets[Int(record.tagSet)].map { (traffic.strings[$0.key], traffic.strings[$0.value]) })
            // Plain JSON Lines tags other top-level strings too (`id`, `type`); the key itself is never a tag.
            #expect(tags.filter { ["customer", "feature", "team"].contains($0.key) } == wanted["tags"] as? [String: String], "\(wanted["request_id"]!)")
            #expect(tags["request_id"] == nil && !tags.keys.contains(TrafficJoin.keyTag))
            // OpenAI lines carry `created`; Anthropic's take the application log's first `ts`.
            if shape == "anthropic" { #expect(abs(record.timestamp - (wanted["timestamp"] as? Double ?? .nan)) < 1e-6) }
            #expect(record.latencyMs == (wanted["latency_ms"] as? Double) ?? (wanted["latency_ms"] as? Int).map(Double.init) ?? .nan || (record.latencyMs.isNaN && wanted["latency_ms"] == nil))
        }
    }

    @Test func aCSVApplicationLogJoinsAsItsJSONLinesForm() throws {
        let root = try Self.repository(shape: "openai")
        defer { try? FileManager.default.removeItem(atPath: root) }
        // The application log as CSV: one column per key any line has, an empty cell where a line lacks it.
        let lines = try String(contentsOfFile: Self.folder + "/app.log.jsonl", encoding: .utf8).split(separator: "\n")
            .map { try #require(try parseJSON(String($0)) as? [String: Any]) }
        let columns = Set(lines.flatMap(\.keys)).sorted()
        let cells = lines.map { line in columns.map { key in line[key].map { "\($0)" } ?? "" }.joined(separator: ",") }
        try ([columns.joined(separator: ",")] + cells).joined(separator: "\n").appending("\n")
            .write(toFile: root + "/app.log.csv", atomically: true, encoding: .utf8)
        let fromJSON = try Self.read(root, plan: Self.plan(shape: "openai"))
        let fromCSV = try Self.read(root, plan: Self.plan(shape: "openai").replacingOccurrences(of: #""path": "app.log.jsonl""#, with: #""path": "app.log.csv""#))
        #expect(fromCSV.joinSummary?.matched == fromJSON.joinSummary?.matched && fromJSON.joinSummary?.unmatched == 0)
        for (csv, json) in zip(fromCSV.records, fromJSON.records) {
            #expect(fromCSV.tagSets[Int(csv.tagSet)].map { fromCSV.strings[$0.key] + "=" + fromCSV.strings[$0.value] }
                    == fromJSON.tagSets[Int(json.tagSet)].map { fromJSON.strings[$0.key] + "=" + fromJSON.strings[$0.value] })
            #expect(csv.timestamp == json.timestamp && (csv.latencyMs == json.latencyMs || (csv.latencyMs.isNaN && json.latencyMs.isNaN)))
        }
    }

    /// `costgate sample` reads the usage log in blocks and joins each with one index of the application log: the
    /// records, tags and filled fields are those of the whole read, and an error names the record in the whole log.
    @Test(arguments: ["openai", "anthropic"])
    func blocksJoinAsTheWholeLogDoes(shape: String) throws {
        let extra = shape == "openai" ? #"{"request_id": "req_nobody", "created": 1762130000, "usage": {"prompt_tokens": 5, "completion_tokens": 1}}"# + "\n" : ""
        let root = try Self.repository(shape: shape, extraUsage: extra)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let whole = try Self.read(root, plan: Self.plan(shape: shape))
        let loaded = try PlanLoader.load("plan.json", from: .workTree(root: root))
        let index = try #require(try loaded.joinIndex(skipBadRecords: false))
        let join = try #require(loaded.plan.traffic.join)
        let data = try Data(contentsOf: URL(fileURLWithPath: root + "/usage.jsonl"))
        func blocks(_ data: Data) throws(CostGateError) -> [String] {
            var records: [String] = []
            try TrafficReader.readBlocks(data, spec: loaded.plan.traffic, file: "usage.jsonl", skipBadRecords: false, blockBytes: 300) { (block: Traffic) throws(CostGateError) in
                var block = block
                try block.join(index, spec: join, recordOffset: records.count)
                records += block.records.map { TrafficTestSupport.resolved(block, $0) }
            }
            return records
        }
        let read = try blocks(data)
        #expect(read.count == whole.records.count && read.count > 5)
        #expect(read == whole.records.map { TrafficTestSupport.resolved(whole, $0) })
        // A record late in the log with neither a timestamp nor a partner: the same message, naming the same record.
        let late = #"{"request_id": "req_late", "usage": {"input_tokens": 5, "output_tokens": 1, "prompt_tokens": 5, "completion_tokens": 1}}"# + "\n"
        try (String(decoding: data, as: UTF8.self) + late).write(toFile: root + "/usage.jsonl", atomically: true, encoding: .utf8)
        var expected: CostGateError?
        do { _ = try Self.read(root, plan: Self.plan(shape: shape)) } catch let error as CostGateError { expected = error }
        var found: CostGateError?
        do throws(CostGateError) { _ = try blocks(Data((String(decoding: data, as: UTF8.self) + late).utf8)) } catch { found = error }
        #expect(expected != nil && expected == found, "\(String(describing: expected)) / \(String(describing: found))")
    }

    @Test func recordsWithoutAPartnerAreCountedAndWarned() throws {
        let extra = #"{"request_id": "req_nobody", "created": 1762130000, "usage": {"prompt_tokens": 5, "completion_tokens": 1}}"# + "\n"
            + #"{"created": 1762130001, "usage": {"prompt_tokens": 5, "completion_tokens": 1}}"# + "\n"
        let root = try Self.repository(shape: "openai", extraUsage: extra)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let traffic = try Self.read(root, plan: Self.plan(shape: "openai"))
        #expect(traffic.joinSummary?.unmatched == 2 && traffic.joinSummary?.withoutKey == 1)
        #expect(traffic.tagSets[Int(traffic.records.last!.tagSet)].isEmpty)
        let warning = Replayer.joinWarning(try #require(traffic.joinSummary), traffic: traffic)
        #expect(warning.hasPrefix("traffic join: 2 of 19 record(s) in usage.jsonl found no partner in app.log.jsonl (1 carry no join key)"))
    }

    @Test func aRecordWithoutATimestampOrAPartnerIsAnError() throws {
        let root = try Self.repository(shape: "anthropic", extraUsage: #"{"request_id": "req_nobody", "usage": {"input_tokens": 5, "output_tokens": 1}}"# + "\n")
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect {
            _ = try Self.read(root, plan: Self.plan(shape: "anthropic"))
        } throws: { error in
            guard case CostGateError.io(let path, let reason) = error else { return false }
            return path == "usage.jsonl" && reason.contains("1 record(s) have no timestamp and no partner in app.log.jsonl to give one (the first is record 22)")
        }
    }

    @Test func partnersThatDisagreeOnATagAreAnError() throws {
        let root = try Self.repository(shape: "openai")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: root + "/app.log.jsonl"))
        handle.seekToEndOfFile()
        handle.write(Data((#"{"ts": "2025-11-03T09:00:00Z", "event": "llm.call", "request_id": "req_5573e39b6600496d40f493d0", "customer_id": "someone-else"}"# + "\n").utf8))
        handle.closeFile()
        #expect(throws: CostGateError.self) { _ = try Self.read(root, plan: Self.plan(shape: "openai")) }
    }

    @Test func badJoinSectionsArePlanErrors() throws {
        for join in [#"{"path": "a.jsonl"}"#, #"{"path": "a.jsonl", "on": {"left": "id"}}"#,
                     #"{"path": "a.jsonl", "on": {"left": "id", "right": "id"}, "columns": {"input_tokens": "x"}}"#,
                     #"{"path": "a.jsonl", "format": "litellm", "on": {"left": "id", "right": "id"}}"#,
                     #"{"path": "-", "on": {"left": "id", "right": "id"}}"#,
                     #"{"path": "a.jsonl", "on": {"left": "id", "right": "id"}, "colour": 1}"#] {
            let text = #"{"version": 1, "traffic": {"path": "t.jsonl", "join": "# + join + "}}"
            #expect(throws: CostGateError.self, "\(join)") { _ = try PlanParser.parse(JSONParser.parse(Array(text.utf8), file: "p"), file: "p") }
        }
    }
}
