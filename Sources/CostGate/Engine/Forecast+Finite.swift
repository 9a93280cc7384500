extension Forecast {
    /// The name of the first money, request or token figure that is not a finite number, or nil.
    ///
    /// Input bounds keep every figure finite for any sample the readers accept; this is the backstop that
    /// turns anything they miss into an input error, never `null` in JSON and never a passing budget.
    /// Latency figures are left out: NaN there means "no estimate" and is rendered as such.
    public var firstNonFiniteFigure: String? {
        let figures: [(String, Double)] = [
            ("monthly_cost", monthlyCost), ("monthly_cost_low", monthlyCostLow), ("monthly_cost_high", monthlyCostHigh),
            ("requests", requests), ("input_tokens", inputTokens), ("output_tokens", outputTokens),
            ("cost_per_quality", costPerQuality ?? 0), ("scale factor", scaling.factor),
        ]
        if let (name, _) = figures.first(where: { !$0.1.isFinite }) { return name }
        let groups = [("route", byRoute), ("model", byModel)] + byTag.map { ("tag '\($0.key)'", $0.groups) }
        for (kind, rows) in groups {
            if let row = rows.first(where: { !$0.monthlyCost.isFinite || !$0.requests.isFinite }) {
                return "monthly_cost of \(kind) '\(row.name)'"
            }
        }
        if let fleet = serving?.fleets.first(where: { !$0.monthlyCost.isFinite || !$0.gpuHours.isFinite }) {
            return "monthly_cost of deployment '\(fleet.name)'"
        }
        return nil
    }
}
