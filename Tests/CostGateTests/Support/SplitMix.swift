@testable import CostGate

/// The tests' deterministic generator: the library's SplitMix64.
typealias SplitMix = SplitMix64

extension SplitMix64 {
    /// A uniform double in [0, 1).
    mutating func nextUniform() -> Double { Double(next() >> 11) / Double(UInt64(1) << 53) }
}
