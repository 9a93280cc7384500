public import CostGate

/// The tests' deterministic generator: the library's SplitMix64.
public typealias SplitMix = SplitMix64

extension SplitMix64 {
    /// A uniform double in [0, 1).
    public mutating func nextUniform() -> Double { Double(next() >> 11) / Double(UInt64(1) << 53) }
}
