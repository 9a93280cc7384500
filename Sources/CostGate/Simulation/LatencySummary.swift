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
        var builder = Builder()
        for index in values.indices { builder.add(values[index], weight: weights?[index] ?? 1) }
        return builder.summary
    }

    /// Summarizes values as they come, one at a time, with the very figures `LatencySummary(values, weights:)` gives
    /// for the same values in the same order: up to `exactLimit` values are kept and summarized exactly, and
    /// past that they go into the log-spaced buckets, so a forecast of millions of requests needs no array of them.
    /// The buckets are indexed by the value's top 23 bits (sign, exponent, 11 mantissa bits), as HdrHistogram does;
    /// the weights, the weighted sum and each bucket's weight are added in the values' order.
    ///
    /// The buckets are one array over the range of values seen, at most `denseLimit` long (2 MB, 64 doublings of the
    /// value); values beyond it are kept as they are and bucketed when the summary is read, so that a forecast, which
    /// holds a builder per route and metric, never needs more than the values themselves (a latency of 1e-300 ms
    /// beside one of 1e3 ms would otherwise ask for two million buckets in every builder that saw both).
    struct Builder: Sendable {
        /// Values added so far, non-finite ones and those of weight 0 included (they decide when buckets begin).
        private(set) var added = 0
        private var values: [Double] = []
        private var weights: [Double] = []
        private var bucketWeight: [Double] = []
        private var bucketSmallest: [Double] = []
        /// The top bits of the value in `bucketWeight[0]`.
        private var firstBits = 0
        /// Positive values whose bucket lies beyond the array's `denseLimit`, in the order they came.
        private var beyond: [(value: Double, weight: Double)] = []
        /// Values of 0 and below share one bucket, before every other.
        private var nonPositiveWeight = 0.0
        private var nonPositiveSmallest = Double.infinity
        private var high = -Double.infinity
        private var total = 0.0
        private var sum = 0.0
        private var count = 0

        /// The most buckets the array holds.
        static let denseLimit = 1 << 17

        init() {}

        mutating func add(_ value: Double, weight: Double) {
            added += 1
            if added <= LatencySummary.exactLimit {
                values.append(value)
                weights.append(weight)
                return
            }
            if added == LatencySummary.exactLimit + 1 {
                for index in values.indices { bucket(values[index], weight: weights[index]) }
                values = []
                weights = []
            }
            bucket(value, weight: weight)
        }

        private mutating func bucket(_ value: Double, weight: Double) {
            guard value.isFinite, weight > 0 else { return }
            high = max(high, value)
            total += weight
            sum += value * weight
            count += 1
            guard value > 0 else {
                nonPositiveWeight += weight
                nonPositiveSmallest = min(nonPositiveSmallest, value)
                return
            }
            let bits = Int(value.bitPattern >> 41)
            if bucketWeight.isEmpty {
                firstBits = bits
                bucketWeight = [0]
                bucketSmallest = [.infinity]
            } else if bits < firstBits {
                // Latencies cluster: grow by at least what is there, so that a falling minimum costs little.
                let needed = firstBits - bits
                guard bucketWeight.count + needed <= Self.denseLimit else {
                    beyond.append((value, weight))
                    return
                }
                let grow = min(max(needed, bucketWeight.count), Self.denseLimit - bucketWeight.count)
                bucketWeight.insert(contentsOf: repeatElement(0, count: grow), at: 0)
                bucketSmallest.insert(contentsOf: repeatElement(.infinity, count: grow), at: 0)
                firstBits -= grow
            } else if bits - firstBits >= bucketWeight.count {
                let needed = bits - firstBits + 1 - bucketWeight.count
                guard bucketWeight.count + needed <= Self.denseLimit else {
                    beyond.append((value, weight))
                    return
                }
                let grow = min(max(needed, bucketWeight.count), Self.denseLimit - bucketWeight.count)
                bucketWeight.append(contentsOf: repeatElement(0, count: grow))
                bucketSmallest.append(contentsOf: repeatElement(.infinity, count: grow))
            }
            let slot = bits - firstBits
            bucketWeight[slot] += weight
            bucketSmallest[slot] = min(bucketSmallest[slot], value)
        }

        /// The summary of the values added so far.
        var summary: LatencySummary {
            guard added > LatencySummary.exactLimit else { return LatencySummary(values, weights: weights) }
            guard count > 0 else { return LatencySummary([]) }
            let buckets = orderedBuckets
            func rank(_ p: Double) -> Double {
                let target = p / 100 * total * (1 - 1e-12)
                var cumulative = 0.0
                for bucket in buckets {
                    cumulative += bucket.weight
                    if cumulative >= target { return bucket.smallest }
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

        /// Every bucket with weight, smallest values first: values of 0 and below, the buckets beyond the array below
        /// it, the array's, and those beyond it above. A bucket's weight is summed in the order its values came.
        private var orderedBuckets: [(smallest: Double, weight: Double)] {
            var result: [(smallest: Double, weight: Double)] = nonPositiveWeight > 0 ? [(nonPositiveSmallest, nonPositiveWeight)] : []
            var outside: [Int: (smallest: Double, weight: Double)] = [:]
            for (value, weight) in beyond {
                let bits = Int(value.bitPattern >> 41)
                let entry = outside[bits] ?? (.infinity, 0)
                outside[bits] = (min(entry.smallest, value), entry.weight + weight)
            }
            let keys = outside.keys.sorted()
            for key in keys where key < firstBits { result.append(outside[key]!) }
            for slot in bucketWeight.indices where bucketWeight[slot] > 0 { result.append((bucketSmallest[slot], bucketWeight[slot])) }
            for key in keys where key >= firstBits { result.append(outside[key]!) }
            return result
        }

        /// The points of the weighted distribution function for a chart: the smallest value at 0, then the value at
        /// which the cumulative weight reaches each whole percent from 1 to 99. Exact up to `exactLimit` values;
        /// past that, each point is the smallest value of its bucket (within 0.05%).
        var distribution: [(x: Double, y: Double)] {
            guard added > LatencySummary.exactLimit else {
                return LatencySummary.distribution(values.indices.map { (values[$0], weights[$0]) })
            }
            return LatencySummary.distribution(orderedBuckets.map { (value: $0.smallest, weight: $0.weight) })
        }
    }

    /// The weighted distribution function of `values` at each whole percent (see `Builder.distribution`).
    static func distribution(_ values: [(value: Double, weight: Double)]) -> [(x: Double, y: Double)] {
        let kept = values.filter { $0.value.isFinite && $0.weight > 0 }.sorted { $0.value < $1.value }
        let total = kept.reduce(0) { $0 + $1.weight }
        guard total > 0 else { return [] }
        var points: [(x: Double, y: Double)] = [(kept[0].value, 0)]
        var cumulative = 0.0
        var next = 1
        for entry in kept {
            cumulative += entry.weight
            while next <= 99, cumulative >= Double(next) / 100 * total {
                points.append((entry.value, Double(next) / 100))
                next += 1
            }
            if next > 99 { break }
        }
        return points
    }
}
