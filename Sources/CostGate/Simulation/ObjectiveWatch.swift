/// Watches finished requests against latency objectives and says when a simulation can no longer meet them.
///
/// A percentile objective (`ttft_p95_ms ≤ 500`) fails when fewer than the percentile's nearest rank `k` of the
/// `n` values are at or below the limit, so once more than `n − k` values are above it, nothing later can save
/// the run. `LatencySummary` reads percentiles exactly up to 20,000 values and from 2^-11-wide buckets above,
/// where a value in the limit's own bucket may count as meeting it; so a value counts as above the limit only
/// when its bucket is above the limit's bucket, which is above the limit in both readings. Stopping is
/// therefore exact: a watched run stops only if its full result would fail an objective.
///
/// `n` is the number of values the summary will count: every request for TTFT and E2E (a rejected request
/// fails the objectives anyway), requests with more than one output token for TPOT.
struct ObjectiveWatch {
    private struct Bound {
        let metric: ServiceLevelObjective.Metric
        /// The limit's bucket (the top 23 bits of a positive double).
        let limitBucket: UInt64
        /// Values above the limit's bucket that the objective can still absorb.
        var allowance: Int
    }

    private var bounds: [Bound] = []
    /// True once some objective cannot be met.
    private(set) var failed = false

    /// A watch over `objectives` for a run of `requests`; objectives it cannot judge early (a limit that is not
    /// a positive finite number) are left to the summary.
    init(_ objectives: [ServiceLevelObjective], requests: [SimRequest]) {
        guard !objectives.isEmpty else { return }
        let multiToken = requests.reduce(0) { $0 + ($1.outputTokens > 1 ? 1 : 0) }
        for objective in objectives where objective.limitMs.isFinite && objective.limitMs > 0 {
            let n = objective.metric == .tpot ? multiToken : requests.count
            // The nearest rank as `LatencySummary` finds it: the first cumulative count ≥ p% of n (less 1e-12).
            let target = Double(objective.percentile) / 100 * Double(n) * (1 - 1e-12)
            let rank = max(1, Int(target.rounded(.up)))
            bounds.append(Bound(metric: objective.metric, limitBucket: objective.limitMs.bitPattern >> 41,
                                allowance: n - rank))
        }
    }

    var isWatching: Bool { !bounds.isEmpty }

    /// Records a finished request's latencies (TPOT NaN when it had one output token).
    mutating func finished(ttftMs: Double, tpotMs: Double, e2eMs: Double) {
        for k in bounds.indices {
            let value: Double
            switch bounds[k].metric {
            case .ttft: value = ttftMs
            case .tpot: value = tpotMs
            case .e2e: value = e2eMs
            }
            guard value.isFinite, value > 0, value.bitPattern >> 41 > bounds[k].limitBucket else { continue }
            bounds[k].allowance -= 1
            if bounds[k].allowance < 0 { failed = true }
        }
    }
}
