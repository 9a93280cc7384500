/// How a traffic file's bytes are read: where its records begin and which parser reads them, decided from the
/// plan's format and the file's first bytes.
struct TrafficBody {
    /// The parser for the records.
    enum Kind {
        /// JSON Lines, and the sources that log one JSON object per line.
        case lines
        /// A usage report: pages of JSON, one per line, or one pretty-printed page.
        case usageReport(onePagePerLine: Bool)
        /// CSV with its header.
        case csv(CSVReader.Header)
    }

    var kind: Kind
    /// The first byte of the records (after a byte-order mark and a CSV header).
    var start: Int
    /// Newlines before `start` (a CSV header's).
    var leadingLines = 0

    /// Reads the layout of `count` bytes at `base`.
    ///
    /// - Throws: `CostGateError.badRecord` for a bad CSV header.
    init(_ base: UnsafePointer<UInt8>, count: Int, spec: TrafficSpec, layout: FieldLayout, file: String) throws(CostGateError) {
        start = count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF ? 3 : 0
        var format = spec.format
        if format == .litellm || format == .langfuse || format == .helicone {
            // These tools export JSON Lines or CSV (whose JSON sits in cells): a JSON line starts with '{'.
            var first = start
            while first < count, base[first] == 0x20 || base[first] == 0x09 || base[first] == 0x0D || base[first] == 0x0A { first += 1 }
            if first < count, base[first] != UInt8(ascii: "{") { format = .csv }
        }
        switch format {
        case .jsonl, .litellm, .langfuse, .helicone, .otlp:
            kind = .lines
        case .openaiUsage, .anthropicUsage:
            kind = .usageReport(onePagePerLine: UsageReportReader.isOnePagePerLine(base, from: start, to: count))
        case .csv:
            let header = try CSVReader.Header.read(base, from: start, to: count, layout: layout, file: file)
            kind = .csv(header)
            start = header.bodyStart
            leadingLines = header.lineCount
        }
    }

    /// Whether the records can be read a block of lines at a time: all but a usage report written as one JSON value.
    var splitsAtLines: Bool {
        if case .usageReport(onePagePerLine: false) = kind { return false }
        return true
    }

    /// Parses the records in `range` (from `start`, or from a line that begins a row), in parallel chunks.
    ///
    /// - Returns: the chunks in order, and whether the last one ended outside a quoted CSV field (always true for
    ///   other formats): when it did not, the range ended inside a row.
    func parse(_ base: UnsafePointer<UInt8>, _ range: Range<Int>, layout: FieldLayout, skipBadRecords: Bool,
               chunkCount: Int?) -> (chunks: [TrafficChunk], endsAligned: Bool) {
        switch kind {
        case .lines:
            let ranges = TrafficReader.split(base, from: range.lowerBound, to: range.upperBound, chunkCount: chunkCount)
            let chunks = TrafficReader.parse(ranges, of: base) { range in
                JSONLinesReader.parseChunk(base, from: range.lowerBound, to: range.upperBound, layout: layout,
                                           skipBadRecords: skipBadRecords)
            }
            return (chunks, true)
        case .usageReport(let onePagePerLine):
            // A page per line splits at line boundaries; a pretty-printed page is one value, read whole.
            let ranges = onePagePerLine
                ? TrafficReader.split(base, from: range.lowerBound, to: range.upperBound, chunkCount: chunkCount) : [range]
            let chunks = TrafficReader.parse(ranges, of: base) { range in
                UsageReportReader.parseChunk(base, from: range.lowerBound, to: range.upperBound, perLine: onePagePerLine, layout: layout,
                                             skipBadRecords: skipBadRecords)
            }
            return (chunks, true)
        case .csv(let header):
            let body = { (ranges: [Range<Int>]) in
                TrafficReader.parse(ranges, of: base) { range in
                    CSVReader.parseChunk(base, from: range.lowerBound, to: range.upperBound, header: header,
                                         layout: layout, skipBadRecords: skipBadRecords)
                }
            }
            // Split at newlines and parsed in parallel. A quote may hide a newline inside a field: when a chunk's
            // last row runs on inside quotes, the next chunk began mid-row, and the range is split again where a
            // pre-scan of the quotes finds rows end, or read as one chunk when a quote is out of place.
            var parsed = body(TrafficReader.split(base, from: range.lowerBound, to: range.upperBound, chunkCount: chunkCount))
            if !CSVReader.rowsAlign(parsed) {
                parsed = body(CSVReader.rowRanges(base, from: range.lowerBound, to: range.upperBound, chunkCount: chunkCount)
                              ?? [range])
            }
            return (parsed.map(\.chunk), parsed.last?.aligned ?? true)
        }
    }
}
