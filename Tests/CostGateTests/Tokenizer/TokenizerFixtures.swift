import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// Loads the committed tiktoken vectors from `Fixtures/tokenizer` (see `generate.py` there).
enum TokenizerFixtures {
    /// One small text with tiktoken's count and ids per encoding.
    struct Vector: Sendable {
        var name: String
        var text: String
        var counts: [TokenEncoding: Int]
        var tokens: [TokenEncoding: [Int]]
    }

    /// One long text built from a recipe (or a fixture file), with the count and the sha256 of the ids.
    struct LongVector: Sendable, CustomTestStringConvertible {
        var label: String
        var text: String
        var counts: [TokenEncoding: Int]
        var hashes: [TokenEncoding: String]
        var idHashes: [TokenEncoding: UInt64] = [:]
        var testDescription: String { label }
    }

    /// `generate.py`'s `id_hash`: an order-sensitive checksum of token ids.
    static func idHash(_ tokens: [Int]) -> UInt64 {
        tokens.reduce(UInt64(0)) { $0 &* 1_000_003 &+ UInt64($1) &+ 1 }
    }

    static func url(_ name: String) -> URL {
        let bundle = Bundle.module
        let candidates = [bundle.resourceURL, bundle.resourceURL?.appendingPathComponent("Fixtures"),
                          bundle.bundleURL.appendingPathComponent("Fixtures")]
        let urls = candidates.compactMap { $0?.appendingPathComponent("tokenizer/" + name) }
        return urls.first { FileManager.default.fileExists(atPath: $0.path) } ?? urls[0]
    }

    static func json(_ name: String) -> JSONValue {
        let data = (try? Data(contentsOf: url(name))) ?? Data()
        return (try? JSONParser.parse([UInt8](data))) ?? .null
    }

    static let vectors: [Vector] = parseVectors(json("vectors.json"))

    /// Vectors from the file `COSTGATE_TOKENIZER_VECTORS` names (`generate.py --fuzz`), if set.
    static let extraVectors: [Vector] = {
        guard let path = ProcessInfo.processInfo.environment["COSTGATE_TOKENIZER_VECTORS"],
              let data = FileManager.default.contents(atPath: path),
              let value = try? JSONParser.parse([UInt8](data)) else { return [] }
        return parseVectors(value)
    }()

    static func parseVectors(_ document: JSONValue) -> [Vector] {
        (document["vectors"]?.arrayValue ?? []).map { value in
            var vector = Vector(name: value["name"]?.stringValue ?? "?", text: value["text"]?.stringValue ?? "",
                                counts: [:], tokens: [:])
            for encoding in TokenEncoding.allCases {
                guard let entry = value[encoding.rawValue] else { continue }
                vector.counts[encoding] = entry["count"]?.doubleValue.map { Int($0) }
                vector.tokens[encoding] = entry["tokens"]?.arrayValue?.compactMap { $0.doubleValue.map { Int($0) } }
            }
            return vector
        }
    }

    static let longVectors: [LongVector] = {
        (json("long.json")["vectors"]?.arrayValue ?? []).map { value in
            let text: String
            let label: String
            if let range = value["scalars"]?.arrayValue?.compactMap(\.doubleValue), range.count == 2 {
                let separator = value["separator"]?.stringValue ?? ""
                let scalars = (UInt32(range[0])..<min(UInt32(range[1]), 0x110000)).compactMap(Unicode.Scalar.init)
                text = scalars.map { String(Character($0)) }.joined(separator: separator)
                label = "U+\(String(UInt32(range[0]), radix: 16, uppercase: true))" + (separator.isEmpty ? "" : " spaced")
            } else if let file = value["file"]?.stringValue {
                text = (try? String(contentsOf: url(file), encoding: .utf8)) ?? ""
                label = file
            } else {
                let unit = value["unit"]?.stringValue ?? ""
                let times = Int(value["times"]?.doubleValue ?? 0)
                text = (value["prefix"]?.stringValue ?? "") + String(repeating: unit, count: times)
                    + (value["suffix"]?.stringValue ?? "")
                label = "\(unit.debugDescription) × \(times)"
            }
            var vector = LongVector(label: label, text: text, counts: [:], hashes: [:])
            for encoding in TokenEncoding.allCases {
                guard let entry = value[encoding.rawValue] else { continue }
                vector.counts[encoding] = entry["count"]?.doubleValue.map { Int($0) }
                vector.hashes[encoding] = entry["sha256"]?.stringValue
                vector.idHashes[encoding] = entry["idhash"]?.stringValue.flatMap { UInt64($0) }
            }
            return vector
        }
    }()
}
