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

    /// Estimates an interval at `confidence` for Σ values.
    public static func estimate(_ values: [Double], confidence: Double, replicates: Int, seed: UInt64) -> Estimate {
        var point = PreciseSum()
        for value in values { point.add(value) }
        if values.count > bootstrapLimit || values.isEmpty {
            var squares = PreciseSum()
            for value in values { squares.add(value, times: value) }
            let z = normalQuantile(0.5 + confidence / 2)
            let spread = z * squares.value.squareRoot()
            return Estimate(low: point.value - spread, high: point.value + spread,
                            method: "normal approximation (Poisson-sampling variance Σ w²c²), \(values.count) records")
        }
        let totals = replicateTotals(values, replicates: replicates, seed: seed)
        let alpha = (1 - confidence) / 2
        return Estimate(low: quantile(totals, alpha), high: quantile(totals, 1 - alpha),
                        method: "Poisson bootstrap, \(replicates) replicates, seed \(seed)")
    }

    /// The bootstrap totals Σ mᵢ·valuesᵢ for each replicate, sorted ascending.
    public static func replicateTotals(_ values: [Double], replicates: Int, seed: UInt64) -> [Double] {
        let totals = UnsafeMutableBufferPointer<Double>.allocate(capacity: replicates)
        defer { totals.deallocate() }
        let base = totals.baseAddress!
        nonisolated(unsafe) let output = base
        values.withUnsafeBufferPointer { buffer in
            nonisolated(unsafe) let input = buffer
            DispatchQueue.concurrentPerform(iterations: replicates) { replicate in
                var stream = mix(seed &+ UInt64(replicate) &* 0x9E37_79B9_7F4A_7C15)
                var sum = 0.0
                for value in input {
                    stream = stream &+ 0x9E37_79B9_7F4A_7C15
                    let multiplier = poissonOne(mix(stream))
                    if multiplier != 0 { sum += Double(multiplier) * value }
                }
                output[replicate] = sum
            }
        }
        return Array(totals).sorted()
    }

    /// The `p` quantile of sorted values, interpolating linearly between order statistics.
    public static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let position = p * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }

    /// SplitMix64's finaliser: a well-mixed 64-bit value from a counter.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Cumulative Poisson(1) probabilities as thresholds on a uniform 64-bit integer.
    private static let poissonThresholds: [UInt64] = {
        var thresholds: [UInt64] = []
        var probability = exp(-1.0)
        var cumulative = 0.0
        for k in 0..<12 {
            cumulative += probability
            probability /= Double(k + 1)
            thresholds.append(cumulative >= 1 ? UInt64.max : UInt64(cumulative * 18_446_744_073_709_551_616.0))
        }
        thresholds[thresholds.count - 1] = .max
        return thresholds
    }()

    /// A Poisson(1) draw from a uniform 64-bit value, by inversion.
    @inline(__always)
    static func poissonOne(_ uniform: UInt64) -> Int {
        let thresholds = poissonThresholds
        var k = 0
        while uniform > thresholds[k] { k += 1 }
        return k
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
