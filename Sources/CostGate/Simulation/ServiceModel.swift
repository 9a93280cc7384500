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
    static func normalQuantile(_ p: Double) -> Double { Interval.normalQuantile(p) }
}
