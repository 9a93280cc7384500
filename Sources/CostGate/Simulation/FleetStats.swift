/// Fleet figures of one simulation over its span.
public struct FleetStats: Sendable {
    /// GPU-hours billed over the span (replica-seconds × GPUs per replica / 3600), cold starts included.
    public var gpuHours: Double
    /// Time-weighted mean of billed replicas.
    public var replicasMean: Double
    /// Most replicas billed at once.
    public var replicasMax: Int
    /// Share of billed replica time spent running steps (0…1).
    public var utilization: Double
    /// Time-weighted mean number of requests per step while busy: with `utilization`, shows whether a busy
    /// fleet is full (near `max_num_seqs`) or running small batches.
    public var meanBatchSize: Double
    /// USD for the span: gpuHours × price per GPU-hour.
    public var cost: Double
    /// Billed replica count after each change: (seconds, replicas), starting at the span start.
    public var replicaTimeline: [(t: Double, replicas: Int)]
    /// Autoscaler evaluations made; ticks skipped on a quiet fleet (`FleetLedger.quietTicks`) are not counted.
    var evaluations = 0
}
