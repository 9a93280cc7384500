import Dispatch
import Foundation

/// The forecast interval: how unsure a sample-based total is.
///
/// A sampled log keeps each request with some probability, so the number of records is itself random. The
/// Poisson bootstrap models exactly that: each replicate gives every record a Poisson(1) multiplier (keep it 0,
/// 1, 2, … times), so the replicate's record count varies as a real resample's would. The multipliers come from a
/// counter-based generator keyed by (seed, replicate, record), so the interval is the same on every run and for
/// every thread count. Above `bootstrapLimit` records the bootstrap's cost grows large while its distribution is
/// normal to within a hair (central limit theorem), so the interval switches to the normal approximation with the
/// same variance the Poisson bootstrap estimates, Σ yᵢ².
public enum Interval {
    /// Records above which the normal approximation replaces the bootstrap.
    public static let bootstrapLimit = 250_000

    /// The interval's ends (in the values' unit, not yet scaled) and the method used.
    public struct Estimate: Sendable, Equatable {
        public var low: Double
        public var high: Double
        public var method: String
    }

    /// Estimates an interval for Σ values where `fixed` (per value, nil for none) is a part that does not vary
    /// with the sample, such as a fixed fleet's cost: the rest is resampled and the fixed total added to both ends.
    public static func estimate(_ values: [Double], fixed: [Double]?, confidence: Double, replicates: Int, seed: UInt64) -> Estimate {
        guard let fixed, fixed.contains(where: { $0 != 0 }) else {
            return estimate(values, confidence: confidence, replicates: replicates, seed: seed)
        }
        var constant = PreciseSum()
        var varying = values
        for index in values.indices {
            constant.add(fixed[index])
            varying[index] -= fixed[index]
        }
        var result = estimate(varying, confidence: confidence, replicates: replicates, seed: seed)
        result.low += constant.value
        result.high += constant.value
        result.method += "; fixed-fleet GPU cost held constant"
        return result
    }

    /// Estimates an interval at `confidence` for Σ values.
    public static func estimate(_ values: [Double], confidence: Double, replicates: Int, seed: UInt64) -> Estimate {
        if values.count > bootstrapLimit || values.isEmpty {
            var point = PreciseSum()
            var squares = PreciseSum()
            for value in values {
                point.add(value)
                squares.add(value, times: value)
            }
            return normal(point: point, squares: squares, count: values.count, confidence: confidence)
        }
        let totals = replicateTotals(values, replicates: replicates, seed: seed)
        let alpha = (1 - confidence) / 2
        return Estimate(low: quantile(totals, alpha), high: quantile(totals, 1 - alpha),
                        method: "Poisson bootstrap, \(replicates) replicates, seed \(seed)")
    }

    /// The normal approximation's interval around Σ values (`point`), with variance Σ values² (`squares`).
    static func normal(point: PreciseSum, squares: PreciseSum, count: Int, confidence: Double) -> Estimate {
        let z = normalQuantile(0.5 + confidence / 2)
        let spread = z * squares.value.squareRoot()
        return Estimate(low: point.value - spread, high: point.value + spread,
                        method: "normal approximation (Poisson-sampling variance Σ w²c²), \(count) records")
    }

    /// The values of an interval added one at a time, in order, for a sample read a block at a time: their sum and
    /// sum of squares, and the values themselves while there are at most `bootstrapLimit` of them (the bootstrap
    /// needs each one; the normal approximation above it needs only the sums). `estimate` then gives what
    /// `Interval.estimate(_:confidence:replicates:seed:)` gives for the same values in the same order.
    struct Sums {
        private var point = PreciseSum()
        private var squares = PreciseSum()
        private(set) var count = 0
        private var values: [Double] = []

        init() {}

        /// Adds the next value.
        @inline(__always)
        mutating func add(_ value: Double) {
            point.add(value)
            squares.add(value, times: value)
            count += 1
            if count <= Interval.bootstrapLimit {
                values.append(value)
            } else if count == Interval.bootstrapLimit + 1 {
                values = []
            }
        }

        func estimate(confidence: Double, replicates: Int, seed: UInt64) -> Estimate {
            guard count > bootstrapLimit || count == 0 else {
                return Interval.estimate(values, confidence: confidence, replicates: replicates, seed: seed)
            }
            return normal(point: point, squares: squares, count: count, confidence: confidence)
        }
    }

    /// The bootstrap totals Σ mᵢ·valuesᵢ for each replicate, sorted ascending.
    ///
    /// Each 64-bit draw of the counter-based generator yields four 16-bit uniforms, one per record; the Poisson(1)
    /// thresholds are held to 1/65536, which moves no probability by more than 1.6e-5.
    /// Below `parallelDraws` draws (records × replicates) the replicates run on the calling thread.
    public static func replicateTotals(_ values: [Double], replicates: Int, seed: UInt64, parallelDraws: Int = Self.parallelDraws) -> [Double] {
        let totals = UnsafeMutableBufferPointer<Double>.allocate(capacity: replicates)
        defer { totals.deallocate() }
        nonisolated(unsafe) let output = totals.baseAddress!
        let t = poissonThresholds16
        let (t0, t1, t2, t3, t4, t5, t6) = (t[0], t[1], t[2], t[3], t[4], t[5], t[6])
        values.withUnsafeBufferPointer { buffer in
            nonisolated(unsafe) let input = buffer
            @Sendable func draw(_ replicate: Int) {
                var counter = SplitMix64.mix(seed &+ UInt64(replicate) &* 0x9E37_79B9_7F4A_7C15)
                var sum = 0.0
                var bits: UInt64 = 0
                for index in 0..<input.count {
                    if index & 3 == 0 {
                        counter = counter &+ 0x9E37_79B9_7F4A_7C15
                        bits = SplitMix64.mix(counter)
                    }
                    let uniform = UInt32(truncatingIfNeeded: bits & 0xFFFF)
                    bits >>= 16
                    if uniform < t0 { continue }
                    var multiplier = 1.0
                    if uniform >= t1 {
                        multiplier = uniform < t2 ? 2 : uniform < t3 ? 3 : uniform < t4 ? 4 : uniform < t5 ? 5 : uniform < t6 ? 6 : 7
                    }
                    sum += multiplier * input[index]
                }
                output[replicate] = sum
            }
            // Each replicate has its own generator, so the order they run in changes nothing. A small sample's
            // replicates run on this thread: waking the other cores would cost more than the draws.
            let (draws, overflow) = values.count.multipliedReportingOverflow(by: replicates)
            if !overflow, draws < parallelDraws {
                for replicate in 0..<replicates { draw(replicate) }
            } else {
                DispatchQueue.concurrentPerform(iterations: replicates, execute: draw)
            }
        }
        return Array(totals).sorted()
    }

    /// Below this many draws (records × replicates, about a millisecond on one core) the replicates run serially.
    public static let parallelDraws = 1 << 20

    /// Cumulative Poisson(1) probabilities P(X ≤ k), k = 0…6, scaled to 16 bits (P(X > 7) ≈ 1e-5 folds into 7).
    private static let poissonThresholds16: [UInt32] = {
        var thresholds: [UInt32] = []
        var probability = exp(-1.0)
        var cumulative = 0.0
        for k in 0..<7 {
            cumulative += probability
            probability /= Double(k + 1)
            thresholds.append(UInt32((cumulative * 65536).rounded()))
        }
        return thresholds
    }()

    /// The `p` quantile of sorted values, interpolating linearly between order statistics.
    public static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let position = p * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }

    /// The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9).
    public static func normalQuantile(_ p: Double) -> Double {
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        if p < low {
            let q = (-2 * log(p)).squareRoot()
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        if p > 1 - low {
            let q = (-2 * log(1 - p)).squareRoot()
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        let q = p - 0.5
        let r = q * q
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    }
}
