/// A discrete-event simulator of vLLM (v1) continuous batching over a fleet of replicas.
///
/// Requests arrive (open loop at their `arrival`, or closed loop with a fixed number of clients), a router
/// sends each to the ready replica with the fewest outstanding requests, and each replica runs scheduler
/// steps: running requests first (one decode token each, or their next prefill chunk), then waiting ones,
/// within `max_num_batched_tokens` and `max_num_seqs`, allocating KV-cache blocks and preempting the most
/// recently admitted request (recompute) when blocks run out. Step durations come from `StepTimeModel`.
/// The run is deterministic: the same input gives bit-identical output.
public enum ServingSimulator {
    /// Tokens per Mooncake-style prompt block hash (the Mooncake FAST'25 traces use 512-token blocks).
    public static let hashBlockTokens = 512

    /// Run options.
    public struct Options: Sendable {
        /// Closed-loop clients: when set, `arrival` is ignored; each client sends its next request (in input
        /// order) as soon as its previous one finishes.
        public var concurrency: Int?
        /// Seconds over which closed-loop clients send their first requests (the first at 0, the others at
        /// reproducible pseudo-random times in [0, rampUp)); 0 starts every client at once.
        public var closedLoopRampUp: Double
        /// Step-time coefficients; nil for those of the deployment's engine profile.
        public var coefficients: StepTimeModel.Coefficients?
        /// Front-end time; nil for that of the deployment's engine profile.
        public var frontEnd: EngineProfile.FrontEnd?
        /// Seconds between autoscaler evaluations.
        public var autoscaleInterval: Double
        /// Objectives to stop at: the run ends as soon as its full result would fail one of them, with
        /// `SimulationResult.stoppedEarly` set (`ObjectiveWatch`). Only the LLM loop stops early; a GPU
        /// service always runs to the end. Empty (the default): the run always completes.
        public var stopWhenFailing: [ServiceLevelObjective]
        /// Whether decode-only stretches run in aggregate (`SteadyDecode`); off, every step visits every
        /// request. Both give the same run; tests compare them.
        var aggregatesDecode = true
        /// Whether autoscaler ticks that would change nothing on an idle fleet are skipped (`FleetLedger.quietTicks`);
        /// off, every tick is evaluated. Both give the same run; tests compare them.
        var skipsQuietTicks = true

        /// Creates options.
        public init(concurrency: Int? = nil, closedLoopRampUp: Double = 0,
                    coefficients: StepTimeModel.Coefficients? = nil, frontEnd: EngineProfile.FrontEnd? = nil,
                    autoscaleInterval: Double = 15, stopWhenFailing: [ServiceLevelObjective] = []) {
            self.concurrency = concurrency
            self.closedLoopRampUp = closedLoopRampUp
            self.coefficients = coefficients
            self.frontEnd = frontEnd
            self.autoscaleInterval = autoscaleInterval
            self.stopWhenFailing = stopWhenFailing
        }
    }

    /// Simulates `requests` served by `deployment`.
    /// - Parameters:
    ///   - requests: the load; results keep this order.
    ///   - deployment: model, GPU, engine settings, replicas and price.
    ///   - options: closed-loop concurrency, coefficients, autoscaler interval.
    /// - Returns: per-request latencies and fleet figures.
    public static func run(_ requests: [SimRequest], deployment: Deployment, options: Options = Options()) -> SimulationResult {
        if deployment.kind == .service {
            var loop = ServiceLoop(requests: requests, deployment: deployment, options: options)
            return loop.run()
        }
        var engine = SimulationLoop(requests: requests, deployment: deployment, options: options)
        return engine.run()
    }
}
