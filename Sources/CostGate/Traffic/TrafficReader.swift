public import Foundation
import Dispatch

/// Reads a traffic file (JSON Lines or CSV) into a `Traffic` sample.
///
/// Each record needs `timestamp` (RFC 3339, `YYYY-MM-DD HH:MM:SS[.f]` as UTC, or a number in the spec's
/// `timestampUnit`), `input_tokens` and `output_tokens`; the other `TrafficSpec.canonicalFields` are
/// optional, and JSON `null` or an empty CSV cell means absent. `columns` renames fields, `defaults`
/// fills a missing `model`, `route`, `status`, `prefix_id` or tag; without one, `route` is `default` and
/// `model` is empty. Any other string field (JSON) or unmapped column (CSV) is a tag, and the `tags`
/// object wins over a top-level string with the same key. The first bad record throws
/// `CostGateError.badRecord` naming its line, field (as the file spells it), what was expected and what
/// was found; with `skipBadRecords` bad records are counted in `Traffic.skipped` instead.
///
/// The bytes are split into chunks at line boundaries, the chunks are parsed in parallel, each with its
/// own string and tag-set tables, and the results are merged in file order. Ids, record order and the
/// reported error are therefore the same whatever the number of chunks or threads.
public enum TrafficReader {
    /// Bytes per chunk when splitting a large file.
    static let chunkBytes = 1 << 21

    /// Reads traffic from `data`.
    ///
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - spec: The plan's `traffic` section: format, column mapping, defaults, timestamp unit.
    ///   - file: The name to show in errors.
    ///   - skipBadRecords: Skip bad records (counting them) instead of failing on the first.
    /// - Returns: The records in file order with their string, tag-set and hash tables.
    /// - Throws: `CostGateError.badRecord` for the first bad record (or a bad CSV header), and
    ///   `CostGateError.io` when no record could be read.
    public static func read(_ data: Data, spec: TrafficSpec, file: String, skipBadRecords: Bool) throws(CostGateError) -> Traffic {
        if Gzip.isGzip(data) { return try readGzip(data, spec: spec, file: file, skipBadRecords: skipBadRecords, allowEmpty: false) }
        return try read(try decompressed(data, file: file), spec: spec, file: file, skipBadRecords: skipBadRecords, chunkCount: nil)
    }

    /// Reads the traffic file at `path`, mapping it into memory.
    ///
    /// - Parameters:
    ///   - path: The file to read.
    ///   - displayName: The name to show in errors (the path as the plan wrote it).
    ///   - spec: The plan's `traffic` section.
    ///   - skipBadRecords: Skip bad records instead of failing on the first.
    /// - Returns: The traffic sample.
    /// - Throws: `CostGateError.io` when the file cannot be read, else as `read(_:spec:file:skipBadRecords:)`.
    public static func read(contentsOf path: String, displayName: String, spec: TrafficSpec,
                            skipBadRecords: Bool) throws(CostGateError) -> Traffic {
        let data: Data
        do {
            data = try MappedFile.map(path)
        } catch {
            throw .io(path: displayName, reason: ioReason(error, path: path))
        }
        return try read(data, spec: spec, file: displayName, skipBadRecords: skipBadRecords)
    }

    private static func ioReason(_ error: any Error, path: String) -> String {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) { return "no such file" }
        if isDirectory.boolValue { return "is a directory, not a traffic file" }
        if !FileManager.default.isReadableFile(atPath: path) { return "permission denied" }
        return "cannot be read (\(error.localizedDescription))"
    }

    /// Reads traffic with a fixed number of chunks (nil: chosen from the size); tests use it to check
    /// that chunking does not change the result.
    static func read(_ data: Data, spec: TrafficSpec, file: String, skipBadRecords: Bool,
                     chunkCount: Int?, allowEmpty: Bool = false) throws(CostGateError) -> Traffic {
        let layout = FieldLayout(spec: spec)
        var chunks: [TrafficChunk] = []
        var failure: CostGateError?
        data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self), raw.count > 0 else { return }
            do throws(CostGateError) {
                let body = try TrafficBody(base, count: raw.count, spec: spec, layout: layout, file: file)
                // A CSV header's lines come first.
                chunks = [TrafficChunk(lineCount: body.leadingLines)]
                    + body.parse(base, body.start..<raw.count, layout: layout, skipBadRecords: skipBadRecords, chunkCount: chunkCount).chunks
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        let parallel = chunks.count > 2  // the header's chunk and more than one of records
        let traffic = try merge(&chunks, file: file, skipBadRecords: skipBadRecords, allowEmpty: allowEmpty)
        // The merged chunks' records were freed; without this the allocator keeps them resident (`FreedMemory`). A
        // one-chunk read (a file under 2 MiB, each of a folder of small logs) frees too little to be worth a trim.
        if parallel { FreedMemory.returnToSystem() }
        return traffic
    }

    /// Splits `start..<end` into about `chunkCount` ranges, each ending just after a newline (or at `end`).
    static func split(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int, chunkCount: Int?) -> [Range<Int>] {
        let size = end - start
        let count = max(1, min(chunkCount ?? (size / chunkBytes + 1), max(1, size)))
        var ranges: [Range<Int>] = []
        var lower = start
        for index in 1...count {
            guard lower < end else { break }
            var upper = index == count ? end : max(lower, start + size / count * index)
            if upper < end {
                if let newline = memchr(base + upper, 0x0A, end - upper) {
                    upper = UnsafeRawPointer(newline).assumingMemoryBound(to: UInt8.self) - base + 1
                } else {
                    upper = end
                }
            }
            if upper > lower { ranges.append(lower..<upper) }
            lower = upper
        }
        return ranges
    }

    /// Parses the ranges of the bytes at `base` in parallel, returning the chunks in order. Each range's pages are
    /// handed back once it is parsed when the bytes are a mapped file (`MappedFile.release`), so a large file's pages
    /// do not stay resident.
    static func parse<Chunk>(_ ranges: [Range<Int>], of base: UnsafePointer<UInt8>, _ body: (Range<Int>) -> Chunk) -> [Chunk] {
        if ranges.count == 1 {
            defer { MappedFile.release(base, ranges[0]) }
            return [body(ranges[0])]
        }
        var chunks = [Chunk?](repeating: nil, count: ranges.count)
        withoutActuallyEscaping(body) { body in
            chunks.withUnsafeMutableBufferPointer { output in
                // Each iteration writes only its own slot, and the buffer outlives the loop.
                let work = UncheckedSendable(value: (output, body, base))
                DispatchQueue.concurrentPerform(iterations: ranges.count) { index in
                    work.value.0[index] = work.value.1(ranges[index])
                    MappedFile.release(work.value.2, ranges[index])
                }
            }
        }
        return chunks.map { $0! }
    }

    /// Merges chunks in order, remapping their local ids into one table; empties `chunks` as it goes.
    /// `lineOffset` counts the file's lines before the first chunk (a block read after others).
    static func merge(_ chunks: inout [TrafficChunk], file: String, skipBadRecords: Bool,
                      allowEmpty: Bool = false, lineOffset firstLine: Int = 0) throws(CostGateError) -> Traffic {
        var traffic = Traffic()
        traffic.source = file
        var lineOffset = firstLine
        for chunk in chunks {
            if !skipBadRecords, let issue = chunk.issues.first { throw issue.error(file: file, lineOffset: lineOffset) }
            lineOffset += chunk.lineCount
        }
        // An upper bound: strings shared by chunks are counted once per chunk.
        traffic.strings.reserveCapacity(chunks.reduce(0) { $0 + $1.strings.count })
        var tagSets = TagSetInterner()
        var pairs: [Traffic.TagPair] = []
        var coveredStart = Double.infinity
        var coveredEnd = -Double.infinity
        lineOffset = firstLine
        // First, in order, each chunk's tables are merged and its records' place is fixed; then the records are
        // remapped into place in parallel, each chunk freed once copied, so peak memory stays near one copy.
        var remaps: [(strings: [Int32], tagSets: [Int32], hashOffset: Int32, start: Int)] = []
        remaps.reserveCapacity(chunks.count)
        var recordCount = 0
        for index in chunks.indices {
            let chunk = chunks[index]
            let stringIDs = chunk.strings.map { traffic.strings.intern($0) }
            var tagSetIDs: [Int32] = []
            tagSetIDs.reserveCapacity(chunk.tagSets.count)
            for set in chunk.tagSets {
                pairs.removeAll(keepingCapacity: true)
                for pair in set { pairs.append(Traffic.TagPair(key: stringIDs[Int(pair.key)], value: stringIDs[Int(pair.value)])) }
                // Local key ids are in chunk order; the global set must be sorted by global key id.
                pairs.sort { $0.key < $1.key }
                tagSetIDs.append(pairs.withUnsafeBufferPointer { tagSets.intern($0) })
            }
            guard traffic.hashPool.count + chunk.hashPool.count <= Int(Int32.max) else {
                throw .io(path: file, reason: "too many hash_ids (more than \(Int32.max) in all) to index")
            }
            let hashOffset = Int32(traffic.hashPool.count)
            traffic.hashPool.append(contentsOf: chunk.hashPool)
            traffic.joinKeys.append(chunk.joinKeys, recordOffset: recordCount)
            remaps.append((stringIDs, tagSetIDs, hashOffset, recordCount))
            recordCount += chunk.records.count
            traffic.skipped.count += chunk.badRecordCount
            traffic.aggregateRows += chunk.aggregateRows
            traffic.aggregateRowsWithoutCount += chunk.aggregateRowsWithoutCount
            traffic.aggregateModalityTokens.add(chunk.modalityTokens)
            if chunk.windowEnd >= chunk.windowStart {
                coveredStart = min(coveredStart, chunk.windowStart)
                coveredEnd = max(coveredEnd, chunk.windowEnd)
                traffic.coveredInterval = coveredStart...coveredEnd
            }
            for issue in chunk.issues where traffic.skipped.examples.count < 10 {
                traffic.skipped.examples.append(issue.error(file: file, lineOffset: lineOffset).description)
            }
            lineOffset += chunk.lineCount
        }
        traffic.records = copyRecords(from: &chunks, remaps: remaps, count: recordCount)
        traffic.tagSets = tagSets.sets()
        if traffic.records.isEmpty && !allowEmpty {
            var reason = "no readable records in \(file)"
            if let first = traffic.skipped.examples.first {
                reason += " (\(traffic.skipped.count) skipped; the first: \(first))"
            }
            throw .io(path: file, reason: reason)
        }
        return traffic
    }
}

extension TrafficReader {
    /// The records of `chunks`, remapped by `remaps` (one per chunk: string and tag-set ids, hash offset, and where its
    /// records start), in chunk order. Chunks are copied in parallel when there are several, and each is emptied once
    /// copied.
    static func copyRecords(from chunks: inout [TrafficChunk], remaps: [(strings: [Int32], tagSets: [Int32], hashOffset: Int32, start: Int)],
                            count: Int) -> [TrafficRecord] {
        [TrafficRecord](unsafeUninitializedCapacity: count) { buffer, initialized in
            chunks.withUnsafeMutableBufferPointer { chunkBuffer in
                let work = UncheckedSendable(value: (buffer, chunkBuffer))
                DispatchQueue.concurrentPerform(iterations: chunkBuffer.count) { index in
                    let (output, chunks) = work.value
                    let remap = remaps[index]
                    var position = remap.start
                    for record in chunks[index].records {
                        (output.baseAddress! + position).initialize(to: record.remapped(strings: remap.strings, tagSets: remap.tagSets,
                                                                                        hashOffset: remap.hashOffset))
                        position += 1
                    }
                    chunks[index] = TrafficChunk()
                }
            }
            initialized = count
        }
    }
}

/// Carries non-`Sendable` values into `concurrentPerform`, where each iteration touches its own data.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
}
