/// A stratified sample of a traffic log, allocated to minimise the variance of the cost forecast.
///
/// Records are grouped into strata by the values of the `--by` keys. Each record's value is its weighted
/// cost under the plan (`weight × price of its tokens`). The budget of records is split in two steps:
/// 1. a floor per stratum, a quarter of its proportional share and at least 2 records (or all it has), so
///    a stratum whose records all cost the same (a self-hosted route, priced by GPU time) stays represented;
/// 2. the rest by Neyman allocation, in proportion to `N_h × S_h` (stratum size times the standard deviation
///    of its values), capped at the stratum's size, with the remainder poured into the other strata.
/// Within a stratum the records with the smallest seeded hash of their index are kept, so a run is
/// deterministic and independent of thread count. A kept record's weight becomes `weight × N_h / n_h`, which
/// makes every stratum's weighted total an unbiased estimate of the full log's.
public struct StratifiedSample: Sendable {
    /// One stratum: its key values, how many records it had and kept, and the spread of their values.
    public struct Stratum: Sendable, Equatable {
        public var key: [String]
        public var population: Int
        public var kept: Int
        /// The standard deviation of the records' weighted cost, USD.
        public var standardDeviation: Double
    }

    /// The strata, in order of first appearance in the log.
    public var strata: [Stratum]
    /// The indices of the kept records, in file order.
    public var indices: [Int]
    /// The new weight of each kept record, parallel to `indices`.
    public var weights: [Double]

    /// Draws the sample.
    ///
    /// - Parameters:
    ///   - values: each record's weighted cost (the Neyman variable).
    ///   - baseWeights: each record's weight in the log (real requests it stands for).
    ///   - strata: each record's stratum number (0-based, dense, in order of first appearance), with the keys.
    ///   - rate: the share of records to keep, in (0, 1].
    ///   - seed: the seed of the selection hash.
    public static func draw(values: [Double], baseWeights: [Double], strata stratumOf: [Int], keys: [[String]],
                            rate: Double, seed: UInt64) -> StratifiedSample {
        var sampler = StratifiedSampler(rate: rate, seed: seed)
        sampler.tally(values: values, strata: stratumOf, strataCount: keys.count)
        sampler.allocate(keys: keys)
        sampler.select(strata: stratumOf, firstIndex: 0)
        return sampler.sample(weights: { baseWeights[$0] })
    }

    /// Records per stratum: floors first, then Neyman shares of the rest by water-filling, rounded by largest
    /// remainder with ties to the earlier stratum.
    static func allocate(population: [Int], deviations: [Double], budget: Int, rate: Double) -> [Int] {
        var allocation = population.map { size in min(size, max(2, Int((0.25 * rate * Double(size)).rounded(.up)))) }
        var remaining = budget - allocation.reduce(0, +)
        var open = Set(population.indices.filter { allocation[$0] < population[$0] })
        while remaining > 0 && !open.isEmpty {
            var scores = open.map { (stratum: $0, score: Double(population[$0]) * deviations[$0]) }
            if scores.allSatisfy({ $0.score == 0 }) { scores = open.map { ($0, Double(population[$0])) } }
            let total = scores.reduce(0) { $0 + $1.score }
            var shares: [(stratum: Int, whole: Int, fraction: Double)] = []
            for (stratum, score) in scores {
                let exact = total > 0 ? Double(remaining) * score / total : 0
                let room = population[stratum] - allocation[stratum]
                let whole = min(room, Int(exact.rounded(.down)))
                shares.append((stratum, whole, min(Double(room - whole), exact - Double(whole))))
            }
            var given = 0
            for share in shares {
                allocation[share.stratum] += share.whole
                given += share.whole
            }
            for share in shares.sorted(by: { $0.fraction != $1.fraction ? $0.fraction > $1.fraction : $0.stratum < $1.stratum })
            where given < remaining && share.fraction > 0 && allocation[share.stratum] < population[share.stratum] {
                allocation[share.stratum] += 1
                given += 1
            }
            // No stratum with room has any score left (no spread): fall back to size for what remains.
            if given == 0 {
                let fallback = open.sorted().filter { allocation[$0] < population[$0] }
                guard !fallback.isEmpty else { break }
                for stratum in fallback where given < remaining {
                    allocation[stratum] += 1
                    given += 1
                }
            }
            remaining -= given
            open = open.filter { allocation[$0] < population[$0] }
        }
        return allocation
    }
}
