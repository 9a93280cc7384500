import Foundation

/// How a non-LLM GPU service (`"kind": "service"`: an image, speech or embedding model) serves requests:
/// per-request service times and how many requests one replica serves together.
///
/// A replica takes up to `batchSize` queued requests at once, as soon as it is idle (no batching delay); the
/// batch takes as long as its slowest member's service time, so batching multiplies throughput by up to
/// `batchSize` (an upper bound: real GPUs slow down somewhat with larger batches — measure with the batch
/// size you deploy and give those times).
public struct ServiceModel: Sendable, Equatable {
    /// Where per-request service times come from.
    public enum Times: Sendable, Equatable {
        /// Each record's own `latency_ms`, taken as pure service time (no queueing in it).
        case measured
        /// A log-normal distribution through the given median and 95th percentile, in ms.
        case lognormal(p50: Double, p95: Double)
        /// Measured service times in ms, one drawn per request (uniformly, deterministically).
        case list([Double])
    }

    /// z of the standard normal's 95th percentile.
    static let z95 = 1.6448536269514722

    /// The service-time source.
    public var times: Times
    /// Requests one replica serves together (1: one at a time).
    public var batchSize: Int

    /// Creates a service model.
    public init(times: Times = .measured, batchSize: Int = 1) {
        self.times = times
        self.batchSize = max(1, batchSize)
    }

    /// The service time of one request in ms: its recorded latency (`.measured`; NaN when it has none), or a
    /// draw from the distribution at `unit`, a deterministic uniform value in (0, 1) belonging to the request.
    public func serviceMs(recorded: Double, unit: Double) -> Double {
        switch times {
        case .measured:
            return recorded
        case .lognormal(let p50, let p95):
            let sigma = log(p95 / p50) / Self.z95
            return p50 * exp(sigma * Self.normalQuantile(min(max(unit, 1e-12), 1 - 1e-12)))
        case .list(let values):
            return values[min(values.count - 1, Int(unit * Double(values.count)))]
        }
    }

    /// The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9).
    static func normalQuantile(_ p: Double) -> Double {
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
                 -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
                 -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
                 4.374664141464968e+00, 2.938163982698783e+00]
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
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    }
}
