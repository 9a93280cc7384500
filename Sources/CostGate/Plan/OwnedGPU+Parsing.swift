extension OwnedGPU {
    /// The keys an `owned` object must have.
    static let knownKeys = ["capex_per_gpu", "amortization_months", "power_kw_per_gpu", "price_per_kwh", "pue", "hosting_per_gpu_month"]

    /// Parses a deployment's `owned` object: every key is required, each a finite number in its range.
    /// - Throws: `CostGateError.badPlan` at `deployments.NAME.owned.KEY`, or `.unknownName` for a misspelt key.
    static func parse(_ object: inout PlanObject) throws(CostGateError) -> OwnedGPU {
        try object.rejectUnknownKeys(knownKeys)
        func required(_ key: String, _ range: ClosedRange<Double>, _ what: String) throws(CostGateError) -> Double {
            guard let value = try object.number(key, in: range, as: what) else {
                throw object.error(at: key, expected: PlanObject.rangeText(what, PlanObject.format(range.lowerBound),
                                                                           PlanObject.format(range.upperBound), note: nil),
                                   found: "nothing")
            }
            return value
        }
        let capex = try required("capex_per_gpu", 0...10_000_000, "a purchase price per GPU in USD")
        let months = try required("amortization_months", 1...240, "a number of months")
        let power = try required("power_kw_per_gpu", 0...100, "a power draw per GPU in kW")
        let kwh = try required("price_per_kwh", 0...100, "an electricity price in USD per kWh")
        let pue = try required("pue", 1...5, "a power usage effectiveness")
        let hosting = try required("hosting_per_gpu_month", 0...1_000_000, "a hosting cost per GPU-month in USD")
        return OwnedGPU(capexPerGPU: capex, amortizationMonths: months, powerKWPerGPU: power, pricePerKWh: kwh, pue: pue,
                        hostingPerGPUMonth: hosting)
    }
}
