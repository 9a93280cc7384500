/// What `costgate sample` prints after writing a sample: how many records it kept, where, and per stratum.
public struct SampleSummary: Sendable {
    /// The sample drawn.
    public var sample: StratifiedSample
    /// Records in the log.
    public var total: Int
    /// The stratum keys (`route`, `team`, …).
    public var keys: [String]
    /// Where the sample was written, as the user named it.
    public var output: String
    /// The share asked for.
    public var rate: Double
    /// The seed of the selection.
    public var seed: UInt64
}
