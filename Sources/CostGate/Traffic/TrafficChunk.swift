/// What one chunk of a traffic file parsed to, with ids local to the chunk.
struct TrafficChunk: Sendable {
    var records: [TrafficRecord] = []
    var strings: [String] = []
    var tagSets: [[Traffic.TagPair]] = [[]]
    var hashPool: [Int64] = []
    /// Bad records in order: all of them up to 10 (only the first when not skipping).
    var issues: [RecordIssue] = []
    var badRecordCount = 0
    /// Lines in the chunk (newlines, plus one for a final line without a newline).
    var lineCount = 0
    /// Usage-report rows read, and those without a request count.
    var aggregateRows = 0
    var aggregateRowsWithoutCount = 0
    /// The earliest bucket start and latest bucket end of a usage report.
    var windowStart = Double.infinity
    var windowEnd = -Double.infinity
    /// Audio and image tokens of usage rows.
    var modalityTokens = ModalityTokens()
    /// The records' join keys (`traffic.join`), by record index.
    var joinKeys = Traffic.JoinKeys()
}
