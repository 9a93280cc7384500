import Testing
@testable import CostGate
import CostGateTestSupport

@Suite struct StratifiedSampleTests {
    /// A skewed log: a large cheap stratum, a medium one, and a rare stratum of expensive, variable requests.
    static func population(seed: UInt64 = 7) -> (values: [Double], strata: [Int], keys: [[String]]) {
        var random = SplitMix(seed: seed)
        var values: [Double] = []
        var strata: [Int] = []
        for index in 0..<20_000 {
            let stratum = index % 100 == 0 ? 2 : (index % 5 == 0 ? 1 : 0)
            let value: Double
            switch stratum {
            case 0: value = 0.001 + 0.0005 * random.nextUniform()
            case 1: value = 0.01 + 0.01 * random.nextUniform()
            default: value = 2 * random.nextUniform() * random.nextUniform() * 10
            }
            values.append(value)
            strata.append(stratum)
        }
        return (values, strata, [["cheap"], ["medium"], ["rare"]])
    }

    static func estimate(_ sample: StratifiedSample, values: [Double]) -> Double {
        var sum = PreciseSum()
        for (position, index) in sample.indices.enumerated() { sum.add(values[index] * sample.weights[position]) }
        return sum.value
    }

    @Test func allocationRespectsBudgetFloorsAndSizes() {
        let (values, strata, keys) = Self.population()
        let sample = StratifiedSample.draw(values: values, baseWeights: Array(repeating: 1, count: values.count), strata: strata,
                                           keys: keys, rate: 0.05, seed: 1)
        #expect(sample.indices.count == 1_000)
        #expect(sample.strata.map(\.kept).reduce(0, +) == 1_000)
        for stratum in sample.strata {
            #expect(stratum.kept >= min(stratum.population, 2) && stratum.kept <= stratum.population)
        }
        // The rare, variable stratum gets far more than its proportional share (5% of 200 = 10).
        #expect(sample.strata[2].kept > 100, "\(sample.strata)")
        // Weights stand for the whole stratum: each stratum's weights add up to its size.
        for (number, stratum) in sample.strata.enumerated() {
            let total = sample.indices.indices.filter { strata[sample.indices[$0]] == number }.map { sample.weights[$0] }.reduce(0, +)
            #expect(abs(total - Double(stratum.population)) < 1e-6)
        }
    }

    @Test func theSameSeedGivesTheSameSample() {
        let (values, strata, keys) = Self.population()
        let ones = Array(repeating: 1.0, count: values.count)
        let first = StratifiedSample.draw(values: values, baseWeights: ones, strata: strata, keys: keys, rate: 0.02, seed: 9)
        let second = StratifiedSample.draw(values: values, baseWeights: ones, strata: strata, keys: keys, rate: 0.02, seed: 9)
        let other = StratifiedSample.draw(values: values, baseWeights: ones, strata: strata, keys: keys, rate: 0.02, seed: 10)
        #expect(first.indices == second.indices && first.weights == second.weights)
        #expect(first.indices != other.indices)
    }

    /// Over 100 seeds the estimate of the total is unbiased, and its spread is well below that of one stratum
    /// for the whole log (proportional allocation, as a simple random sample of the same size would give).
    @Test func neymanEstimatesAreUnbiasedAndTighterThanProportional() {
        let (values, strata, keys) = Self.population()
        let ones = Array(repeating: 1.0, count: values.count)
        let truth = values.reduce(0, +)
        var neyman: [Double] = []
        var proportional: [Double] = []
        let single = Array(repeating: 0, count: values.count)
        for seed in 1...100 as ClosedRange<UInt64> {
            neyman.append(Self.estimate(StratifiedSample.draw(values: values, baseWeights: ones, strata: strata, keys: keys, rate: 0.02, seed: seed), values: values))
            proportional.append(Self.estimate(StratifiedSample.draw(values: values, baseWeights: ones, strata: single, keys: [["all"]], rate: 0.02, seed: seed), values: values))
        }
        func rms(_ estimates: [Double]) -> Double { (estimates.map { ($0 - truth) * ($0 - truth) }.reduce(0, +) / Double(estimates.count)).squareRoot() }
        let mean = neyman.reduce(0, +) / Double(neyman.count)
        #expect(abs(mean - truth) / truth < 0.01, "mean \(mean) truth \(truth)")
        #expect(rms(neyman) < rms(proportional) / 2, "Neyman rms \(rms(neyman)), one stratum \(rms(proportional))")
    }

    @Test func aStratumWithoutSpreadKeepsItsFloorAndTheRestGoesByNeyman() {
        let allocation = StratifiedSample.allocate(population: [1_000, 1_000, 3], deviations: [0, 1, 0], budget: 100, rate: 0.1)
        #expect(allocation == [25, 73, 2])
        let even = StratifiedSample.allocate(population: [10, 10], deviations: [0, 0], budget: 20, rate: 1)
        #expect(even == [10, 10])
    }
}
