import Testing
@testable import CostGate
import CostGateTestSupport

/// The sampler that `costgate sample` feeds block by block draws the sample of the whole log: the same strata
/// figures (to rounding) and the same records whatever the block size, and per stratum exactly the records with
/// the smallest seeded hashes (checked against a sort of every record's hash).
@Suite struct StratifiedSamplerTests {
    static func sample(blockSize: Int, rate: Double, seed: UInt64) -> StratifiedSample {
        let (values, strata, keys) = StratifiedSampleTests.population()
        var sampler = StratifiedSampler(rate: rate, seed: seed)
        for start in stride(from: 0, to: values.count, by: blockSize) {
            let end = min(values.count, start + blockSize)
            // A block names only the strata seen so far, as `costgate sample` numbers them.
            let seen = (strata[..<end].max() ?? 0) + 1
            sampler.tally(values: Array(values[start..<end]), strata: Array(strata[start..<end]), strataCount: seen)
        }
        sampler.allocate(keys: keys)
        for start in stride(from: 0, to: values.count, by: blockSize) {
            sampler.select(strata: Array(strata[start..<min(values.count, start + blockSize)]), firstIndex: start)
        }
        return sampler.sample { 0.5 + Double($0 % 3) }
    }

    @Test(arguments: [1, 7, 1_000, 20_000])
    func blocksDrawTheSampleOfTheWholeLog(blockSize: Int) {
        let (values, strata, keys) = StratifiedSampleTests.population()
        let whole = StratifiedSample.draw(values: values, baseWeights: values.indices.map { 0.5 + Double($0 % 3) }, strata: strata,
                                          keys: keys, rate: 0.05, seed: 3)
        let blocks = Self.sample(blockSize: blockSize, rate: 0.05, seed: 3)
        #expect(blocks.indices == whole.indices)
        #expect(blocks.weights == whole.weights)
        #expect(blocks.strata.map(\.kept) == whole.strata.map(\.kept))
        #expect(blocks.strata.map(\.population) == [16_000, 3_800, 200])
        for (a, b) in zip(blocks.strata, whole.strata) {
            #expect(abs(a.standardDeviation - b.standardDeviation) <= 1e-12 * b.standardDeviation, "\(a) \(b)")
        }
    }

    @Test func eachStratumKeepsTheRecordsWithTheSmallestHashes() {
        let (_, strata, _) = StratifiedSampleTests.population()
        let seed: UInt64 = 11
        let sample = Self.sample(blockSize: 333, rate: 0.03, seed: seed)
        for (number, stratum) in sample.strata.enumerated() {
            let ranked = strata.indices.filter { strata[$0] == number }
                .map { (hash: SplitMix64.mix(seed ^ SplitMix64.mix(UInt64($0))), index: $0) }
                .sorted { $0.hash != $1.hash ? $0.hash < $1.hash : $0.index < $1.index }
            let expected = ranked.prefix(stratum.kept).map(\.index).sorted()
            #expect(sample.indices.filter { strata[$0] == number } == expected, "stratum \(number)")
            #expect(stratum.kept >= 2)
        }
        #expect(sample.indices == sample.indices.sorted())
        #expect(sample.indices.count == 600)
    }
}
