/// A token price held exactly: millionths of a US dollar per 1M tokens, which is also picodollars (1e-12 USD) per token.
///
/// Prices are quoted per 1M tokens with at most six decimals in practice, so every quoted price is exact here,
/// and a request's cost (tokens × rate) is an exact integer number of picodollars.
public struct Rate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Picodollars per token (= micro-USD per 1M tokens).
    public var picodollarsPerToken: Int64

    /// Creates a rate from picodollars per token.
    public init(picodollarsPerToken: Int64) { self.picodollarsPerToken = picodollarsPerToken }

    /// Creates a rate from USD per 1M tokens, rounded to the nearest micro-dollar.
    public init(perMillion usd: Double) {
        self.picodollarsPerToken = Int64((usd * 1_000_000).rounded())
    }

    /// Whether `usd` per 1M tokens is held without rounding (at most six decimals, and within range).
    ///
    /// A decimal with at most six places, parsed to the nearest double and scaled by 1e6, lands within about
    /// one unit in the last place of a whole number; a seventh decimal (1.0000001) lands 0.1 away. The test
    /// is therefore absolute, in units in the last place, never relative to the price's size.
    public static func isExact(perMillion usd: Double) -> Bool {
        guard usd.isFinite, usd >= 0, usd <= 1e9 else { return false }
        let scaled = usd * 1_000_000
        return abs(scaled - scaled.rounded()) <= 4 * scaled.ulp
    }

    /// USD per 1M tokens.
    public var perMillion: Double { Double(picodollarsPerToken) / 1_000_000 }

    public static func < (lhs: Rate, rhs: Rate) -> Bool { lhs.picodollarsPerToken < rhs.picodollarsPerToken }

    public var description: String { Format.rate(self) }
}
