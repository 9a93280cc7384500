import Foundation

/// Reads JSON Lines traffic: one object per line, scanned as bytes into a `ChunkBuilder`.
enum JSONLinesReader {
    /// Parses the lines in `start..<end` (which begins at a line start and ends after a newline or at
    /// the end of the file).
    static func parseChunk(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int,
                           layout: FieldLayout, skipBadRecords: Bool) -> TrafficChunk {
        var builder = ChunkBuilder(layout: layout, skipBadRecords: skipBadRecords)
        let scratch = ByteScratch()
        var line = 0
        var position = start
        while position < end {
            line += 1
            let lineEnd: Int
            if let newline = memchr(base + position, 0x0A, end - position) {
                lineEnd = UnsafeRawPointer(newline).assumingMemoryBound(to: UInt8.self) - base
            } else {
                lineEnd = end
            }
            var scanner = JSONLineScanner(base: base, index: position, end: lineEnd, scratch: scratch)
            scanner.skipWhitespace()
            if scanner.index < lineEnd {
                builder.begin()
                do throws(RecordIssue) {
                    if layout.isOTLP {
                        // One line holds many spans; each is begun, finished or rejected inside.
                        try scanner.parseOTLPLine(into: &builder, line: line)
                    } else {
                        try scanner.parseRecord(into: &builder)
                        if let issue = builder.finish() { builder.reject(issue, line: line) }
                    }
                } catch {
                    builder.reject(error, line: line)
                }
                if builder.mustStop { break }
            }
            position = lineEnd + 1
            // After 64 lines, room for the rest at their average length, and a few more; never more than a record
            // per 24 bytes (short first lines would otherwise ask for far more than the chunk holds; pages of the
            // room not written to are never touched).
            if line == 64, position < end {
                let estimate = Double(end - start) / Double(position - start) * 64 * 1.05
                builder.reserveRecords(min(Int(estimate) + 64, (end - start) / 24))
            }
        }
        return builder.result(lineCount: line)
    }
}
