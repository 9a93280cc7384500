extension JSONReportRenderer {
    /// The fleet members that only some fleets have: `kind` for a GPU service, `owned` (the GPU-hour derivation
    /// and the cloud break-even) and `without_autoscaling` (a `gpu_utilization` autoscaler against a fixed fleet).
    func fleetExtras(_ fleet: ServingForecast.Fleet) -> [(String, JSONValue)] {
        func optional(_ value: Double?) -> JSONValue { value.map { .number($0) } ?? .null }
        var members: [(String, JSONValue)] = []
        if fleet.kind == .service { members.append(("kind", .string(fleet.kind.rawValue))) }
        if let cost = fleet.owned {
            let o = cost.owned
            members.append(("owned", .object([
                ("capex_per_gpu", .number(o.capexPerGPU)), ("amortization_months", .number(o.amortizationMonths)),
                ("power_kw_per_gpu", .number(o.powerKWPerGPU)), ("price_per_kwh", .number(o.pricePerKWh)), ("pue", .number(o.pue)),
                ("hosting_per_gpu_month", .number(o.hostingPerGPUMonth)), ("hours_per_month", .number(OwnedGPU.hoursPerMonth)),
                ("capital_per_gpu_hour", .number(o.capitalPerGPUHour)), ("energy_per_gpu_hour", .number(o.energyPerGPUHour)),
                ("hosting_per_gpu_hour", .number(o.hostingPerGPUHour)), ("price_per_gpu_hour", .number(o.pricePerGPUHour)),
                ("owned_gpus", .number(Double(cost.ownedGPUs))), ("month_hours", .number(cost.monthHours)),
                ("running_gpu_hours", .number(cost.runningGPUHours)),
                ("cloud_instance", cost.cloudInstance.map { .string($0) } ?? .null), ("cloud_per_gpu_hour", optional(cost.cloudPerGPUHour)),
                ("cloud_monthly_cost", optional(cost.cloudMonthlyCost)),
                ("break_even_hours_per_gpu_month", optional(cost.breakEvenHoursPerMonth)),
            ])))
        }
        if let c = fleet.fixedComparison {
            members.append(("without_autoscaling", .object([
                ("replicas", .number(Double(c.replicas))), ("monthly_cost", .number(c.fixedMonthlyCost)),
                ("e2e_p95_ms", optional(c.fixedE2EP95Ms.isFinite ? c.fixedE2EP95Ms : nil)),
                ("autoscaled_monthly_cost", .number(c.autoscaledMonthlyCost)),
                ("autoscaled_e2e_p95_ms", optional(c.autoscaledE2EP95Ms.isFinite ? c.autoscaledE2EP95Ms : nil)),
            ])))
        }
        return members
    }

    /// `fallbacks` by route, only when a route has one (so plans without fallbacks keep their reports).
    func fallbackMembers(_ uses: [ServingForecast.FallbackUse]) -> [(String, JSONValue)] {
        guard !uses.isEmpty else { return [] }
        return [("fallbacks", .object(uses.map { use in
            (use.route, JSONValue.object([
                ("primary", .string(use.primary)), ("fallback", .string(use.fallback)),
                ("overflow_requests", .number(use.overflowRequests)), ("error_requests", .number(use.errorRequests)),
                ("fallback_monthly_cost", .number(use.fallbackMonthlyCost)),
                ("primary_saved_monthly_cost", .number(use.primarySavedMonthlyCost)),
            ]))
        }))]
    }
}
