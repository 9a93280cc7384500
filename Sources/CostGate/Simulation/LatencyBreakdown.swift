/// A simulation's latency summaries and attributed GPU time, overall and per request tag (route).
public struct LatencyBreakdown: Sendable {
    /// Summaries for one group of requests.
    public struct Group: Sendable {
        /// Time to first token, ms.
        public var ttft: LatencySummary
        /// Time per output token, ms.
        public var tpot: LatencySummary
        /// End-to-end latency, ms.
        public var e2e: LatencySummary
        /// Replica busy seconds attributed to the group (`SimulationResult.gpuSeconds`, weighted).
        public var busySeconds: Double
        /// Requests in the group (weighted).
        public var requests: Double
    }

    /// All requests.
    public var overall: Group
    /// Requests grouped by `SimRequest.tag`.
    public var byTag: [Int32: Group]

    /// Groups a result by the tags of the requests it was run on.
    /// - Parameters:
    ///   - result: the simulation result.
    ///   - requests: the requests passed to `ServingSimulator.run`, in the same order.
    ///   - weights: optional per-request weights for the summaries (1 each when nil).
    public init(result: SimulationResult, requests: [SimRequest], weights: [Double]? = nil) {
        func group(_ indices: [Int]) -> Group {
            let w = weights.map { all in indices.map { all[$0] } }
            var busy = 0.0
            var count = 0.0
            for (k, i) in indices.enumerated() {
                let weight = w?[k] ?? 1
                busy += result.gpuSeconds[i] * weight
                count += weight
            }
            return Group(ttft: LatencySummary(indices.map { result.ttftMs[$0] }, weights: w),
                         tpot: LatencySummary(indices.map { result.tpotMs[$0] }, weights: w),
                         e2e: LatencySummary(indices.map { result.e2eMs[$0] }, weights: w),
                         busySeconds: busy, requests: count)
        }
        var members: [Int32: [Int]] = [:]
        for (i, request) in requests.enumerated() { members[request.tag, default: []].append(i) }
        overall = group(Array(requests.indices))
        byTag = members.mapValues(group)
    }
}
