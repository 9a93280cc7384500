/// GPUs the team owns rather than rents: what one GPU-hour costs, derived from purchase, power and hosting.
///
/// A GPU-hour costs capital (`capex_per_gpu` spread evenly over `amortization_months` months of
/// `hoursPerMonth` hours, no interest or residual value), energy (`power_kw_per_gpu` × `pue` ×
/// `price_per_kwh`) and hosting (`hosting_per_gpu_month` over `hoursPerMonth`). Capital and hosting are paid
/// for every owned GPU whether it runs or not; energy only while a replica is billed (running).
public struct OwnedGPU: Sendable, Equatable {
    /// Hours in the month that amortisation and hosting are spread over: 30 days × 24, the default forecast period.
    public static let hoursPerMonth = 720.0

    /// Purchase price of one GPU (its share of the server) in USD.
    public var capexPerGPU: Double
    /// Months over which the purchase is written off.
    public var amortizationMonths: Double
    /// Power drawn per GPU (its share of the server) in kW.
    public var powerKWPerGPU: Double
    /// Electricity price in USD per kWh.
    public var pricePerKWh: Double
    /// Power usage effectiveness of the data centre (≥ 1).
    public var pue: Double
    /// Rack space, network and operations per GPU per month, USD.
    public var hostingPerGPUMonth: Double

    /// Creates an owned-GPU cost model.
    public init(capexPerGPU: Double, amortizationMonths: Double, powerKWPerGPU: Double, pricePerKWh: Double, pue: Double,
                hostingPerGPUMonth: Double) {
        self.capexPerGPU = capexPerGPU
        self.amortizationMonths = amortizationMonths
        self.powerKWPerGPU = powerKWPerGPU
        self.pricePerKWh = pricePerKWh
        self.pue = pue
        self.hostingPerGPUMonth = hostingPerGPUMonth
    }

    /// capex / (amortization_months × hours per month).
    public var capitalPerGPUHour: Double { capexPerGPU / (amortizationMonths * Self.hoursPerMonth) }
    /// power_kw × PUE × price per kWh.
    public var energyPerGPUHour: Double { powerKWPerGPU * pue * pricePerKWh }
    /// hosting per month / hours per month.
    public var hostingPerGPUHour: Double { hostingPerGPUMonth / Self.hoursPerMonth }
    /// The part paid whether the GPU runs or not: capital + hosting.
    public var fixedPerGPUHour: Double { capitalPerGPUHour + hostingPerGPUHour }
    /// The full cost of one running GPU-hour: capital + energy + hosting.
    public var pricePerGPUHour: Double { fixedPerGPUHour + energyPerGPUHour }

    /// Monthly cost of `ownedGPUs` GPUs over `monthHours` hours, of which `runningGPUHours` GPU-hours draw power.
    public func monthlyCost(ownedGPUs: Int, monthHours: Double, runningGPUHours: Double) -> Double {
        Double(ownedGPUs) * monthHours * fixedPerGPUHour + runningGPUHours * energyPerGPUHour
    }

    /// Hours a month one GPU must be needed for owning it to cost what renting it at `cloudPerGPUHour` does:
    /// fixed monthly cost / (cloud price − energy per hour). Nil when renting a running hour costs no more than
    /// powering an owned one (owning never pays back).
    public func breakEvenHoursPerMonth(cloudPerGPUHour: Double) -> Double? {
        let margin = cloudPerGPUHour - energyPerGPUHour
        guard margin > 0 else { return nil }
        return fixedPerGPUHour * Self.hoursPerMonth / margin
    }
}
