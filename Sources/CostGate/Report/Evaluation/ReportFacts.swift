/// Sentences and figures shared by the human-readable renderers, so text and Markdown say the same thing.
enum ReportFacts {
    /// "Monthly cost rises by $1,240.00 (+8.1%)" for a candidate, or the plain forecast when nothing changed.
    static func headline(_ evaluation: Evaluation, candidate: Evaluation.Candidate) -> String {
        let delta = candidate.comparison.total
        let cents = (delta.monthlyCost * 100).rounded()
        if evaluation.baselineSource == .itself {
            return "Monthly cost forecast: \(Format.money(candidate.forecast.monthlyCost))"
        }
        if cents == 0 { return "Monthly cost is unchanged at \(Format.money(candidate.forecast.monthlyCost))" }
        let verb = cents > 0 ? "rises" : "falls"
        let percent = delta.monthlyCostPct.map { " (\(Format.percentChange($0)))" } ?? ""
        return "Monthly cost \(verb) by \(Format.money(abs(delta.monthlyCost)))\(percent)"
    }

    /// The value of a policy metric, formatted for people.
    static func format(_ value: Double?, metric: PolicyMetric) -> String {
        guard let value else { return "n/a" }
        if metric.isPercent { return Format.percentChange(value) }
        if metric == .costPerRequest || metric == .costPerQuality { return Format.unitCost(value) }
        if metric == .costPerSuccess || metric == .tierCostPerQuality { return Format.unitCost(value) }
        if metric.isMoney { return metric == .monthlyCostDelta ? Format.moneyChange(value) : Format.money(value) }
        if metric == .quality || metric == .tierQuality || metric == .gpuUtilization || metric == .peakTPMShare || metric == .peakRPMShare {
            return Format.fixed(value, digits: 3)
        }
        if metric == .requests { return Format.count(value) }
        return Format.fixed(value, digits: 1) + " ms"
    }

    static func quality(_ forecast: Forecast) -> String {
        guard let quality = forecast.quality else { return "n/a" }
        let share = Int((forecast.qualityCoverage * 100).rounded())
        return Format.fixed(quality, digits: 3) + " (\(share)% scored)"
    }

    static func costChange(_ delta: Comparison.Delta) -> String {
        let percent = delta.monthlyCostPct.map { " (" + Format.percentChange($0) + ")" } ?? ""
        return Format.moneyChange(delta.monthlyCost) + percent
    }

    static func unit(_ value: Double?) -> String { value.map(Format.unitCost) ?? "n/a" }

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
            return [summary.p50, summary.p95, summary.p99].map { Format.fixed($0, digits: 1) }.joined(separator: " / ")
        }
        var rows: [[String]] = []
        for (label, pick) in [("TTFT ms", { (l: ServingForecast.Latency) in l.ttft }), ("TPOT ms", { $0.tpot }), ("E2E ms", { $0.e2e })] {
            rows.append([label] + forecasts.map { cell($0.serving?.latency.map(pick)) })
        }
        rows.append(["covered"] + forecasts.map { f in f.serving?.latency.map { Format.fixed($0.coverage * 100, digits: 1) + "%" } ?? "n/a" })
        return rows
    }

    /// Fleet rows for every deployment of every forecast.
    static func fleetRows(_ forecasts: [Forecast]) -> [[String]] {
        var rows: [[String]] = []
        for forecast in forecasts {
            for fleet in forecast.serving?.fleets ?? [] {
                rows.append([forecast.name, fleet.name, fleet.model + " on " + String(fleet.gpusPerReplica) + "× " + fleet.gpu,
                             Format.fixed(fleet.replicasMean, digits: 1) + " / " + String(fleet.replicasMax), Format.count(fleet.gpuHours),
                             Format.fixed(fleet.utilization * 100, digits: 1) + "%", Format.money(fleet.monthlyCost), sparkline(fleet.hourlyReplicas)])
            }
        }
        return rows
    }

    /// "chat: the fleet costs $3,873.60 a month; at the API's $0.0003196 a request that buys 12.1M requests (forecast: 3.4M)."
    static func breakEvenLines(_ candidates: [Evaluation.Candidate], name: (String) -> String) -> [String] {
        candidates.flatMap { candidate in
            candidate.breakEven.map { entry in
                let cheaper = entry.forecastRequests >= entry.breakEvenRequests ? "the fleet is cheaper" : "the API is cheaper"
                return "\(name(entry.route)) on \(name(entry.deployment)): the fleet's share costs \(Format.money(entry.fleetMonthlyCost)) a month; "
                    + "at the API's \(Format.unitCost(entry.apiCostPerRequest)) per request the two break even at "
                    + "\(Format.count(entry.breakEvenRequests)) requests a month; the forecast is \(Format.count(entry.forecastRequests)), so \(cheaper)."
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

    /// The scale factor with two decimals, or grouped without decimals from 1,000 up (a window of milliseconds scales
    /// the sample by trillions: `×87,927,840,000,000`, not `×87927840000000.00`).
    static func scaleText(_ factor: Double) -> String {
        factor >= 1000 ? Format.count(factor) : Format.fixed(factor, digits: 2)
    }

    /// A window in hours with two decimals, or in seconds when that would read `0.00 hours` (the plan may give
    /// `window_hours` down to 0.000001, 3.6 ms).
    static func windowText(_ seconds: Double) -> String {
        if seconds >= 36 { return Format.fixed(seconds / 3600, digits: 2) + " hours" }
        let digits = seconds >= 1 ? 1 : seconds >= 0.01 ? 3 : 4
        return Format.fixed(seconds, digits: digits) + " s"
    }

    /// Describes the interval and the scaling.
    static func assumptions(_ scaling: Forecast.Scaling, source: String, baseline: String, prices: String? = nil) -> [String] {
        return [
            "Sample: \(Format.count(Double(scaling.records))) records standing for \(Format.count(scaling.weightedRequests)) requests, from \(source).",
            "Window: \(windowText(scaling.windowSeconds)) (\(scaling.windowFromPlan ? "traffic.window_hours" : scaling.windowFromBuckets ? "the usage report's buckets, first start to last end" : "first to last timestamp")).",
            "Forecast: \(Format.fixed(scaling.days, digits: 1)) days at \(Format.percentChange(scaling.growth * 100)) growth, so the sample is scaled by ×\(scaleText(scaling.factor)).",
            "Interval: \(Format.confidence(scaling.confidence)) by \(scaling.intervalMethod); it covers sampling error only, not seasonality or changes in usage.",
            "Baseline: \(baseline).",
            "Rounding: costs are exact per request and summed without loss; amounts here are rounded to cents (JSON has full precision).",
        ] + (prices.map { ["Prices: \($0)."] } ?? [])
    }
    /// The line under a breakdown that shows its first `shown` rows: how many more there are and what they add up to,
    /// so that the table's rows and this line sum to the JSON report's total. Nil when every row is shown.
    static func notShownLine(_ rows: [Comparison.Row], shown: Int) -> String? {
        guard rows.count > shown else { return nil }
        var base = PreciseSum()
        var head = PreciseSum()
        var change = PreciseSum()
        for row in rows.dropFirst(shown) {
            base.add(row.baseCost)
            head.add(row.headCost)
            change.add(row.change)
        }
        return "\(rows.count - shown) more not shown, together \(Format.money(base.value)) → \(Format.money(head.value)) "
            + "(\(Format.moneyChange(change.value))); see the JSON report."
    }

    /// "summarize: -$10,544.00 from price (gpt-4o → gpt-4o-mini), +$310.00 from longer outputs": one line for
    /// each of the first `limit` routes whose cost moved by a cent, its parts of at least a cent, biggest first.
    /// - Parameters:
    ///   - rows: route rows as `Comparison` orders them (largest change first).
    ///   - name: makes a route or model name safe for the output format.
    static func whyLines(_ rows: [Comparison.Row], limit: Int, name: (String) -> String) -> [String] {
        var lines: [String] = []
        for row in rows where lines.count < limit {
            guard let why = row.why, row.change.magnitude >= 0.005 else { continue }
            var parts: [(factor: ChangeDecomposition.Factor, usd: Double)] = []
            for factor in ChangeDecomposition.Factor.allCases where why.part(factor).magnitude >= 0.005 {
                parts.append((factor, why.part(factor)))
            }
            parts.sort { a, b in
                let x = a.usd.magnitude
                let y = b.usd.magnitude
                return x != y ? x > y : a.factor.rawValue < b.factor.rawValue
            }
            guard !parts.isEmpty else { continue }
            let text: [String] = parts.map { part in Format.moneyChange(part.usd) + " from " + whyLabel(part.factor, why, name: name) }
            lines.append(name(row.name) + ": " + text.joined(separator: ", "))
        }
        return lines
    }

    /// A replay slot as a reader names it: a deployment's slot `deployment:NAME` is "NAME (self-hosted)".
    static func displayName(_ slot: String, name: (String) -> String) -> String {
        slot.hasPrefix("deployment:") ? name(String(slot.dropFirst("deployment:".count))) + " (self-hosted)" : name(slot)
    }

    /// What a factor's part is called in a sentence, with the direction its factor moved.
    static func whyLabel(_ factor: ChangeDecomposition.Factor, _ why: ChangeDecomposition, name: (String) -> String) -> String {
        let base = why.baseFactors
        let head = why.headFactors
        switch factor {
        case .volume:
            if why.baseSlot == nil { return "a new route" }
            if why.headSlot == nil { return "a removed route" }
            return head.requests > base.requests ? "more requests" : "fewer requests"
        case .inputTokens:
            return head.inputPerRequest > base.inputPerRequest ? "longer prompts" : "shorter prompts"
        case .outputTokens:
            return head.outputPerRequest > base.outputPerRequest ? "longer outputs" : "shorter outputs"
        case .cacheHits:
            return head.cacheHitShare > base.cacheHitShare ? "more cache hits" : "fewer cache hits"
        case .price:
            // A route with a router or semantic cache replays as one slot, `router:ROUTE`, whose per-token price
            // carries the classifier, every tier, escalations and the cache: its part is the architecture's.
            func slotName(_ slot: String) -> String { slot.hasPrefix("router:") ? "router and cache" : displayName(slot, name: name) }
            if why.baseSlot?.hasPrefix("router:") == true || why.headSlot?.hasPrefix("router:") == true {
                let ends = [why.baseSlot, why.headSlot].compactMap { $0 }.map { slotName($0) }
                return "architecture (" + ends.joined(separator: " → ") + ")"
            }
            switch (why.baseSlot, why.headSlot) {
            case let (before?, after?) where before != after: return "price (" + slotName(before) + " → " + slotName(after) + ")"
            case let (before?, _): return "price (" + slotName(before) + ")"
            case let (nil, after?): return "price (" + slotName(after) + ")"
            default: return "price"
            }
        case .routingMix:
            guard let main = why.headSlot else { return "routing mix" }
            return "routing mix (" + Format.wholePercent(why.headMainShare) + " of requests on " + displayName(main, name: name) + ")"
        }
    }
}
