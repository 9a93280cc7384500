import Foundation

/// A sum of many small products kept to about 32 significant digits (double-double arithmetic).
///
/// Each request's cost is an exact integer of picodollars; weighting and summing millions of them in plain
/// `Double` would drift in the last digits, so sums carry the rounding error of every step in `low`.
public struct PreciseSum: Sendable, Equatable {
    /// The leading part of the sum.
    public private(set) var high: Double = 0
    /// The accumulated rounding error.
    public private(set) var low: Double = 0

    /// Creates a zero sum.
    public init() {}

    /// The sum, rounded to the nearest double.
    public var value: Double { high + low }

    /// Adds `x` exactly (up to the double-double precision).
    public mutating func add(_ x: Double) {
        let sum = high + x
        let bp = sum - high
        let error = (high - (sum - bp)) + (x - bp)
        high = sum
        low += error
        renormalize()
    }

    /// Adds the product `a × b`, keeping the product's rounding error too.
    public mutating func add(_ a: Double, times b: Double) {
        let product = a * b
        let productError = fmaError(a, b, product)
        add(product)
        low += productError
        renormalize()
    }

    /// Adds another sum.
    public mutating func add(_ other: PreciseSum) {
        add(other.high)
        low += other.low
        renormalize()
    }

    private mutating func renormalize() {
        let sum = high + low
        low = low - (sum - high)
        high = sum
    }

    private func fmaError(_ a: Double, _ b: Double, _ product: Double) -> Double {
        // fma(a, b, -product) is the exact rounding error of a × b.
        (-product).addingProduct(a, b)
    }
}

/// Money formatting and rounding rules, in one place.
///
/// - Human output (text, Markdown) rounds to cents, half to even, with thousands separators: `$12,345.68`.
/// - JSON carries the full double value (shortest round-trip text), never rounded to cents.
public enum Money {
    /// Formats USD as `$1,234.57` (`-$3.10` for negatives), rounded half to even to cents.
    public static func format(_ usd: Double) -> String {
        let cents = (usd * 100).rounded(.toNearestOrEven)
        let negative = cents < 0
        let magnitude = abs(cents)
        let whole = (magnitude / 100).rounded(.towardZero)
        let fraction = Int(magnitude - whole * 100)
        let wholeText = grouped(whole)
        return (negative ? "-$" : "$") + wholeText + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// Formats a signed change: `+$1,240.00` or `-$310.50`.
    public static func formatDelta(_ usd: Double) -> String {
        let text = format(usd)
        return text.hasPrefix("-") || text == "$0.00" ? text : "+" + text
    }

    /// Formats a unit cost with four significant digits below a dollar (`$0.002315`), cents above.
    public static func formatUnit(_ usd: Double) -> String {
        if abs(usd) >= 1 || usd == 0 { return format(usd) }
        let digits = max(2, min(10, Int((-log10(abs(usd))).rounded(.up)) + 3))
        return (usd < 0 ? "-$" : "$") + String(format: "%.\(digits)f", abs(usd))
    }

    /// Formats a rate as USD per 1M tokens with as many decimals as it has (at most six).
    public static func formatRate(_ rate: Rate) -> String {
        let micros = rate.picodollarsPerToken
        let whole = micros / 1_000_000
        var fraction = String(micros % 1_000_000)
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.count > 2, fraction.hasSuffix("0") { fraction.removeLast() }
        return "$\(whole).\(fraction)"
    }

    /// Formats a percentage change with one decimal and a sign: `+8.1%`.
    public static func formatPercent(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        let text = String(format: "%.1f", value)
        if text == "-0.0" || text == "0.0" { return "0.0%" }
        return (value > 0 ? "+" : "") + text + "%"
    }

    /// Formats a count with thousands separators, rounded to an integer.
    public static func formatCount(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        let rounded = value.rounded(.toNearestOrEven)
        return (rounded < 0 ? "-" : "") + grouped(abs(rounded))
    }

    private static func grouped(_ whole: Double) -> String {
        var digits = String(format: "%.0f", whole)
        var groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        groups.insert(digits, at: 0)
        return groups.joined(separator: ",")
    }
}
