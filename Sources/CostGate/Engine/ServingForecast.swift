/// Latency under load, GPU fleets and provider rate limits for one replayed side.
///
/// Self-hosted routes are simulated: every record is expanded into the requests it stands for (its weight ×
/// (1 + growth), the fraction drawn deterministically), spread over the sample's mean gap after its arrival, and
/// run through `ServingSimulator` per deployment. The fleet's cost over the simulated span is scaled to the month
/// and attributed to records by their share of GPU time. A hosted-API request that stays on the model that served
/// it keeps its recorded TTFT and per-token time (its end-to-end time follows its new output length); any other
/// gets the model's hosted profile, calibrated on the sample's own latencies for that model when present.
public struct ServingForecast: Sendable {
    /// One latency observation: the record it belongs to and its share of the record's weight.
    public struct Sample: Sendable {
        public var record: Int
        public var weight: Double
        public var ttftMs: Double
        public var tpotMs: Double
        public var e2eMs: Double
    }

    /// Latency summaries overall and per route.
    public struct Latency: Sendable {
        public var ttft: LatencySummary
        public var tpot: LatencySummary
        public var e2e: LatencySummary
        /// Share of the weighted traffic that has a latency estimate.
        public var coverage: Double
        public var byRoute: [(route: String, ttft: LatencySummary, tpot: LatencySummary, e2e: LatencySummary)]
        /// End-to-end latency's weighted distribution at each whole percent, for a chart (`LatencySummary.Builder`).
        public var e2eDistribution: [(x: Double, y: Double)] = []
    }

    /// One deployment's fleet over the month.
    public struct Fleet: Sendable {
        public var name: String
        public var model: String
        public var gpu: String
        public var gpusPerReplica: Int
        public var gpuHours: Double
        public var replicasMean: Double
        public var replicasMax: Int
        public var utilization: Double
        public var monthlyCost: Double
        public var simulatedRequests: Int
        public var preemptions: Int
        public var rejected: Int
        /// Mean billed replicas per hour of the simulated span (for the chart).
        public var hourlyReplicas: [Double]
        /// `llm` or `service`.
        public var kind: Deployment.Kind = .llm
        /// The owned-GPU cost derivation and break-even against the cloud, for an owned deployment.
        public var owned: OwnedCost?
        /// The same load on a fixed fleet at the policy's maximum, for a `gpu_utilization` autoscaler.
        public var fixedComparison: FixedComparison?
    }

    /// An owned fleet's cost: per GPU-hour parts, owned GPUs, and the same GPU rented from the cloud.
    public struct OwnedCost: Sendable {
        public var owned: OwnedGPU
        /// GPUs owned: the largest fleet's (max replicas × GPUs per replica).
        public var ownedGPUs: Int
        /// Hours in the forecast month (days × 24).
        public var monthHours: Double
        /// GPU-hours a month the fleet runs (draws power).
        public var runningGPUHours: Double
        /// The cheapest catalog instance with the same GPU, on demand, when known.
        public var cloudInstance: String?
        public var cloudPerGPUHour: Double?
        /// The fleet's monthly cost if the same running GPU-hours were rented at `cloudPerGPUHour`.
        public var cloudMonthlyCost: Double?
        /// Hours a month one GPU must run for owning to cost what renting does (nil: never).
        public var breakEvenHoursPerMonth: Double?
    }

    /// A utilisation-autoscaled fleet against a fixed fleet of its maximum size on the same load.
    public struct FixedComparison: Sendable {
        public var replicas: Int
        public var fixedMonthlyCost: Double
        public var fixedE2EP95Ms: Double
        public var autoscaledMonthlyCost: Double
        public var autoscaledE2EP95Ms: Double
    }

    /// A hosted model's forecast peak minute against its rate limit.
    public struct RateLimitUse: Sendable {
        public var model: String
        public var peakRequestsPerMinute: Double
        public var peakTokensPerMinute: Double
        public var rpmLimit: Double?
        public var tpmLimit: Double?
        /// Sampled records in the busiest minute (by requests) and in the busiest minute by tokens.
        public var peakRequestsRecords = 0
        public var peakTokensRecords = 0
        /// One standard error of each peak minute's estimate from sampling alone, relative to the estimate:
        /// √Σ w(w−1)·x² / Σ w·x over that minute's records (x = 1 for requests, the tokens for tokens), as for any
        /// total estimated from a Poisson sample with inclusion weights w; 0 when every record stands for itself.
        public var peakRequestsRelativeError = 0.0
        public var peakTokensRelativeError = 0.0
        public var rpmShare: Double? { rpmLimit.map { peakRequestsPerMinute / $0 } }
        public var tpmShare: Double? { tpmLimit.map { peakTokensPerMinute / $0 } }

        /// The relative error from which a peak is called uncertain, in reports and policy notes alike.
        public static let uncertainRelativeError = 0.1
        /// Whether the busiest minute by requests is an uncertain estimate.
        public var isRequestsPeakUncertain: Bool { peakRequestsRelativeError >= Self.uncertainRelativeError }
        /// Whether the busiest minute by tokens is an uncertain estimate.
        public var isTokensPeakUncertain: Bool { peakTokensRelativeError >= Self.uncertainRelativeError }
        /// Sampled records behind the thinnest uncertain peak, nil when neither peak is uncertain.
        public var uncertainPeakRecords: Int? {
            [isRequestsPeakUncertain ? peakRequestsRecords : nil, isTokensPeakUncertain ? peakTokensRecords : nil].compactMap { $0 }.min()
        }
    }

    /// A route's fallback: requests sent to it and what they cost a month.
    public struct FallbackUse: Sendable {
        public var route: String
        public var primary: String
        public var fallback: String
        /// Monthly requests above the primary's rate limit, served by the fallback.
        public var overflowRequests: Double
        /// Monthly failed requests retried on the fallback.
        public var errorRequests: Double
        /// Monthly cost of the fallback calls.
        public var fallbackMonthlyCost: Double
        /// Monthly primary cost no longer paid (rate-limited attempts are free).
        public var primarySavedMonthlyCost: Double
    }

    /// Every latency sample, in the order they were summarized, when a latency policy with `where` needs them
    /// (`ServingForecaster.forecast`'s `keepingSamples`); empty otherwise: at 40 bytes a sample, a side of ten
    /// million records would hold 400 MB only to summarize them once.
    public var samples: [Sample]
    public var latency: Latency?
    public var fleets: [Fleet]
    public var rateLimits: [RateLimitUse]
    /// Per record: attributed GPU, store or fallback cost over the sample window, before growth (the forecast scales
    /// it); nil when no record has any, as when every route is on a token API: 8 bytes a record saved, twice.
    public var extraCost: [Double]?
    /// The part of `extraCost` that comes from fixed-size fleets and stores: it does not move with the number of
    /// requests, so the interval treats it as a constant rather than resampling it; nil when none does.
    public var fixedCost: [Double]?
    /// Notes for the report (hosted profiles used, calibration).
    public var notes: [String]
    /// Routes with a fallback, by route name.
    public var fallbacks: [FallbackUse] = []

    /// Adds `share` to record `record`'s extra cost, and to its fixed cost when `fixed`, making the per-record
    /// arrays (of `count` records) on first use.
    mutating func addCost(_ share: Double, record: Int, count: Int, fixed: Bool) {
        Self.add(share, record: record, to: &extraCost, count: count)
        if fixed { Self.add(share, record: record, to: &fixedCost, count: count) }
    }

    /// Adds `share` to `costs[record]`, making `costs` (`count` zeros) when it is nil.
    static func add(_ share: Double, record: Int, to costs: inout [Double]?, count: Int) {
        if costs == nil { costs = [Double](repeating: 0, count: count) }
        costs![record] += share
    }

    /// Busy share of all billed GPU time across fleets, nil without fleets.
    public var gpuUtilization: Double? {
        let hours = fleets.reduce(0) { $0 + $1.gpuHours }
        guard hours > 0 else { return nil }
        return fleets.reduce(0) { $0 + $1.utilization * $1.gpuHours } / hours
    }
}
