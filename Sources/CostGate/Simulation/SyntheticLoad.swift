import Foundation

/// Synthetic request streams for benchmarks and `costgate simulate`: Poisson or back-to-back arrivals with
/// fixed or ShareGPT-sampled lengths, reproducible from a seed.
public enum SyntheticLoad {
    /// How request lengths are drawn.
    public enum Lengths: Sendable, Equatable {
        /// Every request has these lengths.
        case fixed(input: Int, output: Int)
        /// Pairs drawn uniformly from `ShareGPTLengths`, each length multiplied by its scale (rounded, at least 1).
        case shareGPT(inputScale: Double, outputScale: Double)
    }

    /// The Poisson rates a run may ask for, requests/s: below one request in about 12 days or above a million a second,
    /// a rate is a typo, and one of 1e-300 would put the arrivals 1e300 seconds apart.
    public static let rates: ClosedRange<Double> = 0.000_001...1_000_000

    /// Generates `count` requests.
    /// - Parameters:
    ///   - count: number of requests.
    ///   - rate: Poisson arrival rate in requests/s; nil puts every arrival at 0 (for closed-loop runs).
    ///   - lengths: fixed or sampled lengths.
    ///   - seed: the random seed (SplitMix64); the same seed gives the same requests.
    /// - Returns: requests in arrival order.
    public static func requests(count: Int, rate: Double?, lengths: Lengths, seed: UInt64) -> [SimRequest] {
        var rng = SplitMix64(seed: seed)
        var t = 0.0
        var result: [SimRequest] = []
        result.reserveCapacity(count)
        for _ in 0..<count {
            if let rate, rate > 0 {
                let u = Double(rng.next() >> 11) * 0x1p-53
                t += -log(1 - u) / rate
            }
            let input: Int
            let output: Int
            switch lengths {
            case .fixed(let i, let o):
                input = i
                output = o
            case .shareGPT(let inputScale, let outputScale):
                let k = Int(rng.next() % UInt64(ShareGPTLengths.input.count))
                input = max(1, Int((Double(ShareGPTLengths.input[k]) * inputScale).rounded()))
                output = max(1, Int((Double(ShareGPTLengths.output[k]) * outputScale).rounded()))
            }
            result.append(SimRequest(arrival: t, inputTokens: input, outputTokens: output))
        }
        return result
    }
}
