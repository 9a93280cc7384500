import Testing
@testable import CostGate
import CostGateTestSupport

@Suite struct RateTests {
    // The plan parser bounds prices to 0...1e9 and then asks for exactness: $1e9 itself was in range but "not exact".
    @Test(arguments: ["0", "2.5", "0.075", "1.25", "15", "0.000001", "123456.789012", "999.999999", "60", "0.3", "1000000000", "999999999.999999"])
    func sixDecimalPricesAreExact(text: String) throws {
        let usd = try #require(Double(text))
        #expect(Rate.isExact(perMillion: usd))
    }

    /// The catalogue found 1.0000001 accepted: a relative tolerance let any price of $1/Mtok or more through.
    @Test(arguments: ["1.0000001", "0.0000001", "2.5000005", "15.1234567", "123456.7890125", "-1", "1000000000.000001", "1e10"])
    func pricesWithASeventhDecimalOrOutOfRangeAreNot(text: String) throws {
        let usd = try #require(Double(text))
        #expect(!Rate.isExact(perMillion: usd))
    }

    @Test func nonFinitePricesAreNotExact() {
        #expect(!Rate.isExact(perMillion: .nan))
        #expect(!Rate.isExact(perMillion: .infinity))
    }

    /// Every price of the form k/1e6 read from its decimal text is exact, and k/1e6 + 5e-8 is not, over
    /// seeded random k spanning $0 to $100,000 per 1M tokens.
    @Test func randomSixDecimalPricesRoundTrip() throws {
        var random = SplitMix(seed: 20_261_129)
        for _ in 0..<20_000 {
            let micros = random.next() % 100_000_000_000
            let text = "\(micros / 1_000_000).\(String(repeating: "0", count: 6 - String(micros % 1_000_000).count))\(micros % 1_000_000)"
            let usd = try #require(Double(text))
            #expect(Rate.isExact(perMillion: usd), "\(text)")
            #expect(Rate(perMillion: usd).picodollarsPerToken == Int64(micros))
            #expect(!Rate.isExact(perMillion: try #require(Double(text + "5"))), "\(text)5")
        }
    }
}
