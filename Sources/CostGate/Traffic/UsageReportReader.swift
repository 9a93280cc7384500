import Foundation

/// Reads usage reports (`openai-usage`, `anthropic-usage`): a file holding one page (pretty-printed or not), or
/// pages as JSON Lines. Rows are aggregates, not requests; `ChunkBuilder.finishUsageRow` says how they become
/// records. A bad row names the file, its line and its JSON path (`data[2].results[0].output_tokens`).
enum UsageReportReader {
    /// Whether the first non-blank line holds a whole object (`{` … `}`): pages as JSON Lines, which may be
    /// split at line boundaries and read in parallel.
    static func isOnePagePerLine(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Bool {
        var index = start
        while index < end, base[index] == 0x20 || base[index] == 0x09 || base[index] == 0x0D || base[index] == 0x0A { index += 1 }
        guard index < end, base[index] == UInt8(ascii: "{") else { return false }
        var last = index
        var scan = index
        while scan < end, base[scan] != 0x0A {
            if base[scan] != 0x20 && base[scan] != 0x09 && base[scan] != 0x0D { last = scan }
            scan += 1
        }
        return last > index && base[last] == UInt8(ascii: "}")
    }

    /// Parses the pages in `start..<end`. In a one-page-per-line file (`perLine`, decided once for the whole file
    /// from its first line, `isOnePagePerLine`), a page with a syntax error is rejected and reading goes on at the
    /// next line; in a single pretty-printed page, it stops there.
    static func parseChunk(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int, perLine: Bool,
                           layout: FieldLayout, skipBadRecords: Bool) -> TrafficChunk {
        var builder = ChunkBuilder(layout: layout, skipBadRecords: skipBadRecords)
        let scratch = ByteScratch()
        var tally = JSONLineScanner.UsageTally()
        // Lines are counted forward only, from the last position counted.
        var countedTo = start
        var countedLines = 1
        func line(at position: Int) -> Int {
            let target = min(max(position, countedTo), end)
            var cursor = countedTo
            while cursor < target, let newline = memchr(base + cursor, 0x0A, target - cursor) {
                countedLines += 1
                cursor = UnsafeRawPointer(newline).assumingMemoryBound(to: UInt8.self) - base + 1
            }
            countedTo = target
            return countedLines
        }
        var position = start
        while position < end && !builder.mustStop {
            var scanner = JSONLineScanner(base: base, index: position, end: end, scratch: scratch)
            scanner.skipWhitespace()
            guard scanner.index < end else { break }
            let pageEnd: Int
            if perLine, let newline = memchr(base + scanner.index, 0x0A, end - scanner.index) {
                pageEnd = UnsafeRawPointer(newline).assumingMemoryBound(to: UInt8.self) - base
            } else {
                pageEnd = end
            }
            scanner = JSONLineScanner(base: base, index: scanner.index, end: pageEnd, scratch: scratch)
            do throws(RecordIssue) {
                try scanner.parseUsagePage(into: &builder, tally: &tally)
                scanner.skipWhitespace()
                if perLine && scanner.index < pageEnd { throw scanner.syntax("the end of the line after the page") }
                for (issue, at) in tally.issues { builder.reject(issue, line: line(at: at)) }
                tally.issues.removeAll()
            } catch {
                for (issue, at) in tally.issues { builder.reject(issue, line: line(at: at)) }
                tally.issues.removeAll()
                builder.reject(error, line: line(at: scanner.index))
                if !perLine { break }
            }
            position = perLine ? pageEnd + 1 : scanner.index
        }
        var lineCount = 0
        if end > start {
            var cursor = start
            while let newline = memchr(base + cursor, 0x0A, end - cursor) {
                lineCount += 1
                cursor = UnsafeRawPointer(newline).assumingMemoryBound(to: UInt8.self) - base + 1
                if cursor >= end { break }
            }
            if base[end - 1] != 0x0A { lineCount += 1 }
        }
        var chunk = builder.result(lineCount: lineCount)
        chunk.aggregateRows = tally.rows
        chunk.aggregateRowsWithoutCount = tally.rowsWithoutCount
        chunk.windowStart = tally.windowStart
        chunk.windowEnd = tally.windowEnd
        chunk.modalityTokens = builder.modalityTokens
        return chunk
    }
}
