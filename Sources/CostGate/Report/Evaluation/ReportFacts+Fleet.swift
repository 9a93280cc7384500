extension ReportFacts {
    /// Per owned fleet: how its GPU-hour cost is derived, what it costs a month, and its break-even against
    /// renting the same GPU. `name` escapes names for the output format.
    static func ownedLines(_ forecasts: [Forecast], name: (String) -> String) -> [String] {
        var lines: [String] = []
        for forecast in forecasts {
            for fleet in forecast.serving?.fleets ?? [] {
                guard let cost = fleet.owned else { continue }
                let o = cost.owned
                let hours = Format.decimal(OwnedGPU.hoursPerMonth)
                let who = "\(name(forecast.name)) · \(name(fleet.name))"
                lines.append("\(who): owned \(name(fleet.gpu)) at \(Format.unitCost(o.pricePerGPUHour)) per GPU-hour = capital "
                    + "\(Format.money(o.capexPerGPU)) / (\(Format.decimal(o.amortizationMonths)) months × \(hours) h) \(Format.unitCost(o.capitalPerGPUHour))"
                    + " + energy \(Format.decimal(o.powerKWPerGPU)) kW × PUE \(Format.decimal(o.pue)) × \(Format.unitCost(o.pricePerKWh))/kWh \(Format.unitCost(o.energyPerGPUHour))"
                    + " + hosting \(Format.money(o.hostingPerGPUMonth)) / \(hours) h \(Format.unitCost(o.hostingPerGPUHour)).")
                lines.append("\(who): \(cost.ownedGPUs) GPUs owned cost \(Format.money(fleet.monthlyCost)) a month (capital and hosting on every owned GPU "
                    + "for \(Format.count(cost.monthHours)) h, energy on \(Format.count(cost.runningGPUHours)) running GPU-hours).")
                if let instance = cost.cloudInstance, let price = cost.cloudPerGPUHour, let cloudMonthly = cost.cloudMonthlyCost {
                    let perGPU = cost.ownedGPUs > 0 ? cost.runningGPUHours / Double(cost.ownedGPUs) : 0
                    var line = "\(who): renting the same GPU-hours on \(name(instance)) (on demand, \(Format.unitCost(price)) per GPU-hour) "
                        + "would cost \(Format.money(cloudMonthly)) a month; "
                    if let breakEven = cost.breakEvenHoursPerMonth {
                        let verdict = perGPU >= breakEven ? "owning is cheaper" : "renting is cheaper"
                        line += "owning pays off above \(Format.count(breakEven)) hours a month per GPU "
                            + "(\(Format.fixed(breakEven / OwnedGPU.hoursPerMonth * 100, digits: 1))% of a \(hours)-hour month); "
                            + "each owned GPU runs \(Format.count(perGPU)) hours, so \(verdict)."
                    } else {
                        line += "a running owned GPU's energy alone costs more than renting one, so owning never pays off."
                    }
                    lines.append(line)
                }
            }
        }
        return lines
    }

    /// Per fleet with a `gpu_utilization` autoscaler: its cost and p95 against a fixed fleet at the maximum.
    static func autoscaleLines(_ forecasts: [Forecast], name: (String) -> String) -> [String] {
        var lines: [String] = []
        for forecast in forecasts {
            for fleet in forecast.serving?.fleets ?? [] {
                guard let c = fleet.fixedComparison else { continue }
                lines.append("\(name(forecast.name)) · \(name(fleet.name)): with the utilisation autoscaler \(Format.money(c.autoscaledMonthlyCost)) a month, "
                    + "p95 end-to-end \(Format.milliseconds(c.autoscaledE2EP95Ms)) ms; without it (\(c.replicas) fixed replicas) "
                    + "\(Format.money(c.fixedMonthlyCost)) a month, p95 \(Format.milliseconds(c.fixedE2EP95Ms)) ms: "
                    + "the autoscaler saves \(Format.money(c.fixedMonthlyCost - c.autoscaledMonthlyCost)) a month "
                    + "for \(Format.countChange(c.autoscaledE2EP95Ms - c.fixedE2EP95Ms)) ms at p95.")
            }
        }
        return lines
    }

    /// Per route with a fallback: what went to it and what it cost, as a line of its own.
    static func fallbackLines(_ forecasts: [Forecast], name: (String) -> String) -> [String] {
        forecasts.flatMap { forecast in
            (forecast.serving?.fallbacks ?? []).map { use in
                "\(name(forecast.name)) · \(name(use.route)): fallback \(name(use.fallback)) costs \(Format.money(use.fallbackMonthlyCost)) a month "
                    + "for \(Format.count(use.overflowRequests)) requests over \(name(use.primary))'s rate limit "
                    + "(not billed on the primary: \(Format.money(use.primarySavedMonthlyCost))) and \(Format.count(use.errorRequests)) failed requests retried."
            }
        }
    }
}
