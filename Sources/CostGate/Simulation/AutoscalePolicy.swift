/// An autoscaling policy on a per-replica load metric, in the plan's terms.
public struct AutoscalePolicy: Sendable, Equatable {
    /// The load signal, averaged over ready replicas.
    public enum Metric: String, Sendable, CaseIterable {
        /// Requests waiting to be scheduled, per replica.
        case queueDepth = "queue_depth"
        /// Requests in the running batch, per replica.
        case runningRequests = "running_requests"
        /// Share of the last autoscaler interval each ready replica spent serving (0…1), averaged over them.
        case gpuUtilization = "gpu_utilization"
    }

    /// Fewest replicas (may be 0: scale to zero).
    public var min: Int = 1
    /// Most replicas.
    public var max: Int = 1
    /// The load signal.
    public var metric: Metric = .queueDepth
    /// Add a replica when the per-replica metric exceeds this.
    public var scaleUpAt: Double = 4
    /// Remove a replica when the per-replica metric falls below this.
    public var scaleDownAt: Double = 1
    /// Seconds after any scaling action before the next.
    public var cooldown: Double = 60
    /// Seconds the metric must stay above `scaleUpAt` (at every evaluation) before a replica is added.
    public var scaleUpFor: Double = 0
    /// Seconds the metric must stay below `scaleDownAt` before a replica is removed.
    public var scaleDownFor: Double = 0
    /// Seconds a new replica takes to become ready; billed while it serves nothing.
    public var coldStart: Double = 120

    /// Creates a policy.
    public init(min: Int = 1, max: Int = 1, metric: Metric = .queueDepth, scaleUpAt: Double = 4, scaleDownAt: Double = 1,
                cooldown: Double = 60, coldStart: Double = 120) {
        self.min = min
        self.max = max
        self.metric = metric
        self.scaleUpAt = scaleUpAt
        self.scaleDownAt = scaleDownAt
        self.cooldown = cooldown
        self.coldStart = coldStart
    }
}
