import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// The pure-Swift inflate reads what Python's gzip and zlib write (stored, fixed and dynamic blocks, several levels,
/// multiple members, every optional header field) byte for byte, and rejects corrupt files naming the file and the
/// fault (`Fixtures/traffic/gzip/generate.py`).
@Suite struct GzipTests {
    static let folder = fixturesDirectory + "/traffic/gzip"

    static func expected() throws -> [String: [String: String]] {
        try #require(try parseJSON(String(contentsOfFile: folder + "/expected.json", encoding: .utf8)) as? [String: [String: String]])
    }

    @Test func decodesEveryValidFixture() throws {
        let cases = try Self.expected().filter { $0.value["error"] == nil }
        #expect(cases.count >= 10)
        for (name, wanted) in cases.sorted(by: { $0.key < $1.key }) {
            let data = try Data(contentsOf: URL(fileURLWithPath: Self.folder + "/" + name))
            #expect(Gzip.isGzip(data), "\(name)")
            let plain = try Gzip.decompress(data, file: name)
            if let original = wanted["same_as"] {
                #expect(plain == (try Data(contentsOf: URL(fileURLWithPath: Self.folder + "/" + original))), "\(name)")
            } else {
                #expect(plain == Data(try #require(wanted["text"]).utf8), "\(name)")
            }
        }
    }

    @Test func corruptFilesAreErrorsNamingTheFile() throws {
        let cases = try Self.expected().compactMap { name, wanted in wanted["error"].map { (name, $0) } }
        #expect(cases.count == 5)
        for (name, fault) in cases.sorted(by: { $0.0 < $1.0 }) {
            let data = try Data(contentsOf: URL(fileURLWithPath: Self.folder + "/" + name))
            #expect {
                _ = try Gzip.decompress(data, file: "logs/" + name)
            } throws: { error in
                guard case CostGateError.io(let path, let reason) = error else { return false }
                return path == "logs/" + name && reason.contains(fault) && reason.hasPrefix("is not valid gzip data")
            }
        }
    }

    @Test func damagedFilesNeverYieldWrongBytes() throws {
        let good = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.folder + "/level6.jsonl.gz")))
        let source = try Data(contentsOf: URL(fileURLWithPath: Self.folder + "/source.jsonl"))
        var generator = SplitMix64(seed: 1952)
        for trial in 0..<300 {
            var damaged = good
            if trial % 3 == 0 {
                damaged.removeLast(1 + Int(generator.next() % UInt64(good.count - 1)))
            } else {
                for _ in 0...(trial % 4) { damaged[Int(generator.next() % UInt64(good.count))] ^= UInt8(1 + generator.next() % 255) }
            }
            // Either an error, or (a flip in MTIME, XFL or OS) the original bytes: never other bytes.
            if let plain = try? Gzip.decompress(Data(damaged), file: "d.gz") { #expect(plain == source, "trial \(trial)") }
        }
    }

    /// `bytes` as gzip members of stored blocks (deflate's uncompressed form, so no compressor is needed), one member
    /// per piece of `members`, each cut into blocks of at most 65,535 bytes.
    static func storedGzip(_ bytes: [UInt8], members: Int = 1) -> Data {
        var out: [UInt8] = []
        let size = (bytes.count + members - 1) / max(1, members)
        for member in 0..<members {
            let piece = Array(bytes[min(bytes.count, member * size)..<min(bytes.count, (member + 1) * size)])
            out += [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 255]
            var start = 0
            repeat {
                let count = min(65_535, piece.count - start)
                out += [start + count == piece.count ? 1 : 0, UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
                out += piece[start..<start + count]
                start += count
            } while start < piece.count
            let crc = piece.withUnsafeBufferPointer { CRC32.checksum($0) }
            for value in [crc, UInt32(truncatingIfNeeded: piece.count)] { out += (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }
        }
        return Data(out)
    }

    /// A JSON Lines file of several megabytes (so its gzip form is parsed in chunks while it inflates) with bad records
    /// at the given lines, after an optional byte-order mark.
    static func largeLog(badLines: Set<Int>, bom: Bool) -> [UInt8] {
        var text = bom ? "\u{FEFF}" : ""
        for line in 1...30_000 {
            text += badLines.contains(line)
                ? #"{"timestamp": 1760000000, "input_tokens": -5, "output_tokens": 1}"# + "\n"
                : #"{"timestamp": \#(1_760_000_000 + line), "model": "m\#(line % 7)", "input_tokens": \#(line * 13 % 9000), "output_tokens": \#(line % 300), "team": "t\#(line % 5)", "note": "\#(String(repeating: "x", count: line % 150))"}"# + "\n"
        }
        return Array(text.utf8)
    }

    @Test(arguments: [(1, false), (3, true)])
    func largeFilesReadWhileInflatingAsTheirPlainBytes(members: Int, bom: Bool) throws {
        for badLines in [Set<Int>(), [5, 29_000], [17_001]] {
            let plain = Self.largeLog(badLines: badLines, bom: bom)
            #expect(plain.count > 2 * TrafficReader.chunkBytes)
            let gzip = Self.storedGzip(plain, members: members)
            #expect(try Gzip.decompress(gzip, file: "big.jsonl.gz") == Data(plain))
            for skip in [false, true] {
                let spec = TrafficSpec(path: "big.jsonl.gz", format: .jsonl)
                func outcome(_ data: Data) -> String {
                    do throws(CostGateError) {
                        let traffic = try TrafficReader.read(data, spec: spec, file: "big", skipBadRecords: skip)
                        return "\(traffic.records.count) records, \(traffic.strings.strings), \(traffic.tagSets), skipped \(traffic.skipped.count) \(traffic.skipped.examples), "
                            + traffic.records.map { "\($0.timestamp) \($0.inputTokens) \($0.tagSet) \($0.model)" }.joined(separator: ";")
                    } catch {
                        return "error \(error)"
                    }
                }
                #expect(outcome(gzip) == outcome(Data(plain)), "members \(members), bad lines \(badLines), skip \(skip)")
            }
        }
    }

    @Test func aCorruptLargeFileIsAGzipErrorNotARecordError() throws {
        var gzip = [UInt8](Self.storedGzip(Self.largeLog(badLines: [3], bom: false)))
        gzip[gzip.count - 6] ^= 0x40 // the CRC-32
        #expect {
            _ = try TrafficReader.read(Data(gzip), spec: TrafficSpec(path: "big.jsonl.gz", format: .jsonl), file: "big.jsonl.gz", skipBadRecords: false)
        } throws: { error in
            guard case CostGateError.io(let path, let reason) = error else { return false }
            return path == "big.jsonl.gz" && reason.contains("CRC-32 mismatch")
        }
    }

    @Test func crcMatchesTheStandardCheckValue() {
        // The CRC-32 check value of "123456789" (ISO 3309 / ITU-T V.42).
        let bytes = Array("123456789".utf8)
        #expect(bytes.withUnsafeBufferPointer { CRC32.checksum($0) } == 0xCBF4_3926)
    }

    @Test func longInputsAndJoinedPiecesGiveZlibsCRC() {
        // Values from Python's zlib.crc32 over the same bytes: (i*i + 7*i) % 251 for i in 0..<100003, and its first 40000.
        let bytes = (0..<100_003).map { UInt8((($0 * $0) + 7 * $0) % 251) }
        bytes.withUnsafeBufferPointer { buffer in
            #expect(CRC32.checksum(buffer) == 0xF6E2_9940)
            #expect(CRC32.checksum(UnsafeBufferPointer(rebasing: buffer[..<40_000])) == 0x556D_CCF3)
            // In pieces of every size class (one byte, short, long), continuing the CRC.
            var crc: UInt32 = 0
            var start = 0
            for size in [1, 15, 16, 17, 20_000, 3, 40_000] + [Int](repeating: 5_000, count: 8) where start < buffer.count {
                let end = min(buffer.count, start + size)
                crc = CRC32.update(crc, UnsafeBufferPointer(rebasing: buffer[start..<end]))
                start = end
            }
            crc = CRC32.update(crc, UnsafeBufferPointer(rebasing: buffer[start...]))
            #expect(crc == 0xF6E2_9940)
            #expect(CRC32.combine(0x556D_CCF3, CRC32.checksum(UnsafeBufferPointer(rebasing: buffer[40_000...])), secondLength: 60_003) == 0xF6E2_9940)
        }
    }

    /// A gzip member of nothing (one final fixed-Huffman block holding only its end code, CRC 0, size 0): the 20 bytes
    /// the `gzip` fuzz target saved on 2026-11-29 during the inflater's rewrite. Both inflates give no bytes, and
    /// reading it as traffic fails exactly as reading its (empty) inflated bytes does.
    @Test func anEmptyMemberInflatesToNothingAndReadsAsAnEmptyLog() throws {
        let member = Data([0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x03, 0x00,
                           0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00])
        #expect(Gzip.isGzip(member))
        #expect(try Gzip.decompress(member, file: "empty.jsonl.gz").isEmpty)
        var streamed = 0
        try Gzip.stream(member, file: "empty.jsonl.gz") { (_, range, _) throws(CostGateError) -> Int in
            streamed += range.count
            return range.count
        }
        #expect(streamed == 0)
        // One name for both reads, as the fuzz target reads them (gzip is known by its magic bytes).
        let spec = TrafficSpec(path: "empty.jsonl", format: .jsonl)
        func failure(_ data: Data) -> String? {
            do {
                _ = try TrafficReader.read(data, spec: spec, file: "empty.jsonl", skipBadRecords: false)
                return nil
            } catch {
                return error.description
            }
        }
        let direct = try #require(failure(member))
        #expect(direct == failure(Data()))
        #expect(direct.contains("no readable records"))
    }

    @Test func overSubscribedCodesAreRejected() {
        #expect(Inflater.table([1, 1, 1]) == nil)
        #expect(Inflater.table([1, 2, 2]) != nil)
        // An incomplete code (one distance code) is allowed.
        #expect(Inflater.table([1]) != nil)
    }
}
