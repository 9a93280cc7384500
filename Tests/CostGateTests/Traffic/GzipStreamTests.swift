import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// `Gzip.stream` hands over what `Gzip.decompress` returns, byte for byte, whatever the reader consumes each time,
/// keeps only a window of the output when the reader keeps up, and reports the same faults.
@Suite struct GzipStreamTests {
    /// The bytes streamed, consuming `share` of what is offered each time (all of it at the end), and the largest
    /// buffer length seen.
    static func streamed(_ data: Data, share: Double) throws(CostGateError) -> (bytes: [UInt8], largest: Int) {
        var bytes: [UInt8] = []
        var largest = 0
        var completions = 0
        try Gzip.stream(data, file: "s.gz") { (base, range, isComplete) throws(CostGateError) -> Int in
            largest = max(largest, range.upperBound)
            let taken = isComplete ? range.count : Int(Double(range.count) * share)
            bytes.append(contentsOf: UnsafeBufferPointer(start: base + range.lowerBound, count: taken))
            if isComplete { completions += 1 }
            return taken
        }
        #expect(completions == 1)
        return (bytes, largest)
    }

    @Test(arguments: [0.0, 0.5, 1.0])
    func streamsEveryValidFixtureAsDecompressDoes(share: Double) throws {
        let cases = try GzipTests.expected().filter { $0.value["error"] == nil }
        #expect(cases.count >= 10)
        for name in cases.keys.sorted() {
            let data = try Data(contentsOf: URL(fileURLWithPath: GzipTests.folder + "/" + name))
            #expect(try Self.streamed(data, share: share).bytes == [UInt8](try Gzip.decompress(data, file: "s.gz")), "\(name)")
        }
    }

    @Test func corruptFilesGiveTheErrorsOfDecompress() throws {
        let cases = try GzipTests.expected().filter { $0.value["error"] != nil }
        #expect(cases.count == 5)
        for name in cases.keys.sorted() {
            let data = try Data(contentsOf: URL(fileURLWithPath: GzipTests.folder + "/" + name))
            var expected: CostGateError?
            do throws(CostGateError) { _ = try Gzip.decompress(data, file: "s.gz") } catch { expected = error }
            var found: CostGateError?
            do throws(CostGateError) { _ = try Self.streamed(data, share: 1) } catch { found = error }
            #expect(expected != nil && found == expected, "\(name)")
        }
    }

    @Test(arguments: [1, 3])
    func aReaderThatKeepsUpHoldsOnlyAWindow(members: Int) throws {
        let plain = GzipTests.largeLog(badLines: [], bom: false)
        let packed = Data(GzipTests.storedGzip(plain, members: members))
        let all = try Self.streamed(packed, share: 1)
        #expect(all.bytes == plain)
        #expect(plain.count > 4 << 20)
        // Stored blocks are at most 64 KiB: the buffer holds the last 32 KiB, up to 1 MiB not yet dropped, one block.
        #expect(all.largest < (1 << 20) + (1 << 15) + (1 << 17), "\(all.largest)")
        // A reader that keeps nothing back makes the buffer hold everything.
        #expect(try Self.streamed(packed, share: 0).largest == plain.count)
    }

    @Test func aReadersErrorStopsTheStream() throws {
        let packed = Data(GzipTests.storedGzip(GzipTests.largeLog(badLines: [], bom: false)))
        var calls = 0
        #expect(throws: CostGateError.usage("stop")) {
            try Gzip.stream(packed, file: "s.gz") { (_, range, _) throws(CostGateError) -> Int in
                calls += 1
                if calls == 3 { throw .usage("stop") }
                return range.count
            }
        }
        #expect(calls == 3)
    }
}
