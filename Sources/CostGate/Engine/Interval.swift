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
    ///
    /// Replicates are drawn four at a time, each with its own generator and its own running sum, so four additions
    /// are under way at once instead of each waiting for the one before, and a multiplier is read from a table of
    /// every 16-bit uniform (`poissonDraws`) instead of branching on a random draw. Each sum takes its records in
    /// order, and a record drawn zero times adds a zero, which leaves the sum as it was (a sum that starts at +0.0 is
    /// never −0.0, and the values are finite): every total is what a replicate drawn alone, skipping those records,
    /// comes to, bit for bit. Below `parallelDraws` draws (records × replicates) the replicates run on the calling
    /// thread.
    public static func replicateTotals(_ values: [Double], replicates: Int, seed: UInt64, parallelDraws: Int = Self.parallelDraws) -> [Double] {
        guard replicates > 0 else { return [] }
        let groups = (replicates + 3) / 4
        let totals = UnsafeMutableBufferPointer<Double>.allocate(capacity: groups * 4)
        defer { totals.deallocate() }
        nonisolated(unsafe) let output = totals.baseAddress!
        values.withUnsafeBufferPointer { buffer in
            poissonDraws.withUnsafeBufferPointer { table in
                nonisolated(unsafe) let input = buffer
                nonisolated(unsafe) let draws = table
                @Sendable func draw(group: Int) {
                    let first = UInt64(group * 4)
                    let step: UInt64 = 0x9E37_79B9_7F4A_7C15
                    var c0 = SplitMix64.mix(seed &+ first &* step)
                    var c1 = SplitMix64.mix(seed &+ (first + 1) &* step)
                    var c2 = SplitMix64.mix(seed &+ (first + 2) &* step)
                    var c3 = SplitMix64.mix(seed &+ (first + 3) &* step)
                    var (s0, s1, s2, s3) = (0.0, 0.0, 0.0, 0.0)
                    var (b0, b1, b2, b3): (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
                    for index in 0..<input.count {
                        if index & 3 == 0 {
                            c0 = c0 &+ step
                            c1 = c1 &+ step
                            c2 = c2 &+ step
                            c3 = c3 &+ step
                            (b0, b1, b2, b3) = (SplitMix64.mix(c0), SplitMix64.mix(c1), SplitMix64.mix(c2), SplitMix64.mix(c3))
                        }
                        let value = input[index]
                        s0 += Double(draws[Int(truncatingIfNeeded: b0 & 0xFFFF)]) * value
                        s1 += Double(draws[Int(truncatingIfNeeded: b1 & 0xFFFF)]) * value
                        s2 += Double(draws[Int(truncatingIfNeeded: b2 & 0xFFFF)]) * value
                        s3 += Double(draws[Int(truncatingIfNeeded: b3 & 0xFFFF)]) * value
                        b0 >>= 16
                        b1 >>= 16
                        b2 >>= 16
                        b3 >>= 16
                    }
                    let start = group * 4
                    (output[start], output[start + 1], output[start + 2], output[start + 3]) = (s0, s1, s2, s3)
                }
                // Each replicate has its own generator, so the order they run in changes nothing. A small sample's
                // replicates run on this thread: waking the other cores would cost more than the draws.
                let (count, overflow) = values.count.multipliedReportingOverflow(by: replicates)
                if !overflow, count < parallelDraws {
                    for group in 0..<groups { draw(group: group) }
                } else {
                    DispatchQueue.concurrentPerform(iterations: groups) { draw(group: $0) }
                }
            }
        }
        // The last group's lanes past `replicates` are drawn and dropped.
        return Array(totals[..<replicates]).sorted()
    }

    /// Below this many draws (records × replicates, about a millisecond on one core) the replicates run serially.
    public static let parallelDraws = 1 << 20

    /// The Poisson(1) draw of each 16-bit uniform: how many of `poissonThresholds16` it reaches, 0 to 7.
    static let poissonDraws: [UInt8] = (0..<UInt32(65536)).map { uniform in
        var draw: UInt8 = 0
        for threshold in poissonThresholds16 where uniform >= threshold { draw += 1 }
        return draw
    }

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
