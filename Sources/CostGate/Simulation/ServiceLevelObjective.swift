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

    /// Every objective name: `{ttft,tpot,e2e}_p{50,90,95,99}_ms`.
    public static let names = Metric.allCases.flatMap { metric in [50, 90, 95, 99].map { "\(metric.rawValue)_p\($0)_ms" } }

    /// The objective called `name` (`ttft_p95_ms`) with the limit `limitMs`.
    /// - Throws: `CostGateError.unknownName`, with the closest names, when `name` is not one of `names`.
    public init(named name: String, limitMs: Double) throws(CostGateError) {
        guard Self.names.contains(name) else { throw .unknown("SLO", name, in: "--slo", known: Self.names) }
        let pieces = name.split(separator: "_")
        self.init(metric: Metric(rawValue: String(pieces[0]))!, percentile: Int(pieces[1].dropFirst())!, limitMs: limitMs)
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
