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
    case costPerSuccess = "cost_per_success"
    case costPerSuccessDeltaPct = "cost_per_success_delta_pct"
    case tierCost = "tier_cost"
    case tierQuality = "tier_quality"
    case tierCostPerQuality = "tier_cost_per_quality"
    /// The largest per-model drift, in absolute percent, between the provider-billed cost of recorded requests and
    /// costgate's price of them (`PriceDrift`): a stale price book fails the build.
    case priceDriftPct = "price_drift_pct"

    /// Whether the metric is a latency percentile.
    public var isLatency: Bool {
        switch self {
        case .ttftP50, .ttftP95, .ttftP99, .tpotP50, .tpotP95, .tpotP99, .e2eP50, .e2eP95, .e2eP99: return true
        default: return false
        }
    }

    /// Whether the metric is money (formatted as USD in reports).
    public var isMoney: Bool {
        switch self {
        case .monthlyCost, .monthlyCostHigh, .monthlyCostLow, .monthlyCostDelta, .costPerRequest, .costPerQuality: return true
        case .costPerSuccess, .tierCost, .tierCostPerQuality: return true
        default: return false
        }
    }

    /// Whether the metric is computed from the records' prices, so that records without a price leave it short.
    public var dependsOnPrices: Bool {
        isMoney || self == .monthlyCostDeltaPct || self == .costPerQualityDeltaPct || self == .costPerSuccessDeltaPct
    }

    /// Whether the metric is a percentage.
    public var isPercent: Bool {
        self == .monthlyCostDeltaPct || self == .costPerQualityDeltaPct || self == .costPerSuccessDeltaPct || self == .priceDriftPct
    }
}
