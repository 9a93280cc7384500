/// A latency objective: a percentile of TTFT, TPOT or E2E at or below a limit (`ttft_p95_ms=800`).
public struct ServiceLevelObjective: Sendable, Equatable, CustomStringConvertible {
    /// The latency measured.
    public enum Metric: String, Sendable, CaseIterable {
        /// Time to first token.
        case ttft
        /// Time per output token.
        case tpot
        /// End-to-end latency.
        case e2e
    }

    /// The latency measured.
    public var metric: Metric
    /// The percentile: 50, 90, 95 or 99.
    public var percentile: Int
    /// The limit, ms.
    public var limitMs: Double

    /// Creates an objective.
    public init(metric: Metric, percentile: Int, limitMs: Double) {
        self.metric = metric
        self.percentile = percentile
        self.limitMs = limitMs
    }

    /// The objective's name, `ttft_p95_ms`.
    public var name: String { "\(metric.rawValue)_p\(percentile)_ms" }

    /// `ttft_p95_ms ≤ 800`.
    public var description: String { "\(name) ≤ \(limitMs)" }

    /// Parses `NAME=LIMIT`, where NAME is `{ttft,tpot,e2e}_p{50,90,95,99}_ms`.
    public static func parse(_ text: String) throws(CostGateError) -> ServiceLevelObjective {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        let names = Metric.allCases.flatMap { m in [50, 90, 95, 99].map { "\(m.rawValue)_p\($0)_ms" } }
        guard parts.count == 2 else {
            throw .usage("--slo expects NAME=LIMIT such as ttft_p95_ms=800, found \(excerpt(text))")
        }
        guard names.contains(parts[0]) else { throw .unknown("SLO", parts[0], in: "--slo", known: names) }
        guard let limit = Double(parts[1]), limit.isFinite, limit > 0 else {
            throw .usage("--slo \(parts[0]) expects a positive number of milliseconds, found \(excerpt(parts[1]))")
        }
        let pieces = parts[0].split(separator: "_")
        return ServiceLevelObjective(metric: Metric(rawValue: String(pieces[0]))!,
                                     percentile: Int(pieces[1].dropFirst())!, limitMs: limit)
    }

    /// The summary's value for this objective's percentile.
    public func value(in summary: LatencySummary) -> Double {
        switch percentile {
        case 50: return summary.p50
        case 90: return summary.p90
        case 99: return summary.p99
        default: return summary.p95
        }
    }
}
