import Foundation
import Testing
@testable import CostGate

/// The Poisson bootstrap's replicate totals: each replicate draws from its own generator, so running them on one
/// thread or on every core, four at a time or one at a time, gives the same totals, bit for bit.
@Suite struct IntervalTests {
    /// One replicate at a time, one record at a time, skipping the records drawn zero times: the bootstrap as it
    /// was written before replicates were drawn four at a time (2026-12-01), kept here as the reference. The
    /// multipliers come from the same table (`theTableDrawsPoissonOne` checks it).
    static func referenceTotals(_ values: [Double], replicates: Int, seed: UInt64) -> [Double] {
        (0..<replicates).map { replicate in
            var counter = SplitMix64.mix(seed &+ UInt64(replicate) &* 0x9E37_79B9_7F4A_7C15)
            var sum = 0.0
            var bits: UInt64 = 0
            for (index, value) in values.enumerated() {
                if index & 3 == 0 {
                    counter = counter &+ 0x9E37_79B9_7F4A_7C15
                    bits = SplitMix64.mix(counter)
                }
                let multiplier = Interval.poissonDraws[Int(bits & 0xFFFF)]
                bits >>= 16
                if multiplier == 0 { continue }
                sum += Double(multiplier) * value
            }
            return sum
        }.sorted()
    }

    /// The table gives each 16-bit uniform its Poisson(1) draw: rising from 0 to 7, with each P(X ≤ k) to within
    /// one uniform in 65,536.
    @Test func theTableDrawsPoissonOne() {
        let table = Interval.poissonDraws
        #expect(table.count == 65536 && table.first == 0 && table.last == 7)
        #expect(zip(table, table.dropFirst()).allSatisfy { $0 <= $1 })
        var probability = exp(-1.0)
        var atMost = 0.0
        for k in 0...6 {
            atMost += probability
            probability /= Double(k + 1)
            let share = Double(table.count { Int($0) <= k }) / 65536
            #expect(abs(share - atMost) <= 1.0 / 65536, "P(X ≤ \(k))")
        }
    }

    /// Values with every sign of zero, negative values (a paired change), tiny and huge ones.
    static func values(_ count: Int, seed: UInt64) -> [Double] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let draw = generator.next()
            switch draw % 8 {
            case 0: return 0.0
            case 1: return -0.0
            case 2: return -Double(draw % 1_000_000) / 997
            case 3: return Double(draw % 1000) * 1e-12
            case 4: return Double(draw % 1000) * 1e200
            default: return Double(draw % 1_000_000) / 997
            }
        }
    }

    @Test(arguments: [0, 1, 2, 3, 4, 5, 7, 300, 5_000])
    func totalsAreTheReferenceBitForBitSeriallyAndInParallel(records: Int) {
        let values = Self.values(records, seed: UInt64(records) &+ 11)
        for replicates in [1, 3, 4, 5, 1000] {
            let reference = Self.referenceTotals(values, replicates: replicates, seed: 20251101)
            let serial = Interval.replicateTotals(values, replicates: replicates, seed: 20251101, parallelDraws: .max)
            let parallel = Interval.replicateTotals(values, replicates: replicates, seed: 20251101, parallelDraws: 0)
            #expect(serial.map(\.bitPattern) == reference.map(\.bitPattern), "\(records) records, \(replicates) replicates")
            #expect(parallel.map(\.bitPattern) == reference.map(\.bitPattern), "\(records) records, \(replicates) replicates")
        }
    }

    @Test func aSampleOfZerosOfBothSignsKeepsItsSign() {
        // A replicate that draws only zeros, or nothing, totals +0.0 (the sum starts there and +0.0 + −0.0 is +0.0),
        // as it did when records drawn zero times were skipped.
        for values in [[-0.0], [-0.0, -0.0, -0.0, -0.0, -0.0], [0.0, -0.0]] {
            let totals = Interval.replicateTotals(values, replicates: 64, seed: 7)
            #expect(totals.map(\.bitPattern) == Self.referenceTotals(values, replicates: 64, seed: 7).map(\.bitPattern))
        }
    }

    @Test func totalsScatterAroundThePlainSum() {
        let values = (1...2_000).map { Double($0) }
        let totals = Interval.replicateTotals(values, replicates: 1000, seed: 20251101)
        let total = values.reduce(0, +)
        #expect(totals.count == 1000 && totals == totals.sorted())
        #expect(totals.first! < total && total < totals.last!)
        // The Poisson bootstrap's spread is about √Σ v² ≈ 51,650 around the total: the 5% and 95% totals are within
        // two of it and more than one half apart.
        #expect(abs(totals[50] - total) < 2 * 51_650 && abs(totals[949] - total) < 2 * 51_650)
        #expect(totals[949] - totals[50] > 51_650)
    }
}
