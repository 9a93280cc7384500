/// Sentences and figures shared by the human-readable renderers, so text and Markdown say the same thing.
enum ReportFacts {
    /// "Monthly cost rises by $1,240.00 (+8.1%)" for a candidate, or the plain forecast when nothing changed.
    static func headline(_ evaluation: Evaluation, candidate: Evaluation.Candidate) -> String {
        let delta = candidate.delta
        let cents = (delta.monthlyCost * 100).rounded()
        if evaluation.baselineDescription == "the plan itself" {
            return "Monthly cost forecast: \(Money.format(candidate.forecast.monthlyCost))"
        }
        if cents == 0 { return "Monthly cost is unchanged at \(Money.format(candidate.forecast.monthlyCost))" }
        let verb = cents > 0 ? "rises" : "falls"
        let percent = delta.monthlyCostPct.map { " (\(Money.formatPercent($0)))" } ?? ""
        return "Monthly cost \(verb) by \(Money.format(abs(delta.monthlyCost)))\(percent)"
    }

    /// The value of a policy metric, formatted for people.
    static func format(_ value: Double?, metric: PolicyMetric) -> String {
        guard let value else { return "n/a" }
        if metric.isPercent { return Money.formatPercent(value) }
        if metric == .costPerRequest || metric == .costPerQuality { return Money.formatUnit(value) }
        if metric.isMoney { return metric == .monthlyCostDelta ? Money.formatDelta(value) : Money.format(value) }
        if metric == .quality || metric == .gpuUtilization || metric == .peakTPMShare || metric == .peakRPMShare {
            return String(format3: value)
        }
        if metric == .requests { return Money.formatCount(value) }
        return String(format1: value) + " ms"
    }

    static func quality(_ forecast: Forecast) -> String {
        guard let quality = forecast.quality else { return "n/a" }
        let share = Int((forecast.qualityCoverage * 100).rounded())
        return String(format3: quality) + " (\(share)% scored)"
    }

    static func costChange(_ delta: Evaluation.Delta) -> String {
        let percent = delta.monthlyCostPct.map { " (" + Money.formatPercent($0) + ")" } ?? ""
        return Money.formatDelta(delta.monthlyCost) + percent
    }

    static func unit(_ value: Double?) -> String { value.map(Money.formatUnit) ?? "n/a" }

    static func signedUnit(_ value: Double?) -> String {
        guard let value else { return "" }
        return (value >= 0 ? "+" : "") + Money.formatUnit(value)
    }

    static func signedPlain(_ value: Double?) -> String {
        guard let value else { return "" }
        return (value >= 0 ? "+" : "") + String(format3: value)
    }

    /// A one-line chart of `values` scaled to their maximum: ▁▂▃▄▅▆▇█.
    static func sparkline(_ values: [Double]) -> String {
        let bars = Array("▁▂▃▄▅▆▇█")
        guard let top = values.max(), top > 0 else { return String(repeating: "▁", count: values.count) }
        return String(values.map { bars[min(bars.count - 1, max(0, Int(($0 / top * Double(bars.count - 1)).rounded())))] })
    }

    /// Latency rows (metric, then p50 / p95 / p99 per forecast) for the human-readable reports.
    static func latencyRows(_ forecasts: [Forecast]) -> [[String]]? {
        guard forecasts.contains(where: { $0.serving?.latency != nil }) else { return nil }
        func cell(_ summary: LatencySummary?) -> String {
            guard let summary, summary.p50.isFinite else { return "n/a" }
            return [summary.p50, summary.p95, summary.p99].map { String(format1: $0) }.joined(separator: " / ")
        }
        var rows: [[String]] = []
        for (label, pick) in [("TTFT ms", { (l: ServingForecast.Latency) in l.ttft }), ("TPOT ms", { $0.tpot }), ("E2E ms", { $0.e2e })] {
            rows.append([label] + forecasts.map { cell($0.serving?.latency.map(pick)) })
        }
        rows.append(["covered"] + forecasts.map { f in f.serving?.latency.map { String(format1: $0.coverage * 100) + "%" } ?? "n/a" })
        return rows
    }

    /// Fleet rows for every deployment of every forecast.
    static func fleetRows(_ forecasts: [Forecast]) -> [[String]] {
        var rows: [[String]] = []
        for forecast in forecasts {
            for fleet in forecast.serving?.fleets ?? [] {
                rows.append([forecast.name, fleet.name, fleet.model + " on " + String(fleet.gpusPerReplica) + "× " + fleet.gpu,
                             String(format1: fleet.replicasMean) + " / " + String(fleet.replicasMax), Money.formatCount(fleet.gpuHours),
                             String(format1: fleet.utilization * 100) + "%", Money.format(fleet.monthlyCost), sparkline(fleet.hourlyReplicas)])
            }
        }
        return rows
    }

    /// "chat: the fleet costs $3,873.60 a month; at the API's $0.0003196 a request that buys 12.1M requests (forecast: 3.4M)."
    static func breakEvenLines(_ candidates: [Evaluation.Candidate], name: (String) -> String) -> [String] {
        candidates.flatMap { candidate in
            candidate.breakEven.map { entry in
                let cheaper = entry.forecastRequests >= entry.breakEvenRequests ? "the fleet is cheaper" : "the API is cheaper"
                return "\(name(entry.route)) on \(name(entry.deployment)): the fleet's share costs \(Money.format(entry.fleetMonthlyCost)) a month; "
                    + "at the API's \(Money.formatUnit(entry.apiCostPerRequest)) per request the two break even at "
                    + "\(Money.formatCount(entry.breakEvenRequests)) requests a month; the forecast is \(Money.formatCount(entry.forecastRequests)), so \(cheaper)."
            }
        }
    }

    static let fleetHeader = ["Side", "Deployment", "Serving", "Replicas mean / max", "GPU-hours / month", "Utilization", "Monthly cost", "Replicas by hour"]

    static func symbol(_ status: Evaluation.Status) -> String {
        switch status {
        case .pass: return "✅"
        case .warn: return "⚠️"
        case .fail: return "❌"
        }
    }

    /// One sentence on the overall result.
    static func resultLine(_ evaluation: Evaluation) -> String {
        let failed = evaluation.policies.filter { $0.status == .fail }.count
        let warned = evaluation.policies.filter { $0.status == .warn }.count
        let total = evaluation.policies.count
        if total == 0 { return "No policies defined." }
        var parts: [String] = []
        if failed > 0 { parts.append("\(failed) failed") }
        if warned > 0 { parts.append("\(warned) warned") }
        parts.append("\(total - failed - warned) passed")
        return "Policies: " + parts.joined(separator: ", ") + (evaluation.failOnWarn && warned > 0 ? " (warnings fail the build)" : "")
    }

    /// Tag values whose monthly cost moved most between the baseline and a candidate (all tag keys).
    static func topMovers(baseline: Forecast, candidate: Forecast, limit: Int) -> [(key: String, value: String, base: Double, head: Double)] {
        var movers: [(key: String, value: String, base: Double, head: Double)] = []
        for (key, groups) in candidate.byTag {
            let baseGroups = baseline.byTag.first { $0.key == key }?.groups ?? []
            var names = Set(groups.map(\.name))
            names.formUnion(baseGroups.map(\.name))
            for name in names {
                let head = groups.first { $0.name == name }?.monthlyCost ?? 0
                let base = baseGroups.first { $0.name == name }?.monthlyCost ?? 0
                if (head - base).magnitude >= 0.005 { movers.append((key, name, base, head)) }
            }
        }
        movers.sort {
            let a = ($0.head - $0.base).magnitude
            let b = ($1.head - $1.base).magnitude
            return a != b ? a > b : ($0.key, $0.value) < ($1.key, $1.value)
        }
        return Array(movers.prefix(limit))
    }

    /// Pairs the rows of two breakdowns by name, largest head cost first.
    static func paired(_ base: [Forecast.Group], _ head: [Forecast.Group]) -> [(name: String, base: Forecast.Group?, head: Forecast.Group?)] {
        var names = head.map(\.name)
        for group in base where !names.contains(group.name) { names.append(group.name) }
        return names.map { name in (name, base.first { $0.name == name }, head.first { $0.name == name }) }
    }

    /// Describes the interval and the scaling.
    static func assumptions(_ scaling: Forecast.Scaling, source: String, baseline: String) -> [String] {
        let hours = scaling.windowSeconds / 3600
        return [
            "Sample: \(Money.formatCount(Double(scaling.records))) records standing for \(Money.formatCount(scaling.weightedRequests)) requests, from \(source).",
            "Window: \(String(format2: hours)) hours (\(scaling.windowFromPlan ? "traffic.window_hours" : "first to last timestamp")).",
            "Forecast: \(String(format1: scaling.days)) days at \(Money.formatPercent(scaling.growth * 100)) growth, so the sample is scaled by ×\(String(format2: scaling.factor)).",
            "Interval: \(Int((scaling.confidence * 100).rounded()))% by \(scaling.intervalMethod); it covers sampling error only, not seasonality or changes in usage.",
            "Baseline: \(baseline).",
            "Rounding: costs are exact per request and summed without loss; amounts here are rounded to cents (JSON has full precision).",
        ]
    }
}

extension String {
    /// A number with one decimal, without locale.
    init(format1 value: Double) { self = formatFixed(value, 1) }
    /// A number with two decimals, without locale.
    init(format2 value: Double) { self = formatFixed(value, 2) }
    /// A number with three decimals (quality scores and shares), without locale.
    init(format3 value: Double) { self = formatFixed(value, 3) }
}

private func formatFixed(_ value: Double, _ digits: Int) -> String {
    guard value.isFinite else { return "n/a" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = (abs(value) * scale).rounded(.toNearestOrEven)
    let whole = Int64(scaled / scale)
    var fraction = String(Int64(scaled) - whole * Int64(scale))
    while fraction.count < digits { fraction = "0" + fraction }
    let sign = value < 0 && scaled != 0 ? "-" : ""
    return sign + String(whole) + (digits > 0 ? "." + fraction : "")
}
