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

    /// Subtracts another sum (to the same double-double precision).
    public mutating func subtract(_ other: PreciseSum) {
        add(-other.high)
        low -= other.low
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
