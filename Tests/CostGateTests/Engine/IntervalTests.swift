import Testing
@testable import CostGate

/// The Poisson bootstrap's replicate totals: each replicate draws from its own generator, so running them on one
/// thread or on every core gives the same totals, bit for bit.
@Suite struct IntervalTests {
    @Test(arguments: [1, 7, 300, 5_000])
    func replicatesRunSeriallyOrInParallelGiveTheSameTotals(records: Int) {
        var generator = SplitMix64(seed: UInt64(records))
        let values = (0..<records).map { _ in Double(generator.next() % 1_000_000) / 997 }
        let serial = Interval.replicateTotals(values, replicates: 1000, seed: 20251101, parallelDraws: .max)
        let parallel = Interval.replicateTotals(values, replicates: 1000, seed: 20251101, parallelDraws: 0)
        #expect(serial.map(\.bitPattern) == parallel.map(\.bitPattern))
        #expect(serial.count == 1000 && serial == serial.sorted())
        // The totals scatter around the plain sum, as a bootstrap's should.
        let total = values.reduce(0, +)
        #expect(serial.first! < total && total < serial.last!)
    }
}
