import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

private typealias Support = TrafficTestSupport

/// A log read a block at a time (`TrafficReader.readBlocks`, for `costgate sample`) gives the records, skipped rows
/// and errors of the whole read, in the same order, whatever the block size: JSON Lines, CSV with quoted newlines
/// across block ends, misquoted CSV, gzip.
@Suite struct TrafficReaderBlocksTests {
    /// Every record of the blocks, resolved, with each block's first position; the skipped count; or the error.
    static func blocks(_ data: Data, spec: TrafficSpec, skip: Bool, blockBytes: Int) -> Result<([String], Int), CostGateError> {
        var records: [String] = []
        var skipped = 0
        do throws(CostGateError) {
            let count = try TrafficReader.readBlocks(data, spec: spec, file: "t", skipBadRecords: skip, blockBytes: blockBytes) { block in
                records += block.records.map { Support.resolved(block, $0) }
                skipped += block.skipped.count
            }
            #expect(count == records.count)
            return .success((records, skipped))
        } catch {
            return .failure(error)
        }
    }

    /// The same for the whole read.
    static func whole(_ data: Data, spec: TrafficSpec, skip: Bool) -> Result<([String], Int), CostGateError> {
        do throws(CostGateError) {
            let traffic = try TrafficReader.read(data, spec: spec, file: "t", skipBadRecords: skip)
            return .success((traffic.records.map { Support.resolved(traffic, $0) }, traffic.skipped.count))
        } catch {
            return .failure(error)
        }
    }

    static func same(_ a: Result<([String], Int), CostGateError>, _ b: Result<([String], Int), CostGateError>) -> Bool {
        switch (a, b) {
        case (.success(let x), .success(let y)): return x.0 == y.0 && x.1 == y.1
        case (.failure(let x), .failure(let y)): return x == y
        default: return false
        }
    }

    @Test(arguments: [1, 97, 4_096, 1 << 26])
    func jsonLinesInBlocksReadAsTheWholeFile(blockBytes: Int) throws {
        let data = Data(Support.sample(records: 400, seed: 7).utf8)
        let whole = Self.whole(data, spec: Support.jsonl(), skip: false)
        guard case .success(let expected) = whole else { Issue.record("the sample does not read"); return }
        #expect(expected.0.count == 400)
        #expect(Self.same(Self.blocks(data, spec: Support.jsonl(), skip: false, blockBytes: blockBytes), whole))
    }

    @Test func aBadLineInALaterBlockIsNamedByItsLineInTheFile() throws {
        var lines = (0..<300).map { _ in Support.line(#""model": "m""#) }
        lines[250] = Support.line(replacing: #""input_tokens": -3"#)
        let data = Data((lines.joined(separator: "\n") + "\n").utf8)
        let whole = Self.whole(data, spec: Support.jsonl(), skip: false)
        guard case .failure(let error) = whole, case .badRecord(_, let line, _, _, _) = error else {
            Issue.record("the bad line is not an error")
            return
        }
        #expect(line == 251)
        #expect(Self.same(Self.blocks(data, spec: Support.jsonl(), skip: false, blockBytes: 500), whole))
        let skipped = Self.blocks(data, spec: Support.jsonl(), skip: true, blockBytes: 500)
        #expect(Self.same(skipped, Self.whole(data, spec: Support.jsonl(), skip: true)))
        if case .success(let read) = skipped { #expect(read.0.count == 299 && read.1 == 1) }
    }

    @Test(arguments: [1, 40, 300, 5_000])
    func csvInBlocksReadsAsTheWholeFileEvenWithQuotedNewlines(blockBytes: Int) throws {
        let spec = Support.csv()
        for (name, text) in CSVRowBoundaryTests.wellQuoted + CSVRowBoundaryTests.misquoted {
            let data = Data(text.utf8)
            for skip in [false, true] {
                #expect(Self.same(Self.blocks(data, spec: spec, skip: skip, blockBytes: blockBytes),
                                  Self.whole(data, spec: spec, skip: skip)), "\(name), skip \(skip)")
            }
        }
    }

    @Test(arguments: [(1, false), (3, true)])
    func gzipInBlocksReadsAsItsPlainBytes(members: Int, bom: Bool) throws {
        let plain = GzipTests.largeLog(badLines: [5, 29_000], bom: bom)
        let packed = Data(GzipTests.storedGzip(plain, members: members))
        let spec = TrafficSpec(path: "big.jsonl.gz", format: .jsonl)
        for skip in [false, true] {
            let whole = Self.whole(Data(plain), spec: spec, skip: skip)
            #expect(Self.same(Self.blocks(packed, spec: spec, skip: skip, blockBytes: 100_000), whole), "skip \(skip)")
            if skip, case .success(let read) = whole { #expect(read.0.count == 29_998 && read.1 == 2) }
        }
    }

    /// Found by the `blocks` fuzz target: a usage report with a page per line is one such file throughout, so a
    /// block (or a chunk of a large file) that starts at a broken line reads it as a broken page, not as the start
    /// of one pretty-printed page (which gave another error, and skipped other lines).
    @Test func aUsageReportWithAPagePerLineIsReadLineByLineInEveryBlock() throws {
        func page(_ time: Int) -> String {
            #"{"object": "page", "data": [{"object": "bucket", "start_time": \#(time), "end_time": \#(time + 60), "results": [{"object": "organization.usage.completions.result", "input_tokens": 700, "output_tokens": 70, "input_cached_tokens": 0, "num_model_requests": 7, "project_id": "proj_a", "model": "gpt-4o-2024-08-06", "batch": null}]}], "has_more": true, "next_page": "p"}"#
        }
        let lines = [page(1_760_000_000), #"{"object": "page", "data": [{"object": "buck"#, page(1_760_000_060), #"{"timestam"#, page(1_760_000_120)]
        let data = Data((lines.joined(separator: "\n") + "\n").utf8)
        let spec = TrafficSpec(path: "u.jsonl", format: .openaiUsage)
        for skip in [false, true] {
            let whole = Self.whole(data, spec: spec, skip: skip)
            if skip, case .success(let read) = whole { #expect(read.0.count == 3 && read.1 == 2) }
            for blockBytes in [1, 40, 500] {
                #expect(Self.same(Self.blocks(data, spec: spec, skip: skip, blockBytes: blockBytes), whole), "skip \(skip), \(blockBytes)")
            }
            // The whole read in several chunks decides the same way.
            let chunked: Result<([String], Int), CostGateError>
            do throws(CostGateError) {
                let traffic = try TrafficReader.read(data, spec: spec, file: "t", skipBadRecords: skip, chunkCount: 5)
                chunked = .success((traffic.records.map { Support.resolved(traffic, $0) }, traffic.skipped.count))
            } catch {
                chunked = .failure(error)
            }
            #expect(Self.same(chunked, whole), "skip \(skip)")
        }
    }

    @Test func aMappedFilesPagesCanBeHandedBackAndReadAgain() throws {
        let path = NSTemporaryDirectory() + "costgate-mapped-\(ProcessInfo.processInfo.processIdentifier).bin"
        let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let mapped = try MappedFile.map(path)
        mapped.withUnsafeBytes { raw in
            MappedFile.release(raw.baseAddress!, 0..<raw.count)
            MappedFile.release(raw.baseAddress!, 5_000..<200_001)
        }
        #expect(mapped == Data(bytes))
        // Memory that is not a mapping made by MappedFile is never touched: dropping its pages would zero them.
        let heap = UnsafeMutableRawPointer.allocate(byteCount: 1 << 20, alignment: 1 << 12)
        defer { heap.deallocate() }
        heap.initializeMemory(as: UInt8.self, repeating: 0xAB, count: 1 << 20)
        MappedFile.release(heap, 0..<(1 << 20))
        #expect(UnsafeRawBufferPointer(start: heap, count: 1 << 20).allSatisfy { $0 == 0xAB })
        #expect(throws: (any Error).self) { try MappedFile.map(NSTemporaryDirectory() + "no-such-costgate-file") }
        let empty = path + ".empty"
        try Data().write(to: URL(fileURLWithPath: empty))
        defer { try? FileManager.default.removeItem(atPath: empty) }
        #expect(try MappedFile.map(empty).isEmpty)
    }
}
