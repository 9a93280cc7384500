/// A number read from bytes: `integer` is set when the text is an integer that fits in Int64.
struct ParsedNumber: Sendable {
    var value: Double
    var integer: Int64?

    /// The value as a whole number, when it has no fractional part (`12` or `12.0`) and fits in Int64.
    var wholeValue: Int64? {
        if let integer { return integer }
        guard value.isFinite, value == value.rounded(.towardZero), abs(value) < 9.2e18 else { return nil }
        return Int64(value)
    }
}
