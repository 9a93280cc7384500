import Foundation

/// Mean and percentiles of a latency sample.
///
/// Percentiles use the nearest-rank method on the (weighted) sorted sample: the p-th percentile is the
/// smallest value whose cumulative weight reaches p% of the total. NaN and infinite values are skipped.
/// Above `exactLimit` values, sorting would dominate a forecast of millions of requests, so the values go into
/// log-spaced buckets 2^-11 (0.05%) wide and a percentile is the smallest value in the bucket where the cumulative
/// weight is reached: within 0.05% of the exact nearest-rank value. The mean is always exact.
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
        if values.count > Self.exactLimit {
            self = Self.bucketed(values, weights: weights)
            return
        }
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

    /// Sample sizes up to which percentiles are exact.
    public static let exactLimit = 20_000

    private static func bucketed(_ values: [Double], weights: [Double]?) -> LatencySummary {
        var low = Double.infinity
        var high = -Double.infinity
        var total = 0.0
        var sum = 0.0
        var count = 0
        for index in values.indices where values[index].isFinite {
            let weight = weights?[index] ?? 1
            guard weight > 0 else { continue }
            let value = values[index]
            low = min(low, value)
            high = max(high, value)
            total += weight
            sum += value * weight
            count += 1
        }
        guard count > 0 else { return LatencySummary([]) }
        // A positive double's top 23 bits (sign, exponent, 11 mantissa bits) number log-spaced buckets 2^-11
        // (0.05%) wide, as HdrHistogram does, without a logarithm per value. Zero and below share bucket 0.
        let lowBits = Int(max(low, Double.leastNormalMagnitude).bitPattern >> 41)
        let buckets = max(2, Int(max(high, Double.leastNormalMagnitude).bitPattern >> 41) - lowBits + 2)
        var weight = [Double](repeating: 0, count: buckets)
        var smallest = [Double](repeating: .infinity, count: buckets)
        for index in values.indices where values[index].isFinite {
            let w = weights?[index] ?? 1
            guard w > 0 else { continue }
            let value = values[index]
            let bucket = value <= 0 ? 0 : Int(value.bitPattern >> 41) - lowBits + 1
            weight[bucket] += w
            smallest[bucket] = min(smallest[bucket], value)
        }
        func rank(_ p: Double) -> Double {
            let target = p / 100 * total * (1 - 1e-12)
            var cumulative = 0.0
            for bucket in 0..<buckets where weight[bucket] > 0 {
                cumulative += weight[bucket]
                if cumulative >= target { return smallest[bucket] }
            }
            return high
        }
        var summary = LatencySummary([])
        summary.mean = sum / total
        summary.p50 = rank(50)
        summary.p90 = rank(90)
        summary.p95 = rank(95)
        summary.p99 = rank(99)
        summary.count = count
        return summary
    }
}
