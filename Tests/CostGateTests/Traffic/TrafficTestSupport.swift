import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// Helpers shared by the traffic reader tests.
enum TrafficTestSupport {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/traffic")

    static func jsonl(columns: [String: String] = [:], defaults: [String: String] = [:],
                      unit: TrafficSpec.TimestampUnit = .s) -> TrafficSpec {
        TrafficSpec(path: "t.jsonl", format: .jsonl, columns: columns, defaults: defaults, timestampUnit: unit)
    }

    static func csv(columns: [String: String] = [:], defaults: [String: String] = [:]) -> TrafficSpec {
        TrafficSpec(path: "t.csv", format: .csv, columns: columns, defaults: defaults)
    }

    static func read(_ text: String, spec: TrafficSpec = jsonl(), skip: Bool = false, chunks: Int? = nil) throws(CostGateError) -> Traffic {
        try TrafficReader.read(Data(text.utf8), spec: spec, file: "t", skipBadRecords: skip, chunkCount: chunks)
    }

    /// The error reading `text` throws, or nil.
    static func failure(_ text: String, spec: TrafficSpec = jsonl()) -> CostGateError? {
        do throws(CostGateError) {
            _ = try read(text, spec: spec)
            return nil
        } catch {
            return error
        }
    }

    /// A record line with the required fields plus `extra` (a JSON fragment such as `"model": "m"`).
    static func line(_ extra: String = "") -> String {
        #"{"timestamp": "2025-03-01T12:00:00Z", "input_tokens": 100, "output_tokens": 20"# + (extra.isEmpty ? "" : ", " + extra) + "}"
    }

    /// A record line with `fragment` (one `"key": value` member) in place of the required field it names,
    /// or added when it names another field.
    static func line(replacing fragment: String) -> String {
        var members = [#""timestamp": "2025-03-01T12:00:00Z""#, #""input_tokens": 100"#, #""output_tokens": 20"#]
        let key = fragment.prefix { $0 != ":" }
        if let index = members.firstIndex(where: { $0.hasPrefix(key + ":") }) {
            members[index] = fragment
        } else {
            members.append(fragment)
        }
        return "{" + members.joined(separator: ", ") + "}"
    }

    /// Whether two doubles are the same value, NaN equal to NaN.
    static func same(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }

    /// A record with its ids resolved, for comparing samples read in different ways.
    static func resolved(_ traffic: Traffic, _ record: TrafficRecord) -> String {
        let tags = traffic.tagSets[Int(record.tagSet)].map { "\(traffic.strings[$0.key])=\(traffic.strings[$0.value])" }.sorted()
        let hashes = traffic.hashPool[Int(record.hashStart)..<Int(record.hashStart + record.hashCount)]
        return "\(record.timestamp.bitPattern) \(traffic.strings[record.model]) \(traffic.strings[record.route]) "
            + "\(record.inputTokens) \(record.cachedInputTokens) \(record.outputTokens) \(record.reasoningTokens) "
            + "\(digits(record.latencyMs)) \(digits(record.ttftMs)) \(record.isError) \(digits(record.quality)) \(digits(record.weight)) "
            + "\(record.prefixID < 0 ? "-" : traffic.strings[record.prefixID]) \(record.prefixTokens) \(tags) \(Array(hashes))"
    }

    /// A double to 12 significant digits: Foundation's `JSONSerialization` on Linux is not correctly
    /// rounded in the last digit, so the differential test compares decimals this way (exact decimal
    /// conversion is checked against `Double(String)` separately).
    static func digits(_ value: Double) -> String { String(format: "%.12g", value) }

    /// Whether two samples are identical: records (bit for bit), ids, tables and skipped records.
    static func identical(_ a: Traffic, _ b: Traffic) -> Bool {
        guard a.records.count == b.records.count, a.strings.strings == b.strings.strings, a.tagSets == b.tagSets,
              a.hashPool == b.hashPool, a.skipped == b.skipped else { return false }
        for (x, y) in zip(a.records, b.records) {
            guard same(x.timestamp, y.timestamp), x.model == y.model, x.route == y.route, x.inputTokens == y.inputTokens,
                  x.cachedInputTokens == y.cachedInputTokens, x.outputTokens == y.outputTokens,
                  x.reasoningTokens == y.reasoningTokens, same(x.latencyMs, y.latencyMs), same(x.ttftMs, y.ttftMs),
                  x.isError == y.isError, same(x.quality, y.quality), same(x.weight, y.weight), x.tagSet == y.tagSet,
                  x.prefixID == y.prefixID, x.prefixTokens == y.prefixTokens, x.hashStart == y.hashStart,
                  x.hashCount == y.hashCount else { return false }
        }
        return true
    }

    /// A deterministic generator (the library's SplitMix64).
    struct Random {
        private var generator: SplitMix64
        init(state: UInt64) { generator = SplitMix64(seed: state) }
        mutating func next() -> UInt64 { generator.next() }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    }

    /// A varied JSON Lines sample: every field, escapes, non-ASCII, tags, hash ids, blank lines, CRLF.
    static func sample(records: Int, seed: UInt64) -> String {
        var random = Random(state: seed)
        let models = ["gpt-4o-mini", "claude-3-5-haiku", "llama-3.1-8b", "m\\u00e9t\\u00e9o", "q\\\"uote"]
        let routes = ["chat", "search", "summarize", "agent"]
        let teams = ["core", "growth", "ml", "ünïcode"]
        var text = ""
        for index in 0..<records {
            var fields: [String] = []
            let seconds = 1_740_830_400 + random.below(86_400 * 30)
            switch random.below(3) {
            case 0: fields.append(#""timestamp": \#(seconds)"#)
            case 1: fields.append(#""timestamp": "2025-03-\#(10 + random.below(18))T\#(10 + random.below(13)):1\#(random.below(10)):0\#(random.below(10)).\#(random.below(1000))Z""#)
            default: fields.append(#""timestamp": "2025-03-01T12:00:00.5+0\#(random.below(9)):30""#)
            }
            let input = random.below(20_000)
            let output = random.below(2_000)
            fields.append(#""input_tokens": \#(input)"#)
            fields.append(#""output_tokens": \#(random.below(2) == 0 ? "\(output)" : "\(output).0")"#)
            if random.below(2) == 0 { fields.append(#""cached_input_tokens": \#(random.below(input + 1))"#) }
            if random.below(3) == 0 { fields.append(#""reasoning_tokens": \#(random.below(output + 1))"#) }
            if random.below(4) != 0 { fields.append(#""model": "\#(models[random.below(models.count)])""#) }
            if random.below(4) != 0 { fields.append(#""route": "\#(routes[random.below(routes.count)])""#) }
            var latency = Double.infinity
            if random.below(2) == 0 {
                latency = Double(random.below(100_000)) / 10
                fields.append(#""latency_ms": \#(latency)"#)
            }
            // A first token no later than the whole response (a later one is an error).
            if random.below(2) == 0 { fields.append(#""ttft_ms": \#(min(random.unit() * 1000, latency))"#) }
            if random.below(3) == 0 { fields.append(#""quality": \#(random.unit())"#) }
            if random.below(5) == 0 { fields.append(#""weight": \#(1 + random.below(10))e-1"#) }
            if random.below(50) == 0 { fields.append(#""status": "error""#) } else if random.below(2) == 0 { fields.append(#""status": "ok""#) }
            var team: String?
            if random.below(2) == 0 {
                team = teams[random.below(teams.count)]
                fields.append(#""tags": {"team": "\#(team!)", "customer": "c\#(random.below(20))"}"#)
            }
            if random.below(3) == 0 { fields.append(#""feature": "f\#(random.below(5))""#) }
            // Beside the tags object, a top-level tag may repeat its value but not differ (a conflict is an error).
            if random.below(4) == 0 { fields.append(#""team": "\#(team ?? "top-level")""#) }
            if random.below(5) == 0 { fields.append(#""prefix_id": "p\#(random.below(10))", "prefix_tokens": \#(random.below(500))"#) }
            if random.below(4) == 0 { fields.append(#""hash_ids": [\#((0..<random.below(6)).map { _ in String(random.below(1000)) }.joined(separator: ", "))]"#) }
            if random.below(6) == 0 { fields.append(#""extra": {"nested": [1, 2.5e3, true, null, "x"]}, "n": null"#) }
            var order = fields
            for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, random.below(i + 1)) }
            text += "{" + order.joined(separator: random.below(2) == 0 ? ", " : ",") + "}"
            text += index % 17 == 0 ? "\r\n" : "\n"
            if index % 29 == 0 { text += "\n  \n" }
        }
        return text
    }
}
