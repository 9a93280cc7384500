/// How every JSON report writes a latency summary, so `check`, `simulate` and `rightsize` agree.
extension LatencySummary {
    /// The summary as an ordered JSON object `{mean, p50, p90, p95, p99}`; a percentile with no samples is null.
    public var json: JSONValue {
        func number(_ x: Double) -> JSONValue { x.isFinite ? .number(x) : .null }
        return .object([("mean", number(mean)), ("p50", number(p50)), ("p90", number(p90)), ("p95", number(p95)),
                        ("p99", number(p99))])
    }
}
