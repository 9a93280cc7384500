/// Draws a `StratifiedSample` from a log read in blocks: a pass over the records to tally the strata, then the
/// selection, which needs only each record's stratum number.
///
/// 1. `tally(values:strata:strataCount:)` for every block: each stratum's size, mean and sum of squared deviations of
///    the Neyman variable. A block's figures are exact sums (`PreciseSum`) around the block's own mean; blocks are
///    merged by Chan's pairwise update, so a log read as one block gives exactly the two-pass figures.
/// 2. `allocate(keys:)`: the records per stratum (`StratifiedSample.allocate`).
/// 3. `select(strata:firstIndex:)` with every record's stratum, at once or a block at a time: per stratum, a heap of the kept records, those with the
///    smallest seeded hashes of their position in the log (ties to the earlier record), so the sample is the same
///    whatever the blocks or the thread count.
/// 4. `sample(weights:)`: the kept positions in log order, each with weight `weight × N_h / n_h`.
public struct StratifiedSampler: Sendable {
    /// The share of records to keep, in (0, 1].
    public let rate: Double
    /// The seed of the selection hash.
    public let seed: UInt64
    private var population: [Int] = []
    private var means: [Double] = []
    private var squares: [Double] = []
    private var keys: [[String]] = []
    private var allocation: [Int] = []
    private var heaps: [[Candidate]] = []
    /// Records tallied so far.
    public private(set) var recordCount = 0

    /// A record in a stratum's heap: its hash and its position in the log.
    private struct Candidate: Sendable {
        var hash: UInt64
        var index: Int

        func precedes(_ other: Candidate) -> Bool { hash != other.hash ? hash < other.hash : index < other.index }
    }

    /// Creates a sampler keeping `rate` of the records, selected with `seed`.
    public init(rate: Double, seed: UInt64) {
        self.rate = rate
        self.seed = seed
    }

    /// Adds a block's records: `values[i]` is record i's Neyman variable (its weighted cost), `strata[i]` its stratum
    /// (dense numbers in order of first appearance in the log, below `strataCount`).
    public mutating func tally(values: [Double], strata: [Int], strataCount: Int) {
        while population.count < strataCount {
            population.append(0)
            means.append(0)
            squares.append(0)
        }
        var count = [Int](repeating: 0, count: strataCount)
        var sums = [PreciseSum](repeating: PreciseSum(), count: strataCount)
        for (index, stratum) in strata.enumerated() {
            count[stratum] += 1
            sums[stratum].add(values[index])
        }
        var deviations = [PreciseSum](repeating: PreciseSum(), count: strataCount)
        for (index, stratum) in strata.enumerated() {
            let deviation = values[index] - sums[stratum].value / Double(count[stratum])
            deviations[stratum].add(deviation * deviation)
        }
        for stratum in 0..<strataCount where count[stratum] > 0 {
            let blockMean = sums[stratum].value / Double(count[stratum])
            let blockSquares = deviations[stratum].value
            let before = population[stratum]
            if before == 0 {
                means[stratum] = blockMean
                squares[stratum] = blockSquares
            } else {
                let total = Double(before + count[stratum])
                let delta = blockMean - means[stratum]
                means[stratum] += delta * Double(count[stratum]) / total
                squares[stratum] += blockSquares + delta * delta * Double(before) * Double(count[stratum]) / total
            }
            population[stratum] += count[stratum]
        }
        recordCount += strata.count
    }

    /// Splits the budget (`rate` × records, rounded up) across the strata, named by `keys` (one per stratum).
    public mutating func allocate(keys: [[String]]) {
        self.keys = keys
        while population.count < keys.count {
            population.append(0)
            means.append(0)
            squares.append(0)
        }
        allocation = StratifiedSample.allocate(population: population, deviations: standardDeviations,
                                               budget: Int((rate * Double(recordCount)).rounded(.up)), rate: rate)
        heaps = allocation.map { size in
            var heap: [Candidate] = []
            heap.reserveCapacity(size)
            return heap
        }
    }

    private var standardDeviations: [Double] {
        population.indices.map { population[$0] > 1 ? (squares[$0] / Double(population[$0] - 1)).squareRoot() : 0 }
    }

    /// Offers a block's records to the strata's heaps; `firstIndex` is the position in the log of the block's first record.
    public mutating func select<Strata: Sequence>(strata: Strata, firstIndex: Int) where Strata.Element: BinaryInteger {
        for (offset, number) in strata.enumerated() {
            let stratum = Int(number)
            let index = firstIndex + offset
            let candidate = Candidate(hash: SplitMix64.mix(seed ^ SplitMix64.mix(UInt64(index))), index: index)
            let capacity = allocation[stratum]
            guard capacity > 0 else { continue }
            if heaps[stratum].count < capacity {
                Self.push(candidate, into: &heaps[stratum])
            } else if candidate.precedes(heaps[stratum][0]) {
                Self.replaceTop(with: candidate, in: &heaps[stratum])
            }
        }
    }

    /// The kept records' positions in log order, with their strata.
    public var kept: [(index: Int, stratum: Int)] {
        var kept: [(index: Int, stratum: Int)] = []
        kept.reserveCapacity(heaps.reduce(0) { $0 + $1.count })
        for (stratum, heap) in heaps.enumerated() {
            for candidate in heap { kept.append((candidate.index, stratum)) }
        }
        kept.sort { $0.index < $1.index }
        return kept
    }

    /// The new weight of a kept record of `stratum` whose weight in the log is `weight`.
    public func weight(_ weight: Double, stratum: Int) -> Double {
        weight * Double(population[stratum]) / Double(allocation[stratum])
    }

    /// The strata with their sizes, allocations and spreads (after `allocate(keys:)`).
    public var strata: [StratifiedSample.Stratum] {
        keys.indices.map {
            StratifiedSample.Stratum(key: keys[$0], population: population[$0], kept: allocation[$0],
                                     standardDeviation: standardDeviations[$0])
        }
    }

    /// The sample; `weights` gives a kept record's weight in the log, by position.
    public func sample(weights: (Int) -> Double) -> StratifiedSample {
        let kept = kept
        return StratifiedSample(strata: strata, indices: kept.map(\.index),
                                weights: kept.map { weight(weights($0.index), stratum: $0.stratum) })
    }

    // A binary max-heap by `precedes`: the root is the candidate that leaves first.

    private static func push(_ candidate: Candidate, into heap: inout [Candidate]) {
        heap.append(candidate)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[parent].precedes(heap[child]) else { break }
            heap.swapAt(parent, child)
            child = parent
        }
    }

    private static func replaceTop(with candidate: Candidate, in heap: inout [Candidate]) {
        heap[0] = candidate
        var parent = 0
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { break }
            var largest = left
            if left + 1 < heap.count && heap[left].precedes(heap[left + 1]) { largest = left + 1 }
            guard heap[parent].precedes(heap[largest]) else { break }
            heap.swapAt(parent, largest)
            parent = largest
        }
    }
}
