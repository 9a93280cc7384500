extension ServingSimulator {
    /// Lower bounds on each request's TTFT and E2E on any fleet of `deployment`'s replicas, however many.
    public struct UnloadedBound: Sendable {
        /// Per request, in input order, ms; NaN for requests no replica can hold.
        public var ttftMs: [Double]
        /// Per request, in input order, ms; NaN for requests no replica can hold.
        public var e2eMs: [Double]
        /// Requests whose prompt and output exceed one replica's KV cache: rejected on every fleet.
        public var rejected: Int
    }

    /// What each request would take alone on a replica whose prefix cache already holds everything it could
    /// hit, rounded down: a bound no fleet of the deployment beats, so `Rightsizer` can tell a combination that
    /// no number of replicas rescues without simulating it.
    ///
    /// The bound rests on two properties of `StepTimeModel.stepTime`: it never decreases when a step's tokens,
    /// sequences, context or attention pairs grow, and it is subadditive over a prompt's chunks (one step over
    /// two consecutive chunks costs no more than the two steps: each term is linear in tokens, context and
    /// pairs, or concave with no negative intercept). So a request's prefill, however the scheduler chunks it
    /// and whatever else shares its steps, takes at least one step over its whole uncached prompt; each of its
    /// remaining output tokens takes at least a one-sequence decode step at its first decode context; and
    /// queueing and preemption only add. `UnloadedBoundTests` checks the bound against simulated fleets.
    public static func unloadedBound(_ requests: [SimRequest], deployment: Deployment) -> UnloadedBound {
        let options = Options()
        let stepModel = SimulationLoop.stepModel(deployment: deployment, options: options)
        let frontEnd = SimulationLoop.frontEnd(deployment: deployment, options: options)
        let blockSize = max(1, deployment.engine.blockSize)
        let capacity = max(0, deployment.kvCapacityTokens) / blockSize * blockSize
        // Float sums in a run differ from these by rounding; shaving a millionth keeps the bound below them.
        let margin = 1 - 1e-6
        var bound = UnloadedBound(ttftMs: [Double](repeating: .nan, count: requests.count),
                                  e2eMs: [Double](repeating: .nan, count: requests.count), rejected: 0)
        for (q, request) in requests.enumerated() {
            guard request.inputTokens + request.outputTokens <= capacity else {
                bound.rejected += 1
                continue
            }
            let target = max(0, request.inputTokens)
            var hit = 0
            if deployment.engine.prefixCaching {
                if request.prefixKey >= 0, request.prefixTokens > 0 { hit = request.prefixTokens }
                hit = max(hit, request.hashes.count * hashBlockTokens)
                hit = max(0, min(hit, target - 1) / blockSize * blockSize)
            }
            let prompt = Double(target - hit)
            let prefill = target > hit
                ? stepModel.stepTime(tokens: target - hit, sequences: 1, contextTokens: Double(target),
                                     attentionPairs: prompt * (Double(hit) + prompt / 2))
                : 0
            // A request with no prompt to compute still needs one step for its first token.
            let first = prefill > 0 ? prefill
                : stepModel.stepTime(tokens: 1, sequences: 1, contextTokens: Double(target + 1),
                                     attentionPairs: Double(target) + 0.5)
            let decode = stepModel.stepTime(tokens: 1, sequences: 1, contextTokens: Double(target + 1),
                                            attentionPairs: Double(target) + 0.5)
            let front = frontEnd.seconds(promptTokens: request.inputTokens)
            let rest = Double(max(0, request.outputTokens - 1)) * decode
            bound.ttftMs[q] = (first + front) * 1000 * margin
            bound.e2eMs[q] = (first + rest + front) * 1000 * margin
        }
        return bound
    }
}
