/// The pull-request comment: a headline, the summary, the breakdowns, the policies and the assumptions.
///
/// Everything that comes from the traffic or the plan goes through `Markdown.escape`.
public struct MarkdownReportRenderer: ReportRenderer {
    /// The hidden marker CI uses to find and update its one comment.
    public static let marker = "<!-- costgate -->"

    public init() {}

    public func render(_ evaluation: Evaluation) -> String {
        var text = Self.marker + "\n"
        let single = evaluation.candidates.count == 1
        if single, let candidate = evaluation.candidates.first {
            text += "### \(ReportFacts.symbol(evaluation.result)) costgate: \(ReportFacts.headline(evaluation, candidate: candidate))\n\n"
        } else {
            text += "### \(ReportFacts.symbol(evaluation.result)) costgate what-if: \(evaluation.candidates.count) candidates against \(Markdown.escape(evaluation.baseline.name))\n\n"
        }
        text += ReportFacts.resultLine(evaluation) + "\n\n"
        text += summary(evaluation)
        if single, let candidate = evaluation.candidates.first {
            text += "\n#### By route\n\n" + breakdown(candidate.comparison.byRoute, label: "Route")
            let movers = candidate.comparison.topMovers.prefix(8)
            if !movers.isEmpty {
                var rows: [[String]] = []
                for mover in movers {
                    rows.append([Markdown.escape(mover.key), Markdown.escape(mover.row.name), Format.money(mover.row.baseCost),
                                 Format.money(mover.row.headCost), Format.moneyChange(mover.row.change)])
                }
                text += "\n#### Top movers by tag\n\n" + Markdown.table(["Tag", "Value", "Base", "Head", "Change"], rows, alignRight: [2, 3, 4])
            }
            if !candidate.promptChanges.isEmpty {
                var rows: [[String]] = []
                for change in candidate.promptChanges {
                    rows.append([Markdown.escape(change.route), Format.count(Double(change.baseTokens)), Format.count(Double(change.headTokens)),
                                 Format.countChange(Double(change.tokenChange)), Markdown.escape(change.counter) + (change.exact ? " (exact)" : " (estimate)")])
                }
                text += "\n#### Prompt sizes\n\n" + Markdown.table(["Route", "Base tokens", "Head tokens", "Change", "Counted by"], rows, alignRight: [1, 2, 3])
            }
        }
        let forecasts = [evaluation.baseline] + evaluation.candidates.map(\.forecast)
        if let rows = ReportFacts.latencyRows(forecasts) {
            let header = ["Latency (p50 / p95 / p99)"] + forecasts.map { Markdown.escape($0.name) }
            text += "\n#### Latency under load\n\n" + Markdown.table(header, rows.map { [$0[0]] + $0.dropFirst() }, alignRight: Set(1..<header.count))
        }
        let fleets = ReportFacts.fleetRows(forecasts)
        if !fleets.isEmpty {
            text += "\n#### GPU fleets\n\n" + Markdown.table(ReportFacts.fleetHeader, fleets.map { row in row.enumerated().map { $0.offset < 3 ? Markdown.escape($0.element) : $0.element } },
                                                             alignRight: [3, 4, 5, 6])
            for line in ReportFacts.breakEvenLines(evaluation.candidates, name: { Markdown.escape($0) }) { text += "\n**Break-even:** " + line + "\n" }
        }
        let limits = forecasts.flatMap { f in (f.serving?.rateLimits ?? []).map { (f.name, $0) } }
        if !limits.isEmpty {
            var rows: [[String]] = []
            for (side, use) in limits {
                rows.append([Markdown.escape(side), Markdown.escape(use.model), Format.count(use.peakRequestsPerMinute) + (use.rpmLimit.map { " of " + Format.count($0) } ?? ""),
                             Format.count(use.peakTokensPerMinute) + (use.tpmLimit.map { " of " + Format.count($0) } ?? "")])
            }
            text += "\n#### Provider rate limits (forecast peak minute)\n\n" + Markdown.table(["Side", "Model", "Requests / min", "Tokens / min"], rows, alignRight: [2, 3])
        }
        if !evaluation.policies.isEmpty {
            var rows: [[String]] = []
            for result in evaluation.policies {
                var name = Markdown.escape(result.policy.name)
                if !result.policy.filter.isEmpty { name += " (" + Markdown.escape(result.policy.filterDescription) + ")" }
                var actual = ReportFacts.format(result.actual, metric: result.policy.metric)
                if let note = result.note { actual += " — " + Markdown.escape(note, limit: 120) }
                var row = [ReportFacts.symbol(result.status), name, "`" + result.policy.metric.rawValue + "`"]
                if !single { row.append(Markdown.escape(result.candidate)) }
                row += [actual, (result.bound == .max ? "≤ " : "≥ ") + ReportFacts.format(result.limit, metric: result.policy.metric)]
                rows.append(row)
            }
            var header = ["", "Policy", "Metric"]
            if !single { header.append("Candidate") }
            header += ["Actual", "Limit"]
            text += "\n#### Policies\n\n" + Markdown.table(header, rows)
        }
        let scaling = evaluation.candidates.first?.forecast.scaling ?? evaluation.baseline.scaling
        text += "\n#### Assumptions\n\n"
        for line in ReportFacts.assumptions(scaling, source: Markdown.code(evaluation.trafficSource, limit: 120),
                                            baseline: Markdown.escape(evaluation.baselineDescription, limit: 120)) {
            text += "- " + line + "\n"
        }
        text += "\n<details><summary>Details</summary>\n\n"
        for candidate in evaluation.candidates {
            if !single { text += "##### \(Markdown.escape(candidate.forecast.name))\n\n" }
            text += "**By model**\n\n" + breakdown(candidate.comparison.byModel, label: "Model")
            if !single { text += "\n**By route**\n\n" + breakdown(candidate.comparison.byRoute, label: "Route") }
            for (key, rows) in candidate.comparison.byTag {
                text += "\n**By tag \(Markdown.code(key))**\n\n" + breakdown(rows, label: Markdown.escape(key), limit: 15)
            }
            text += "\n"
        }
        let notes = forecasts.flatMap { $0.serving?.notes ?? [] }
        if !notes.isEmpty {
            text += "**Latency and fleet notes**\n\n"
            var seen = Set<String>()
            for note in notes where seen.insert(note).inserted { text += "- " + Markdown.escape(note, limit: 300) + "\n" }
            text += "\n"
        }
        if !evaluation.warnings.isEmpty {
            text += "**Warnings**\n\n"
            for warning in evaluation.warnings { text += "- " + Markdown.escape(warning, limit: 300) + "\n" }
            text += "\n"
        }
        if evaluation.skippedRecords > 0 {
            text += "Skipped \(evaluation.skippedRecords) unreadable record(s) (`--skip-bad-records`).\n\n"
        }
        text += "</details>\n\n<sub>costgate \(CLI.version) · \(Markdown.escape(evaluation.command))</sub>\n"
        return text
    }

    private func summary(_ evaluation: Evaluation) -> String {
        let base = evaluation.baseline
        var header = ["", Markdown.escape(base.name)]
        var rows: [[String]] = [
            ["Monthly cost", Format.money(base.monthlyCost)],
            ["\(Int((base.scaling.confidence * 100).rounded()))% interval", Format.money(base.monthlyCostLow) + " – " + Format.money(base.monthlyCostHigh)],
            ["Requests / month", Format.count(base.requests)],
            ["Cost per request", base.costPerRequest.map(Format.unitCost) ?? "n/a"],
            ["Quality", ReportFacts.quality(base)],
            ["Cost per quality", base.costPerQuality.map(Format.unitCost) ?? "n/a"],
        ]
        for candidate in evaluation.candidates {
            let forecast = candidate.forecast
            let delta = candidate.comparison.total
            header.append(Markdown.escape(forecast.name))
            header.append("Change")
            let interval: String = Format.money(forecast.monthlyCostLow) + " – " + Format.money(forecast.monthlyCostHigh)
            let intervalChange: String = Format.moneyChange(delta.monthlyCostLow) + " to " + Format.moneyChange(delta.monthlyCostHigh)
            let values: [(String, String)] = [
                (Format.money(forecast.monthlyCost), ReportFacts.costChange(delta)),
                (interval, intervalChange),
                (Format.count(forecast.requests), Format.countChange(delta.requests)),
                (ReportFacts.unit(forecast.costPerRequest), Format.unitCostChange(delta.costPerRequest)),
                (ReportFacts.quality(forecast), Format.fixedChange(delta.quality)),
                (ReportFacts.unit(forecast.costPerQuality), delta.costPerQualityPct.map(Format.percentChange) ?? ""),
            ]
            for (index, value) in values.enumerated() { rows[index] += [value.0, value.1] }
        }
        return Markdown.table(header, rows, alignRight: Set(1..<header.count))
    }

    private func breakdown(_ rows: [Comparison.Row], label: String, limit: Int = 25) -> String {
        let cells = rows.prefix(limit).map { row in
            [Markdown.escape(row.name), Format.money(row.baseCost), Format.money(row.headCost), Format.moneyChange(row.change),
             Format.count(row.headRequests)]
        }
        var text = Markdown.table([label, "Base", "Head", "Change", "Requests (head)"], cells, alignRight: [1, 2, 3, 4])
        if rows.count > limit { text += "\n\(rows.count - limit) more not shown (see the JSON report).\n" }
        return text
    }
}
