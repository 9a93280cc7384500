import Foundation

/// Every way costgate writes a number for people or for files, in one place: money, counts, percentages,
/// durations and plain decimals.
///
/// - Human output (text, Markdown, warnings) rounds money to cents, half to even, with thousands separators:
///   `$12,345.68`.
/// - Machine output (JSON, CSV) carries the shortest text that reads back to the same double (`decimal`).
/// - Nothing here depends on the locale: a report reads the same on every machine.
public enum Format {
    // MARK: Money

    /// USD as `$1,234.57` (`-$3.10` for negatives), rounded half to even to cents.
    public static func money(_ usd: Double) -> String {
        // The engine rejects non-finite forecasts before any report; this keeps a formatter from trapping.
        guard usd.isFinite else { return "n/a" }
        // From 2^53 cents up a double holds no cents to round, and beyond 1.8e306 dollars the cents overflow to
        // infinity (a policy `max` of 1e308 trapped every human format): whole dollars.
        guard abs(usd) < 0x1p53 / 100 else { return (usd < 0 ? "-$" : "$") + grouped(abs(usd).rounded()) + ".00" }
        let cents = (usd * 100).rounded(.toNearestOrEven)
        let negative = cents < 0
        let magnitude = abs(cents)
        let whole = (magnitude / 100).rounded(.towardZero)
        let fraction = Int(magnitude - whole * 100)
        return (negative ? "-$" : "$") + grouped(whole) + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// A signed change of USD: `+$1,240.00` or `-$310.50` (`$0.00` unsigned).
    public static func moneyChange(_ usd: Double) -> String {
        let text = money(usd)
        return text.hasPrefix("-") || text == "$0.00" ? text : "+" + text
    }

    /// A unit cost with four significant digits below a dollar (`$0.002315`), cents above.
    public static func unitCost(_ usd: Double) -> String {
        if abs(usd) >= 1 || usd == 0 { return money(usd) }
        let digits = max(2, min(10, Int((-log10(abs(usd))).rounded(.up)) + 3))
        return (usd < 0 ? "-$" : "$") + String(format: "%.\(digits)f", abs(usd))
    }

    /// A signed unit cost (`+$0.0012`; `$0.00` unsigned, as `moneyChange` writes no change), or "" when there is none.
    public static func unitCostChange(_ usd: Double?) -> String {
        guard let usd else { return "" }
        if usd == 0 { return unitCost(0) }
        return (usd > 0 ? "+" : "") + unitCost(usd)
    }

    /// A rate as USD per 1M tokens with as many decimals as it has, at least two (`$0.075`, `$2.50`).
    public static func rate(_ rate: Rate) -> String {
        "$" + rateDigits(rate, keepingDecimals: 2)
    }

    /// A rate as USD per 1M tokens, a plain decimal with no trailing zeros (`0.075`, `10`), for JSON and CSV.
    public static func rateDecimal(_ rate: Rate) -> String {
        rateDigits(rate, keepingDecimals: 0)
    }

    /// The exact micro-USD count of a rate, written as a decimal that keeps at least `keep` fraction digits.
    private static func rateDigits(_ rate: Rate, keepingDecimals keep: Int) -> String {
        let micros = rate.picodollarsPerToken
        let whole = String(micros / 1_000_000)
        var fraction = String(micros % 1_000_000)
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.count > keep, fraction.hasSuffix("0") { fraction.removeLast() }
        return fraction.isEmpty ? whole : whole + "." + fraction
    }

    // MARK: Counts and percentages

    /// A count with thousands separators, rounded to an integer (`12,345`; `n/a` when not finite).
    public static func count(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        let rounded = value.rounded(.toNearestOrEven)
        return (rounded < 0 ? "-" : "") + grouped(abs(rounded))
    }

    /// A signed count change: `+1,200`, `-35`, `0`.
    public static func countChange(_ value: Double) -> String {
        (value > 0 ? "+" : "") + count(value)
    }

    /// A percentage change with one decimal and a sign: `+8.1%`, `0.0%`.
    public static func percentChange(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        let text = String(format: "%.1f", value)
        if text == "-0.0" || text == "0.0" { return "0.0%" }
        return (value > 0 ? "+" : "") + text + "%"
    }

    /// A confidence level as a percentage with the decimals it needs, up to two: `0.9` → `90%`, `0.975` → `97.5%`,
    /// `0.999` → `99.9%` (rounded to a whole percentage, 0.999 read as a "100% interval").
    public static func confidence(_ level: Double) -> String {
        var text = fixed(level * 100, digits: 2)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text + "%"
    }

    /// A share of 1 as a whole percentage: `0.734` → `73%`.
    public static func wholePercent(_ share: Double) -> String {
        String(format: "%.0f%%", share * 100)
    }

    // MARK: Plain numbers and durations

    /// A number with exactly `digits` decimals, rounded half to even (`n/a` when not finite).
    public static func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return "n/a" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrEven)
        // Beyond 64-bit integers (far above any latency or share), print the plain rounded decimal.
        guard scaled < 9e18 else { return String(format: "%.\(digits)f", value) }
        let whole = Int64(scaled / scale)
        var fraction = String(Int64(scaled) - whole * Int64(scale))
        while fraction.count < digits { fraction = "0" + fraction }
        let sign = value < 0 && scaled != 0 ? "-" : ""
        return sign + String(whole) + (digits > 0 ? "." + fraction : "")
    }

    /// A signed number with three decimals (`+0.012`), or "" when there is none: quality changes.
    public static func fixedChange(_ value: Double?) -> String {
        guard let value else { return "" }
        return (value >= 0 ? "+" : "") + fixed(value, digits: 3)
    }

    /// A measurement with two decimals below 100 and none above (`3.14`, `1234`), as benchmarks print them.
    public static func measurement(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        return String(format: abs(value) >= 100 ? "%.0f" : "%.2f", value)
    }

    /// Milliseconds rounded to whole ones (`812`; `n/a` when not finite).
    public static func milliseconds(_ value: Double) -> String {
        value.isFinite ? String(format: "%.0f", value) : "n/a"
    }

    /// The shortest text that reads back to the same double, never in exponent form (`0.0000001`, `12`, `null`
    /// when not finite): JSON numbers, CSV cells and ratios in sentences.
    public static func decimal(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        let text = "\(value)"
        return text.contains("e") ? decimalExpansion(value, shortest: text) : text
    }

    /// A small `value` written out without an exponent: Swift's shortest digits (`text`, such as `-1.25e-07`) moved
    /// behind `0.` and zeros, as many decimals as they need, so the text reads back to `value`. (Up to 17 decimals
    /// this is what the formatting search below gives: the shortest digits that read back are the correctly rounded
    /// ones at that length, which `%.Nf` prints. That search stopped at 17 decimals, so it wrote 1.2345678901234567e-05
    /// as 0.00001234567890123 and 1e-20 as 0.00000000000000000, which read back as other numbers.)
    static func decimalExpansion(_ value: Double, shortest text: String) -> String {
        let utf8 = Array(text.utf8)
        guard let e = utf8.firstIndex(of: UInt8(ascii: "e")), e + 2 < utf8.count, utf8[e + 1] == UInt8(ascii: "-"),
              let exponent = Int(String(decoding: utf8[(e + 2)...], as: UTF8.self)) else { return decimalExpansion(value) }
        let negative = utf8.first == UInt8(ascii: "-")
        let digits = utf8[(negative ? 1 : 0)..<e].filter { $0 != UInt8(ascii: ".") }
        let zeros = exponent - 1
        guard zeros >= 0, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return decimalExpansion(value) }
        var result = [UInt8]()
        result.reserveCapacity(digits.count + zeros + 3)
        if negative { result.append(UInt8(ascii: "-")) }
        result += Array("0.".utf8)
        result += repeatElement(UInt8(ascii: "0"), count: zeros)
        result += digits
        return String(decoding: result, as: UTF8.self)
    }

    /// The `%.Nf` search: `value` with the fewest decimals, at most 17, that read back. `decimal` uses it for the
    /// numbers Swift writes with a positive exponent; the tests compare `decimalExpansion(_:shortest:)` with it.
    static func decimalExpansion(_ value: Double) -> String {
        // Swift prints 1e-07 for small numbers; JSON readers accept that, but a plain decimal reads better.
        var digits = 17
        var text = String(format: "%.\(digits)f", value)
        while digits > 0 {
            let shorter = String(format: "%.\(digits - 1)f", value)
            if Double(shorter) != value { break }
            text = shorter
            digits -= 1
        }
        return text
    }

    /// A moment as `2024-01-01T00:00:00Z` (UTC, whole seconds), as FOCUS's Date/Time Format asks.
    public static func utcDateTime(_ unixSeconds: Int64) -> String {
        let days = unixSeconds >= 0 ? unixSeconds / 86_400 : (unixSeconds - 86_399) / 86_400
        let seconds = unixSeconds - days * 86_400
        // Days to a civil date (Howard Hinnant's algorithm, proleptic Gregorian).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int64) -> String { value < 10 ? "0" + String(value) : String(value) }
        // ISO 8601 writes a year with at least four digits, and a sign before years before 0 (timestamps reach back
        // to the year −1199).
        let digits = String(abs(year))
        let yearText = (year < 0 ? "-" : "") + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        return yearText + "-" + two(month) + "-" + two(day) + "T" + two(seconds / 3600) + ":" + two(seconds % 3600 / 60) + ":"
            + two(seconds % 60) + "Z"
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
