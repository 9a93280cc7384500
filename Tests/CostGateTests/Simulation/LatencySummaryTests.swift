import Foundation
import Testing
@testable import CostGate

/// `LatencySummary.Builder` summarizes latency samples as they are made, so a forecast never holds them all. It must
/// give the figures of the batch summary over the same values in the same order, on both sides of `exactLimit`.
@Suite struct LatencySummaryTests {
    /// The batch summary's bucketed path as it was before the builder (log-spaced buckets relative to the smallest
    /// value), kept here as the reference.
    static func referenceBucketed(_ values: [Double], weights: [Double]) -> LatencySummary {
        var low = Double.infinity
        var high = -Double.infinity
        var total = 0.0
        var sum = 0.0
        var count = 0
        for index in values.indices where values[index].isFinite && weights[index] > 0 {
            low = min(low, values[index])
            high = max(high, values[index])
            total += weights[index]
            sum += values[index] * weights[index]
            count += 1
        }
        let lowBits = Int(max(low, Double.leastNormalMagnitude).bitPattern >> 41)
        let buckets = max(2, Int(max(high, Double.leastNormalMagnitude).bitPattern >> 41) - lowBits + 2)
        var weight = [Double](repeating: 0, count: buckets)
        var smallest = [Double](repeating: .infinity, count: buckets)
        for index in values.indices where values[index].isFinite && weights[index] > 0 {
            let value = values[index]
            let bucket = value <= 0 ? 0 : Int(value.bitPattern >> 41) - lowBits + 1
            weight[bucket] += weights[index]
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
        (summary.p50, summary.p90, summary.p95, summary.p99) = (rank(50), rank(90), rank(95), rank(99))
        summary.count = count
        return summary
    }

    /// Latencies over four decades with NaNs (no TPOT), zero weights, zeros and a few negative values mixed in.
    static func sample(_ count: Int, seed: UInt64) -> (values: [Double], weights: [Double]) {
        var random = AutoscaleHoldTests.SplitMix64Generator(seed: seed)
        var values: [Double] = []
        var weights: [Double] = []
        for _ in 0..<count {
            let kind = random.next() % 100
            let value: Double
            switch kind {
            case 0: value = .nan
            case 1: value = 0
            case 2: value = -Double(random.next() % 50)
            default: value = exp(Double(random.next() % 10_000) / 1_000)
            }
            values.append(value)
            weights.append(kind == 3 ? 0 : Double(1 + random.next() % 7) / 2)
        }
        return (values, weights)
    }

    static func same(_ a: LatencySummary, _ b: LatencySummary) -> Bool {
        [a.mean, a.p50, a.p90, a.p95, a.p99].map(\.bitPattern) == [b.mean, b.p50, b.p90, b.p95, b.p99].map(\.bitPattern) && a.count == b.count
    }

    @Test(arguments: [1, 100, LatencySummary.exactLimit, LatencySummary.exactLimit + 1, 50_000])
    func theBuilderGivesTheBatchFigures(count: Int) {
        let (values, weights) = Self.sample(count, seed: UInt64(count))
        var builder = LatencySummary.Builder()
        for index in values.indices { builder.add(values[index], weight: weights[index]) }
        let batch = LatencySummary(values, weights: weights)
        #expect(Self.same(builder.summary, batch), "\(builder.summary) against \(batch)")
        if count > LatencySummary.exactLimit {
            let reference = Self.referenceBucketed(values, weights: weights)
            #expect(Self.same(batch, reference), "\(batch) against \(reference)")
        }
    }

    /// The smallest latencies first, then ever larger ones: the buckets grow at both ends.
    @Test func bucketsGrowBothWays() {
        let values: [Double] = (0..<30_000).map { (k: Int) -> Double in
            let x = Double(k)
            return k % 2 == 0 ? 1_000 / (x + 1) : x * 3
        }
        let weights = [Double](repeating: 1, count: values.count)
        #expect(Self.same(LatencySummary(values, weights: weights), Self.referenceBucketed(values, weights: weights)))
    }

    /// Values a thousand doublings apart would need millions of buckets in one array: past `Builder.denseLimit` they
    /// are kept as they are and bucketed when the summary is read, with the same figures.
    @Test func valuesBeyondTheArrayAreBucketedWhenRead() {
        var (values, weights) = Self.sample(30_000, seed: 11)
        values[20_500] = 1e-300
        for k in stride(from: 21_000, to: 30_000, by: 97) { values[k] = k % 2 == 0 ? 3e250 * Double(k) : 1e-250 / Double(k) }
        var builder = LatencySummary.Builder()
        for index in values.indices { builder.add(values[index], weight: weights[index]) }
        let reference = Self.referenceBucketed(values, weights: weights)
        #expect(Self.same(builder.summary, reference), "\(builder.summary) against \(reference)")
        #expect(Self.same(LatencySummary(values, weights: weights), reference))
        let points = builder.distribution
        #expect(points.count == 100 && zip(points, points.dropFirst()).allSatisfy { $0.x <= $1.x })
    }

    /// A positive value below the smallest normal double fell before the first bucket of the old reference, which
    /// indexed it at -2,047 and trapped; it now has a bucket of its own, first among the positive ones.
    @Test func subnormalLatenciesHaveABucket() {
        let subnormal = Double.leastNonzeroMagnitude * 2_000
        var values = [Double](repeating: 250, count: 25_000)
        values[0] = .leastNonzeroMagnitude
        values[1] = Double.leastNormalMagnitude / 4
        let summary = LatencySummary(values)
        #expect(summary.count == 25_000 && summary.p50 == 250 && summary.p99 == 250)
        var tiny = [Double](repeating: subnormal, count: 20_001)
        tiny[7] = 3
        #expect(LatencySummary(tiny).p50 == subnormal)
    }

    /// The chart's distribution: exact up to `exactLimit` values, and within a bucket's width (0.05%) past it.
    @Test func theDistributionIsExactThenWithinABucket() throws {
        let (values, weights) = Self.sample(50_000, seed: 9)
        var builder = LatencySummary.Builder()
        var exact = LatencySummary.Builder()
        for index in values.indices {
            builder.add(values[index], weight: weights[index])
            if index < LatencySummary.exactLimit { exact.add(values[index], weight: weights[index]) }
        }
        let firstValues = Array(values.prefix(LatencySummary.exactLimit))
        let firstWeights = Array(weights.prefix(LatencySummary.exactLimit))
        let expectedExact = LatencySummary.distribution(firstValues.indices.map { (firstValues[$0], firstWeights[$0]) })
        #expect(exact.distribution.map(\.x) == expectedExact.map(\.x) && exact.distribution.count == 100)
        let approximate = builder.distribution
        let reference = LatencySummary.distribution(values.indices.map { (values[$0], weights[$0]) })
        #expect(approximate.count == reference.count)
        for (point, truth) in zip(approximate, reference) {
            #expect(point.y == truth.y)
            // Values of 0 and below share one bucket, shown at its smallest value.
            #expect(point.x <= truth.x && (truth.x <= 0 || point.x >= truth.x * (1 - 0x1p-11)), "\(point) against \(truth)")
        }
    }
}
