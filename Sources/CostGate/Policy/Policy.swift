/// A budget or threshold the plan enforces.
public struct Policy: Sendable, Equatable {
    /// The name shown in reports.
    public var name: String
    /// What is measured.
    public var metric: PolicyMetric
    /// Upper limit, if any.
    public var max: Double?
    /// Lower limit, if any.
    public var min: Double?
    /// Restricts the measurement to records whose route, model or tag equals each value.
    public var filter: [(key: String, value: String)]
    /// What a breach does.
    public var severity: Severity

    /// What a breached policy does to the build.
    public enum Severity: String, Sendable, CaseIterable {
        case fail
        case warn
    }

    public static func == (lhs: Policy, rhs: Policy) -> Bool {
        lhs.name == rhs.name && lhs.metric == rhs.metric && lhs.max == rhs.max && lhs.min == rhs.min
            && lhs.severity == rhs.severity && lhs.filter.map(\.key) == rhs.filter.map(\.key)
            && lhs.filter.map(\.value) == rhs.filter.map(\.value)
    }

    /// The filter as `key=value` text, for reports.
    public var filterDescription: String {
        filter.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
    }
}

/// The metrics a policy can measure.
public enum PolicyMetric: String, Sendable, CaseIterable {
    case monthlyCost = "monthly_cost"
    case monthlyCostHigh = "monthly_cost_high"
    case monthlyCostLow = "monthly_cost_low"
    case monthlyCostDelta = "monthly_cost_delta"
    case monthlyCostDeltaPct = "monthly_cost_delta_pct"
    case costPerRequest = "cost_per_request"
    case costPerQuality = "cost_per_quality"
    case costPerQualityDeltaPct = "cost_per_quality_delta_pct"
    case quality
    case requests
    case ttftP50 = "ttft_p50_ms"
    case ttftP95 = "ttft_p95_ms"
    case ttftP99 = "ttft_p99_ms"
    case tpotP50 = "tpot_p50_ms"
    case tpotP95 = "tpot_p95_ms"
    case tpotP99 = "tpot_p99_ms"
    case e2eP50 = "e2e_p50_ms"
    case e2eP95 = "e2e_p95_ms"
    case e2eP99 = "e2e_p99_ms"
    case gpuUtilization = "gpu_utilization"
    case peakTPMShare = "peak_tpm_share"
    case peakRPMShare = "peak_rpm_share"

    /// Whether the metric is money (formatted as USD in reports).
    public var isMoney: Bool {
        switch self {
        case .monthlyCost, .monthlyCostHigh, .monthlyCostLow, .monthlyCostDelta, .costPerRequest, .costPerQuality: return true
        default: return false
        }
    }

    /// Whether the metric is a percentage.
    public var isPercent: Bool {
        self == .monthlyCostDeltaPct || self == .costPerQualityDeltaPct
    }
}
