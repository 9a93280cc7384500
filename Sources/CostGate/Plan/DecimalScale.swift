/// A non-negative decimal multiplier held exactly as numerator / 10^exponent, so that
/// `round(output × output_scale)` rounds halves the way the plan's decimal text says (15 × 0.7 = 10.5 → 11),
/// not the way a binary double would (10.499999… → 10).
public struct DecimalScale: Sendable, Equatable {
    public var numerator: Int64
    public var denominator: Int64

    /// The multiplier 1.
    public static let one = DecimalScale(numerator: 1, denominator: 1)

    /// Parses decimal text such as `0.7`, `1.25` or `2e-1`; nil if it is not a plain non-negative decimal
    /// with at most 12 decimals.
    public init?(text: String) {
        var mantissa = ""
        var fractionDigits = 0
        var exponent = 0
        var seenPoint = false
        var characters = Substring(text)
        if let e = characters.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let value = Int(characters[characters.index(after: e)...]) else { return nil }
            exponent = value
            characters = characters[..<e]
        }
        for character in characters {
            if character == "." { if seenPoint { return nil }; seenPoint = true; continue }
            guard character.isASCII, character.isNumber else { return nil }
            mantissa.append(character)
            if seenPoint { fractionDigits += 1 }
        }
        var power = fractionDigits - exponent
        while power < 0 { mantissa += "0"; power += 1 }
        guard power <= 12, mantissa.count <= 17, let numerator = Int64(mantissa) else { return nil }
        var denominator: Int64 = 1
        for _ in 0..<power { denominator *= 10 }
        self.numerator = numerator
        self.denominator = denominator
    }

    init(numerator: Int64, denominator: Int64) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// The value as a double (for display).
    public var value: Double { Double(numerator) / Double(denominator) }

    /// round(tokens × self), halves away from zero, exactly; nil on overflow.
    public func apply(_ tokens: Int64) -> Int64? {
        let (product, overflow) = tokens.multipliedReportingOverflow(by: numerator)
        if overflow { return nil }
        let quotient = product / denominator
        let remainder = product % denominator
        return remainder * 2 >= denominator ? quotient + 1 : quotient
    }
}
