import Foundation

/// Mean and percentiles of a latency sample.
///
/// Percentiles use the nearest-rank method on the (weighted) sorted sample: the p-th percentile is the
/// smallest value whose cumulative weight reaches p% of the total. NaN and infinite values are skipped.
public struct LatencySummary: Sendable, Equatable {
    /// Weighted mean.
    public var mean: Double
    /// Median.
    public var p50: Double
    /// 90th percentile.
    public var p90: Double
    /// 95th percentile.
    public var p95: Double
    /// 99th percentile.
    public var p99: Double
    /// Number of finite values summarized.
    public var count: Int

    /// Summarizes values, each counted with its weight (1 when `weights` is nil).
    /// - Parameters:
    ///   - values: the sample.
    ///   - weights: one non-negative weight per value, or nil.
    public init(_ values: [Double], weights: [Double]? = nil) {
        var pairs: [(value: Double, weight: Double)] = []
        pairs.reserveCapacity(values.count)
        for index in values.indices where values[index].isFinite {
            let weight = weights?[index] ?? 1
            if weight > 0 { pairs.append((values[index], weight)) }
        }
        count = pairs.count
        guard !pairs.isEmpty else {
            mean = .nan; p50 = .nan; p90 = .nan; p95 = .nan; p99 = .nan
            return
        }
        pairs.sort { $0.value < $1.value }
        var total = 0.0
        var sum = 0.0
        for pair in pairs {
            total += pair.weight
            sum += pair.value * pair.weight
        }
        mean = sum / total
        func rank(_ p: Double) -> Double {
            let target = p / 100 * total
            var cumulative = 0.0
            for pair in pairs {
                cumulative += pair.weight
                if cumulative >= target * (1 - 1e-12) { return pair.value }
            }
            return pairs[pairs.count - 1].value
        }
        p50 = rank(50)
        p90 = rank(90)
        p95 = rank(95)
        p99 = rank(99)
    }

    /// The summary as an ordered JSON object `{mean, p50, p90, p95, p99}`.
    public var json: JSONValue {
        func number(_ x: Double) -> JSONValue { x.isFinite ? .number(x) : .null }
        return .object([("mean", number(mean)), ("p50", number(p50)), ("p90", number(p90)), ("p95", number(p95)),
                        ("p99", number(p99))])
    }
}
