import Foundation

extension CSVReader {
    /// Splits the body `start..<end` of a CSV file that has quotes into about `chunkCount` ranges (nil: chosen
    /// from the size), each ending just after a newline that ends a row, so the ranges can be parsed in parallel.
    ///
    /// A newline inside a quoted field does not end a row, so the body is pre-scanned from its start: a quote
    /// opens a field only at a field's start (the body's start, after `,` or a newline), and a closing quote
    /// (not doubled) must be followed by `,`, a newline, `\r\n` or the end. Returns nil, and the caller reads
    /// the body as one chunk as before, whenever a quote is anywhere else or never closed: then the rows the
    /// sequential scan finds are not certain, and a malformed file gives exactly the records and errors it
    /// always gave.
    static func rowRanges(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int, chunkCount: Int?) -> [Range<Int>]? {
        let size = end - start
        let count = max(1, min(chunkCount ?? (size / TrafficReader.chunkBytes + 1), max(1, size)))
        guard count > 1 else { return [start..<end] }
        let quote = UInt8(ascii: "\"")
        var boundaries: [Int] = []
        var nextTarget = 1
        var target = start + size / count
        var position = start
        while position < end {
            // Outside quotes every newline ends a row: take the first one at or after each target before the next quote.
            let quoteAt = offset(of: quote, base, from: position, to: end) ?? end
            while nextTarget < count && target < quoteAt {
                guard let newline = offset(of: 0x0A, base, from: max(target, position), to: quoteAt) else { break }
                boundaries.append(newline + 1)
                nextTarget += 1
                target = max(start + size / count * nextTarget, newline + 1)
            }
            guard quoteAt < end else { break }
            let previous = quoteAt > start ? base[quoteAt - 1] : 0x0A
            guard previous == UInt8(ascii: ",") || previous == 0x0A else { return nil }
            // Inside the quoted field: skip doubled quotes to the closing one.
            var scan = quoteAt + 1
            while true {
                guard let closing = offset(of: quote, base, from: scan, to: end) else { return nil }
                if closing + 1 < end && base[closing + 1] == quote {
                    scan = closing + 2
                    continue
                }
                scan = closing + 1
                break
            }
            guard scan < end else { break }
            switch base[scan] {
            case UInt8(ascii: ","), 0x0A: break
            case 0x0D where scan + 1 == end || base[scan + 1] == 0x0A: break
            default: return nil
            }
            position = scan
        }
        var ranges: [Range<Int>] = []
        var lower = start
        for upper in boundaries + [end] where upper > lower {
            ranges.append(lower..<upper)
            lower = upper
        }
        return ranges
    }

    /// Whether chunks parsed from a split at newlines began at row starts: the first chunk does, and each next one
    /// does when the one before did not end inside a quoted field (`CSVReader.parseChunk`'s `aligned`).
    static func rowsAlign(_ chunks: [(chunk: TrafficChunk, aligned: Bool)]) -> Bool {
        chunks.dropLast().allSatisfy(\.aligned)
    }

    /// The index of the first `byte` in `from..<to`, or nil.
    private static func offset(of byte: UInt8, _ base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int? {
        guard from < to, let found = memchr(base + from, Int32(byte), to - from) else { return nil }
        return UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
    }
}
