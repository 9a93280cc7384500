/// The outcome of one simulation: per-request latencies (in input order) and fleet figures.
public struct SimulationResult: Sendable {
    /// Time to first token per request, ms; NaN for requests that were rejected.
    public var ttftMs: [Double]
    /// Time per output token after the first, ms: (E2E − TTFT) / (output − 1); NaN when output is 1 token.
    public var tpotMs: [Double]
    /// End-to-end latency per request, ms; NaN for rejected requests.
    public var e2eMs: [Double]
    /// Replica busy time attributed to each request, seconds: every step's duration split over the requests
    /// in it by their share of the step's tokens (multiply by GPUs per replica for GPU-seconds). Use it to
    /// attribute GPU cost to routes and tags; idle and cold-start time is not attributed to any request.
    public var gpuSeconds: [Double]
    /// Fleet figures.
    public var fleet: FleetStats
    /// Seconds from the start of the sample (time 0, or the first arrival if earlier) to the last event
    /// (normally the last completion); fixed replicas are billed over all of it.
    public var span: Double
    /// Requests that could never fit in one replica's KV cache (prompt + output too long).
    public var rejected: Int
    /// Preemptions (recompute) that happened because the KV cache ran out.
    public var preemptions: Int
    /// Prompt tokens served from the prefix cache.
    public var prefixCacheHitTokens: Int
    /// Output tokens generated.
    public var outputTokens: Int
    /// True when the run stopped before every request finished because it could no longer meet
    /// `ServingSimulator.Options.stopWhenFailing`; the latencies then cover only the requests finished by then.
    public var stoppedEarly = false

    /// Output tokens per second over the span.
    public var outputThroughput: Double { span > 0 ? Double(outputTokens) / span : 0 }
}
