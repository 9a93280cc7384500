import Testing
@testable import CostGate
import CostGateTestSupport

@Suite struct MoneyTests {
    @Test(arguments: [
        (0.0, "$0.00"), (1234.565, "$1,234.56"), (1234.575, "$1,234.58"), (-3.1, "-$3.10"), (1_000_000, "$1,000,000.00"),
    ])
    func formatsCents(value: Double, expected: String) {
        #expect(Format.money(value) == expected)
    }

    @Test func changesCarryASignAndNoChangeNone() {
        #expect(Format.moneyChange(1240) == "+$1,240.00")
        #expect(Format.moneyChange(-0.004) == "$0.00")
        #expect(Format.unitCostChange(0.0012) == "+$0.001200")
        #expect(Format.unitCostChange(-0.001252) == "-$0.001252")
        #expect(Format.unitCostChange(0) == "$0.00")
        #expect(Format.unitCostChange(-0.0) == "$0.00")
        #expect(Format.unitCostChange(nil) == "")
    }

    @Test func preciseSumKeepsSmallTerms() {
        var sum = PreciseSum()
        sum.add(1e16)
        for _ in 0..<1000 { sum.add(1) }
        sum.add(-1e16)
        #expect(sum.value == 1000)
    }

    @Test func rateIsExactPicodollars() {
        let rates = TokenRates(input: 0.15, cached: 0.075, output: 0.60)
        // 1000 input of which 400 cached, 200 output: 600*150000 + 400*75000 + 200*600000
        #expect(rates.picodollars(input: 1000, cached: 400, output: 200, reasoning: 0) == Int64(90_000_000 + 30_000_000 + 120_000_000))
    }
}
