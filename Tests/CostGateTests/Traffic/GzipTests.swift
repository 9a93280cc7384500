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

    @Test func crcMatchesTheStandardCheckValue() {
        // The CRC-32 check value of "123456789" (ISO 3309 / ITU-T V.42).
        let bytes = Array("123456789".utf8)
        #expect(bytes.withUnsafeBufferPointer { CRC32.checksum($0) } == 0xCBF4_3926)
    }

    @Test func overSubscribedCodesAreRejected() {
        #expect(Inflater.table([1, 1, 1]) == nil)
        #expect(Inflater.table([1, 2, 2]) != nil)
        // An incomplete code (one distance code) is allowed.
        #expect(Inflater.table([1]) != nil)
    }
}
