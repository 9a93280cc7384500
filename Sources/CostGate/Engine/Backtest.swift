/// The simulator replayed on what the base side recorded: one self-hosted deployment's predicted latencies
/// against the latencies its records measured, at the recorded load (no growth).
public struct Backtest: Sendable, Equatable {
    /// The deployment.
    public var deployment: String
    /// Records with a measured latency that the comparison covers.
    public var records: Int
    /// Weighted means of what the records measured: TTFT, TPOT ((latency − TTFT) / (output − 1)) and E2E, in ms.
    public var measured: Calibration.Metrics
    /// Weighted means of what the simulator predicts for the same records.
    public var predicted: Calibration.Metrics
    /// Where the simulator's coefficients came from: the engine profile, a calibration file, or the traffic.
    public var coefficients: String

    /// predicted / measured − 1 for each metric both sides have.
    public var errors: Calibration.Metrics {
        func ratio(_ p: Double?, _ m: Double?) -> Double? {
            guard let p, let m, m > 0 else { return nil }
            return p / m - 1
        }
        return Calibration.Metrics(ttft: ratio(predicted.ttft, measured.ttft), tpot: ratio(predicted.tpot, measured.tpot),
                                   e2e: ratio(predicted.e2e, measured.e2e))
    }
}
