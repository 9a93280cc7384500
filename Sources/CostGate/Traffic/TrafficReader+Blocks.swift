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
    /// grows to the next line end until a row ends there. Errors name the line in the whole file. A gzip file is
    /// inflated whole first (its decompressed bytes stay in memory while its blocks are read); a usage report written
    /// as one JSON value is one block.
    ///
    /// - Returns: the number of records read.
    /// - Throws: the first bad record (without `skipBadRecords`), a bad header or a bad gzip stream; a block holding
    ///   only skipped records is not an error (the caller decides what an empty log is), and neither is an empty file.
    @discardableResult
    public static func readBlocks(_ data: Data, spec: TrafficSpec, file: String, skipBadRecords: Bool,
                                  blockBytes: Int = blockBytes,
                                  body: (Traffic) throws(CostGateError) -> Void) throws(CostGateError) -> Int {
        let bytes = try decompressed(data, file: file)
        let layout = FieldLayout(spec: spec)
        var failure: CostGateError?
        var recordCount = 0
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self), raw.count > 0 else { return }
            do throws(CostGateError) {
                let layoutBody = try TrafficBody(base, count: raw.count, spec: spec, layout: layout, file: file)
                var lineOffset = layoutBody.leadingLines
                var lower = layoutBody.start
                while lower < raw.count {
                    var upper = layoutBody.splitsAtLines ? lineEnd(base, after: lower + max(1, blockBytes), count: raw.count) : raw.count
                    var parsed = layoutBody.parse(base, lower..<upper, layout: layout, skipBadRecords: skipBadRecords, chunkCount: nil)
                    while !parsed.endsAligned && upper < raw.count {
                        upper = lineEnd(base, after: upper + max(1, blockBytes), count: raw.count)
                        parsed = layoutBody.parse(base, lower..<upper, layout: layout, skipBadRecords: skipBadRecords, chunkCount: nil)
                    }
                    let lines = parsed.chunks.reduce(0) { $0 + $1.lineCount }
                    let block = try merge(&parsed.chunks, file: file, skipBadRecords: skipBadRecords, allowEmpty: true,
                                          lineOffset: lineOffset)
                    lineOffset += lines
                    recordCount += block.records.count
                    try body(block)
                    lower = upper
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return recordCount
    }

    /// The index just after the first newline at or after `position`, or `count`.
    private static func lineEnd(_ base: UnsafePointer<UInt8>, after position: Int, count: Int) -> Int {
        guard position < count, let newline = memchr(base + position, 0x0A, count - position) else { return count }
        return UnsafeRawPointer(newline).assumingMemoryBound(to: UInt8.self) - base + 1
    }
}
