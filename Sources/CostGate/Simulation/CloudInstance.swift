/// One rentable cloud instance type: its GPUs and its hourly prices, with date and source.
public struct CloudInstance: Sendable, Equatable {
    /// Catalog id, `provider/type` (`aws/p5.48xlarge`).
    public var id: String
    /// GPU catalog id of its accelerators.
    public var gpu: String
    /// Number of GPUs in one instance.
    public var gpuCount: Int
    /// On-demand price in USD per instance-hour.
    public var onDemandPerHour: Double
    /// Typical spot / preemptible price in USD per instance-hour, if the provider sells one.
    public var spotPerHour: Double?
    /// When the prices were taken (YYYY-MM).
    public var date: String
    /// Where they come from; `ESTIMATE` marks figures that are not a published list price.
    public var source: String

    /// On-demand price per GPU-hour.
    public var onDemandPerGPUHour: Double { onDemandPerHour / Double(gpuCount) }

    /// Blended price per GPU-hour when `spotShare` (0…1) of the hours run on spot capacity.
    public func pricePerGPUHour(spotShare: Double) -> Double {
        let spot = spotPerHour ?? onDemandPerHour
        let share = min(max(spotShare, 0), 1)
        return ((1 - share) * onDemandPerHour + share * spot) / Double(gpuCount)
    }
}
