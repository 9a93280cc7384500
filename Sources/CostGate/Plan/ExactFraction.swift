/// A share from 0 to 1 held exactly as numerator / 10^digits, so that products of plan shares (0.8 × 0.7 × 0.12)
/// and their application to picodollars round the way the plan's decimal text says, not the way binary doubles would.
public struct ExactFraction: Sendable, Equatable, Hashable {
    /// The numerator over `denominator`.
    public private(set) var numerator: Int64
    /// A power of ten.
    public private(set) var denominator: Int64

    /// The fraction 1.
    public static let one = ExactFraction(numerator: 1, denominator: 1)
    /// The fraction 0.
    public static let zero = ExactFraction(numerator: 0, denominator: 1)

    /// The largest denominator kept (10^18): products past it are refused by `times`.
    static let largestDenominator: Int64 = 1_000_000_000_000_000_000

    init(numerator: Int64, denominator: Int64) {
        self.numerator = numerator
        self.denominator = denominator
        while self.denominator > 1, self.numerator % 10 == 0 {
            self.numerator /= 10
            self.denominator /= 10
        }
    }

    /// Parses plain decimal text from 0 to 1 with at most `maxDigits` decimals (`0.7`, `1`, `12e-2`); nil otherwise.
    public init?(text: String, maxDigits: Int = 6) {
        guard let scale = DecimalScale(text: text), scale.denominator <= Self.power(maxDigits),
              scale.numerator <= scale.denominator else { return nil }
        self.init(numerator: scale.numerator, denominator: scale.denominator)
    }

    /// The value as a double (for display and weights).
    public var value: Double { Double(numerator) / Double(denominator) }

    /// 1 − self.
    public var complement: ExactFraction { ExactFraction(numerator: denominator - numerator, denominator: denominator) }

    /// self × other, exact; nil when the product needs more than 18 decimals.
    public func times(_ other: ExactFraction) -> ExactFraction? {
        let (denominator, overflow) = self.denominator.multipliedReportingOverflow(by: other.denominator)
        guard !overflow, denominator <= Self.largestDenominator else { return nil }
        return ExactFraction(numerator: numerator * other.numerator, denominator: denominator)
    }

    /// self + other, exact; nil on overflow.
    public func plus(_ other: ExactFraction) -> ExactFraction? {
        let denominator = Swift.max(self.denominator, other.denominator)
        let (a, overflowA) = numerator.multipliedReportingOverflow(by: denominator / self.denominator)
        let (b, overflowB) = other.numerator.multipliedReportingOverflow(by: denominator / other.denominator)
        let (sum, overflowSum) = a.addingReportingOverflow(b)
        guard !overflowA, !overflowB, !overflowSum else { return nil }
        return ExactFraction(numerator: sum, denominator: denominator)
    }

    /// round(picodollars × self), halves away from zero, exactly (through 128-bit integers).
    public func apply(_ picodollars: Int64) -> Int64 {
        let product = Int128(picodollars) * Int128(numerator)
        let denominator = Int128(self.denominator)
        let quotient = product / denominator
        let remainder = product % denominator
        let rounded = remainder.magnitude * 2 >= denominator.magnitude ? quotient + (product < 0 ? -1 : 1) : quotient
        return Int64(rounded)
    }

    /// The decimal text (`0.12`), for messages and reports.
    public var text: String {
        if denominator == 1 { return String(numerator) }
        var digits = String(numerator)
        let width = String(denominator).count - 1
        while digits.count < width { digits = "0" + digits }
        return "0." + digits
    }

    private static func power(_ digits: Int) -> Int64 {
        var result: Int64 = 1
        for _ in 0..<digits { result *= 10 }
        return result
    }
}
