/// A recorded traffic sample: the records and the tables their ids point into.
public struct Traffic: Sendable {
    /// The records, in file order.
    public var records: [TrafficRecord] = []
    /// Interned model names, routes, tag keys and values, prefix ids.
    public var strings = StringTable()
    /// Tag sets: each a list of (key id, value id) sorted by key id. Set 0 is the empty set.
    public var tagSets: [[TagPair]] = [[]]
    /// Block hashes for records with Mooncake-style `hash_ids`.
    public var hashPool: [Int64] = []
    /// Records skipped under `--skip-bad-records`, with the first few reasons.
    public var skipped = SkippedRecords()
    /// The file the sample was read from, as the user named it.
    public var source: String = ""
    /// Usage-report rows read (`openai-usage`, `anthropic-usage`): 0 for request logs. Each row became records
    /// standing for its requests (`UsageReportReader`).
    public var aggregateRows = 0
    /// Rows of those without a request count, each read as one record of the row's totals.
    public var aggregateRowsWithoutCount = 0
    /// The time the usage report's buckets cover (earliest start to latest end, Unix seconds), nil for request logs.
    public var coveredInterval: ClosedRange<Double>?
    /// The seconds `coveredInterval` spans: the forecast's window when the plan gives no `window_hours`.
    public var coveredSeconds: Double? { coveredInterval.map { $0.upperBound - $0.lowerBound } }
    /// What `traffic.join` matched, nil when the plan joins nothing.
    public var joinSummary: JoinSummary?
    /// Audio and image tokens in usage rows, priced at the text rates (`ModalityTokens`).
    public var aggregateModalityTokens = ModalityTokens()
    /// The records' join keys until `join` uses them (`traffic.join`).
    var joinKeys = JoinKeys()

    /// Creates an empty sample.
    public init() {}

    /// A tag: key and value string ids.
    public struct TagPair: Sendable, Hashable {
        public var key: Int32
        public var value: Int32
        public init(key: Int32, value: Int32) {
            self.key = key
            self.value = value
        }
    }

    /// Records that could not be read and were skipped.
    public struct SkippedRecords: Sendable, Equatable {
        /// How many records were skipped.
        public var count = 0
        /// The first reasons (at most 10), each naming file and line.
        public var examples: [String] = []
        public init() {}
    }

    /// The value of tag `key` on `record`, if any.
    public func tag(_ key: String, of record: TrafficRecord) -> String? {
        guard let keyID = strings.id(of: key) else { return nil }
        for pair in tagSets[Int(record.tagSet)] where pair.key == keyID { return strings[pair.value] }
        return nil
    }

    /// Whether `other` holds the same records with the same names (the same sample, wherever it was read from).
    public func sameRecords(as other: Traffic) -> Bool {
        records.count == other.records.count && strings.strings == other.strings.strings && tagSets == other.tagSets
            && hashPool == other.hashPool && zip(records, other.records).allSatisfy { $0.isIdentical(to: $1) }
    }

    /// Every tag key that occurs in the sample, sorted.
    public var tagKeys: [String] {
        var keys = Set<Int32>()
        for set in tagSets { for pair in set { keys.insert(pair.key) } }
        return keys.map { strings[$0] }.sorted()
    }

    /// The name of the group of records without a given tag, in breakdowns, strata and `where` filters alike.
    public static let noneTagValue = "(none)"

    /// Every value tag `key` takes in the sample, sorted (empty when no record has the key).
    public func tagValues(of key: String) -> [String] {
        guard let keyID = strings.id(of: key) else { return [] }
        var values = Set<Int32>()
        for set in tagSets { for pair in set where pair.key == keyID { values.insert(pair.value) } }
        return values.map { strings[$0] }.sorted()
    }

    /// Earliest and latest timestamp, or nil for an empty sample.
    public var timeSpan: (earliest: Double, latest: Double)? {
        guard var low = records.first?.timestamp else { return nil }
        var high = low
        for record in records {
            low = min(low, record.timestamp)
            high = max(high, record.timestamp)
        }
        return (low, high)
    }
}
