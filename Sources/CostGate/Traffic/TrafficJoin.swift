/// A second log joined to the traffic by a shared key (`traffic.join`): an application log that carries
/// `customer_id` joined to the provider usage log by request id, say. Its tags are added to each record with a
/// partner; `columns` fill the fields a record lacks (a usage log without timestamps takes the application's).
public struct TrafficJoin: Sendable, Equatable {
    /// The path forms as the plan wrote them (a file, a folder, a glob, `-` is not allowed), joined by ", ".
    public var path: String
    /// Each path form.
    public var paths: [String]
    /// `jsonl` or `csv`.
    public var format: TrafficSpec.Format
    /// The dotted path of the key in a traffic record.
    public var left: String
    /// The dotted path (or CSV column) of the key in the joined log.
    public var right: String
    /// Tag key → the dotted path (or column) in the joined log that carries it.
    public var tags: [String: String]
    /// Canonical field (`timestamp`, `latency_ms`, `ttft_ms`) → where the joined log holds it; used where a record lacks it.
    public var columns: [String: String]

    /// The fields `columns` may fill.
    public static let fillableFields = ["timestamp", "latency_ms", "ttft_ms"]

    /// The reserved tag key under which readers carry a record's join key until the join replaces it.
    static let keyTag = "\u{1}join"

    /// Creates a join.
    public init(path: String, paths: [String], format: TrafficSpec.Format, left: String, right: String,
                tags: [String: String], columns: [String: String] = [:]) {
        self.path = path
        self.paths = paths
        self.format = format
        self.left = left
        self.right = right
        self.tags = tags
        self.columns = columns
    }

    /// The spec the joined log is read with: only the key, the tags and the fillable columns.
    var lookupSpec: TrafficSpec {
        var spec = TrafficSpec(path: path, format: format, columns: columns)
        spec.paths = paths
        spec.tags = tags.merging([Self.keyTag: right]) { _, key in key }
        spec.isLookup = true
        return spec
    }
}
