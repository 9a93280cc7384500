import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

private typealias Support = TrafficTestSupport

/// Mutated inputs must never crash the byte-level readers, and chunking must not change what they report.
@Suite struct TrafficRobustnessTests {
    static let noise: [UInt8] = Array(#"{}[]",:\ 0-.eE"#.utf8) + [0x0A, 0x0D, 0x09, 0x00, 0xFF, 0xC3, 0xE2, 0x80]

    fileprivate static func mutate(_ bytes: [UInt8], _ random: inout TrafficTestSupport.Random) -> [UInt8] {
        var bytes = bytes
        for _ in 0..<(1 + random.below(3)) {
            guard !bytes.isEmpty else { break }
            let position = random.below(bytes.count)
            switch random.below(4) {
            case 0: bytes[position] = noise[random.below(noise.count)]
            case 1: bytes.insert(noise[random.below(noise.count)], at: position)
            case 2: bytes.remove(at: position)
            default: bytes.removeSubrange(position..<min(bytes.count, position + random.below(12)))
            }
        }
        return bytes
    }

    static func outcome(_ data: Data, spec: TrafficSpec, skip: Bool, chunks: Int) -> String {
        do throws(CostGateError) {
            let traffic = try TrafficReader.read(data, spec: spec, file: "t", skipBadRecords: skip, chunkCount: chunks)
            return traffic.records.map { Support.resolved(traffic, $0) }.joined(separator: "\n")
                + "\nskipped \(traffic.skipped.count) \(traffic.skipped.examples)"
        } catch {
            return "error \(error)"
        }
    }

    @Test(arguments: ["jsonl", "csv", "plain csv"])
    func mutatedInputIsReportedNotCrashedOn(kind: String) {
        let format: TrafficSpec.Format = kind == "jsonl" ? .jsonl : .csv
        var random = Support.Random(state: UInt64(kind.utf8.count))
        let source: [UInt8]
        if format == .jsonl {
            source = Array(Support.sample(records: 40, seed: 3).utf8)
        } else if kind == "plain csv" {
            // No quotes, so the reader splits it into chunks.
            source = Array(("timestamp,input_tokens,output_tokens,model,team\r\n" + (0..<40).map { index in
                "2025-03-01T00:00:\(String(format: "%02d", index))Z,\(index),\(index / 2),m\(index % 3),t\(index % 4)"
            }.joined(separator: "\n")).utf8)
        } else {
            source = Array(("timestamp,input_tokens,output_tokens,model,team,tags,hash_ids\n" + (0..<40).map { index in
                "2025-03-01 00:00:\(String(format: "%02d", index)).5,\(index),\(index / 2),\"m,\"\"\(index % 3)\"\"\",t\(index % 4),"
                    + "\"{\"\"k\"\": \"\"v\(index % 2)\"\"}\",\"[\(index), 2]\""
            }.joined(separator: "\r\n")).utf8)
        }
        let spec = format == .jsonl ? Support.jsonl() : Support.csv()
        for _ in 0..<150 {
            let data = Data(Self.mutate(source, &random))
            for skip in [false, true] {
                let one = Self.outcome(data, spec: spec, skip: skip, chunks: 1)
                let many = Self.outcome(data, spec: spec, skip: skip, chunks: 1 + random.below(9))
                #expect(one == many)
            }
        }
    }
}
