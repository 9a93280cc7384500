/// What `costgate simulate` prints: the deployment, the load and what the simulator measured.
public struct SimulationListing: Sendable {
    /// The deployment simulated.
    public var deployment: Deployment
    /// Requests sent.
    public var requests: Int
    /// Poisson arrivals per second, nil for a closed loop.
    public var rate: Double?
    /// Closed-loop clients, nil for Poisson arrivals.
    public var concurrency: Int?
    /// What the simulator measured.
    public var result: SimulationResult
    /// Latency percentiles of the completed requests.
    public let ttft: LatencySummary
    public let tpot: LatencySummary
    public let e2e: LatencySummary

    /// Creates a listing, summarizing the result's latencies.
    public init(deployment: Deployment, requests: Int, rate: Double?, concurrency: Int?, result: SimulationResult) {
        self.deployment = deployment
        self.requests = requests
        self.rate = rate
        self.concurrency = concurrency
        self.result = result
        ttft = LatencySummary(result.ttftMs)
        tpot = LatencySummary(result.tpotMs)
        e2e = LatencySummary(result.e2eMs)
    }

    /// Requests that completed.
    public var completed: Int { e2e.count }

    /// Completed requests per second of simulated time.
    public var requestRate: Double { result.span > 0 ? Double(completed) / result.span : 0 }
}
