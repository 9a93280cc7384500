/// The plan's `forecast` section.
public struct ForecastSettings: Sendable, Equatable {
    /// Days in the forecast period.
    public var days: Double = 30
    /// Expected growth of traffic over the period (0.10 = +10%).
    public var growth: Double = 0
    /// Confidence level of the interval.
    public var confidence: Double = 0.90
    /// Seed of the bootstrap.
    public var seed: UInt64 = 20_251_101
    /// Bootstrap replicates.
    public var replicates: Int = 1000

    public init() {}
}
