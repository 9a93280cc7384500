import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

private typealias Support = TrafficTestSupport

/// Checks the byte-level readers against straightforward references: Foundation's JSON parser and
/// `Double(String)`.
@Suite struct TrafficDifferentialTests {
    @Test func matchesJSONSerializationOnEveryRecord() throws {
        let text = Support.sample(records: 3000, seed: 42)
        let traffic = try Support.read(text, chunks: 6)
        let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .filter { !$0.allSatisfy(\.isWhitespace) }
        #expect(lines.count == traffic.records.count)
        for (line, record) in zip(lines, traffic.records) {
            let object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(Support.resolved(traffic, record) == Self.reference(object), "\(line)")
        }
    }

    /// The record as a plain reading of the JSON object would give it, rendered as `Support.resolved`.
    static func reference(_ object: [String: Any]) -> String {
        func number(_ key: String) -> Double { (object[key] as? NSNumber)?.doubleValue ?? .nan }
        func integer(_ key: String) -> Int64 { (object[key] as? NSNumber)?.int64Value ?? 0 }
        let timestamp: Double
        if let text = object["timestamp"] as? String {
            timestamp = Self.timestamp(text)
        } else {
            timestamp = number("timestamp")
        }
        var tags: [String: String] = [:]
        let canonical = Set(TrafficSpec.canonicalFields)
        for (key, value) in object where !canonical.contains(key) { if let value = value as? String { tags[key] = value } }
        for (key, value) in object["tags"] as? [String: String] ?? [:] { tags[key] = value }
        let hashes = (object["hash_ids"] as? [NSNumber] ?? []).map(\.int64Value)
        let prefix = object["prefix_id"] as? String ?? "-"
        return "\(timestamp.bitPattern) \(object["model"] as? String ?? "") \(object["route"] as? String ?? "default") "
            + "\(integer("input_tokens")) \(integer("cached_input_tokens")) \(integer("output_tokens")) \(integer("reasoning_tokens")) "
            + "\(Support.digits(number("latency_ms"))) \(Support.digits(number("ttft_ms"))) \((object["status"] as? String) == "error") "
            + "\(Support.digits(number("quality"))) \(Support.digits(number("weight"))) "
            + "\(prefix) \(integer("prefix_tokens")) \(Self.tagText(tags)) \(hashes)"
    }

    static func tagText(_ tags: [String: String]) -> String { "\(tags.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })" }

    /// A slow but obvious timestamp reading through `DateFormatter`, for comparison only.
    static func timestamp(_ text: String) -> Double {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        var text = text
        var fraction = 0.0
        if let dot = text.firstIndex(of: ".") {
            var end = text.index(after: dot)
            while end < text.endIndex, text[end].isNumber { end = text.index(after: end) }
            fraction = Double("0" + text[dot..<end])!
            text.removeSubrange(dot..<end)
        }
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ssXXXXX"
        let date = formatter.date(from: text)!
        return date.timeIntervalSince1970.rounded() + fraction
    }

    @Test func numbersMatchTheStandardLibrary() throws {
        var random = Support.Random(state: 99)
        var texts = ["0.1", "0.3", "1e-7", "123456789012345678", "9007199254740993", "1.7976931348623157e308", "5e-324",
                     "2.2250738585072014e-308", "0.000001", "123.456e10", "-0.0", "1e23", "8.5e-22", "4.35e-4"]
        for _ in 0..<5000 {
            let digits = 1 + random.below(20)
            var mantissa = String(1 + random.below(9))
            for _ in 1..<digits { mantissa += String(random.below(10)) }
            let dot = random.below(digits + 1)
            var text = dot == digits ? mantissa : String(mantissa.prefix(dot == 0 ? 1 : dot)) + "." + mantissa.dropFirst(dot == 0 ? 1 : dot)
            if text.hasSuffix(".") { text += "0" }
            if random.below(3) == 0 { text += "e\(random.below(60) - 30)" }
            texts.append(text)
        }
        for text in texts {
            let bytes = Array(text.utf8)
            let parsed = bytes.withUnsafeBufferPointer { NumberParser.parse($0.baseAddress!, from: 0, to: $0.count) }
            let (number, end) = try #require(parsed, "\(text)")
            #expect(end == bytes.count)
            #expect(number.value.bitPattern == Double(text)!.bitPattern, "\(text)")
        }
    }
}
