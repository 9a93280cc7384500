public import Foundation

/// Reading a traffic file a block at a time, for logs too large to hold (`costgate sample`).
extension TrafficReader {
    /// Bytes per block: a block's records are in memory at once, about 150 bytes each.
    public static let blockBytes = 1 << 26

    /// Reads `data` a block of about `blockBytes` at a time, calling `body` with each block's records, in file order.
    ///
    /// Each block is a `Traffic` of its own (its own string and tag-set tables), read as `read(_:spec:file:...)`
    /// reads a whole file: in parallel chunks whose mapped pages are handed back once parsed, so a mapped file's
    /// pages do not stay resident. Blocks end at line ends; a CSV block whose last row runs on inside a quoted field
    /// grows to the next line end until a row ends there. Errors name the line in the whole file. A gzip file
    /// inflates as its blocks are read (`Gzip.stream`), in blocks of half the size, keeping about two of them; its CRC-32 is checked
    /// at the end, so a corrupt file may show a bad record before the gzip error, but it is an error either way. A
    /// usage report written as one JSON value is one block.
    ///
    /// - Returns: the number of records read.
    /// - Throws: the first bad record (without `skipBadRecords`), a bad header or a bad gzip stream; a block holding
    ///   only skipped records is not an error (the caller decides what an empty log is), and neither is an empty file.
    @discardableResult
    public static func readBlocks(_ data: Data, spec: TrafficSpec, file: String, skipBadRecords: Bool,
                                  blockBytes: Int = blockBytes,
                                  body: (consuming Traffic) throws(CostGateError) -> Void) throws(CostGateError) -> Int {
        let isGzip = Gzip.isGzip(data)
        // Half blocks for gzip: the inflate buffer holds a block and what has arrived since, and grows by doubling.
        var cutter = BlockCutter(spec: spec, file: file, skipBadRecords: skipBadRecords,
                                 blockBytes: max(1, isGzip ? blockBytes / 2 : blockBytes))
        if isGzip {
            try Gzip.stream(data, file: file) { (base, range, isComplete) throws(CostGateError) -> Int in
                try cutter.cut(base, range, isComplete: isComplete, body: body)
            }
        } else {
            let failure: CostGateError? = try decompressed(data, file: file).withUnsafeBytes { raw in
                guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self), raw.count > 0 else { return nil }
                do throws(CostGateError) {
                    _ = try cutter.cut(base, 0..<raw.count, isComplete: true, body: body)
                    return nil
                } catch {
                    return error
                }
            }
            if let failure { throw failure }
        }
        return cutter.recordCount
    }

    /// Cuts a file's bytes, handed over a piece at a time, into blocks at line ends, and reads each.
    private struct BlockCutter {
        let spec: TrafficSpec
        let file: String
        let skipBadRecords: Bool
        let blockBytes: Int
        let layout: FieldLayout
        /// The file's layout, read from its first bytes.
        var layoutBody: TrafficBody?
        /// Lines before the next block.
        var lineOffset = 0
        var recordCount = 0

        init(spec: TrafficSpec, file: String, skipBadRecords: Bool, blockBytes: Int) {
            self.spec = spec
            self.file = file
            self.skipBadRecords = skipBadRecords
            self.blockBytes = blockBytes
            layout = FieldLayout(spec: spec)
        }

        /// Reads the whole blocks in `range` of the bytes at `base` (all of it when `isComplete`); returns how many
        /// bytes from the range's start it read.
        mutating func cut(_ base: UnsafePointer<UInt8>, _ range: Range<Int>, isComplete: Bool,
                          body: (consuming Traffic) throws(CostGateError) -> Void) throws(CostGateError) -> Int {
            var lower = range.lowerBound
            let end = range.upperBound
            if layoutBody == nil {
                // The layout needs the first bytes: a CSV header, whether the first line is JSON, a whole first line.
                guard end > lower else { return 0 }
                if !isComplete {
                    var first = lower
                    while first < end, base[first] == 0x20 || base[first] == 0x09 || base[first] == 0x0D || base[first] == 0x0A { first += 1 }
                    guard end - lower >= 1 << 20, lineEnd(base, after: first, count: end) < end else { return 0 }
                }
                let found = try TrafficBody(base + lower, count: end - lower, spec: spec, layout: layout, file: file)
                layoutBody = found
                lineOffset = found.leadingLines
                lower += found.start
            }
            guard let layoutBody else { return 0 }
            if !layoutBody.splitsAtLines && !isComplete { return lower - range.lowerBound }
            while lower < end {
                guard isComplete || end - lower > blockBytes else { break }
                var upper = layoutBody.splitsAtLines ? lineEnd(base, after: lower + blockBytes, count: end) : end
                if !isComplete && upper == end { break } // no line end yet
                var parsed = layoutBody.parse(base, lower..<upper, layout: layout, skipBadRecords: skipBadRecords, chunkCount: nil)
                while !parsed.endsAligned && upper < end {
                    let next = lineEnd(base, after: upper + blockBytes, count: end)
                    if !isComplete && next == end { break }
                    upper = next
                    parsed = layoutBody.parse(base, lower..<upper, layout: layout, skipBadRecords: skipBadRecords, chunkCount: nil)
                }
                // A row running on past what has arrived: wait for more bytes and cut again.
                if !parsed.endsAligned && !isComplete { break }
                let lines = parsed.chunks.reduce(0) { $0 + $1.lineCount }
                let block = try merge(&parsed.chunks, file: file, skipBadRecords: skipBadRecords, allowEmpty: true,
                                      lineOffset: lineOffset)
                lineOffset += lines
                recordCount += block.records.count
                // Handed over, not shared: `body` may take the records over without copying them.
                try body(consume block)
                lower = upper
            }
            return lower - range.lowerBound
        }

        /// The index just after the first newline at or after `position`, or `count`.
        private func lineEnd(_ base: UnsafePointer<UInt8>, after position: Int, count: Int) -> Int {
            guard position < count, let newline = memchr(base + position, 0x0A, count - position) else { return count }
            return UnsafeRawPointer(newline).assumingMemoryBound(to: UInt8.self) - base + 1
        }
    }
}
