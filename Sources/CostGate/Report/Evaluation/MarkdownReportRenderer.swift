/// The pull-request comment: a headline, the summary, the breakdowns, the policies and the assumptions.
///
/// Everything that comes from the traffic or the plan goes through `Markdown.escape` or `Markdown.code`.
/// The comment fits `maxCharacters` (GitHub refuses bodies above 65,536): detail goes first, least important
/// first (tag tables, then the other details, then serving tables, then long route tables), and whole tables
/// or sections go, never part of a row; the headline, the policies and the rows that carry the change stay.
public struct MarkdownReportRenderer: ReportRenderer {
    /// The hidden marker CI uses to find and update its one comment.
    public static let marker = "<!-- costgate -->"

    /// GitHub's limit on a comment body, the default budget.
    public static let githubLimit = 65_536

    /// The most characters (UTF-16 code units, which no platform counts fewer of) the report may have.
    public var maxCharacters: Int

    /// Creates the renderer.
    /// - Parameter maxCharacters: the size budget; see `githubLimit`.
    public init(maxCharacters: Int = Self.githubLimit) {
        self.maxCharacters = maxCharacters
    }

    /// How much detail one rendering carries; `levels` goes from everything to the least.
    struct Detail {
        var routeRows = 25
        var moverRows = 8
        /// Routes explained in "Why it changed".
        var whyRoutes = 8
        /// Rows per tag table, or nil for no tag tables.
        var tagRows: Int? = 15
        /// At most this many tag keys (those whose values moved most), or nil for all.
        var tagKeys: Int?
        var details = true
        var serving = true
        var promptSizes = true
        /// The Mermaid chart of cost by route, the first thing dropped.
        var chart = false
        var trimmed = false

        static let levels: [Detail] = [
            Detail(chart: true),
            Detail(),
            Detail(tagRows: 5, trimmed: true),
            Detail(tagRows: 5, tagKeys: 60, trimmed: true),
            Detail(tagRows: 5, tagKeys: 20, trimmed: true),
            Detail(routeRows: 15, tagRows: nil, trimmed: true),
            Detail(routeRows: 10, moverRows: 5, whyRoutes: 5, tagRows: nil, details: false, trimmed: true),
            Detail(routeRows: 5, moverRows: 3, whyRoutes: 3, tagRows: nil, details: false, serving: false, promptSizes: false, trimmed: true),
        ]
    }

    /// Renders `evaluation` with as much detail as fits the budget.
    public func render(_ evaluation: Evaluation) -> String {
        for detail in Detail.levels {
            let text = render(evaluation, detail: detail)
            if text.utf16.count <= maxCharacters { return text }
        }
        return minimal(evaluation)
    }

    /// The last resort: headline, result, the notice and as many policy rows as fit.
    private func minimal(_ evaluation: Evaluation) -> String {
        var text = Self.marker + "\n" + headline(evaluation) + ReportFacts.resultLine(evaluation) + "\n\n" + notice()
        let footer = "\n" + footer(evaluation)
        if !evaluation.policies.isEmpty {
            let (header, rows) = policyRows(evaluation)
            var kept: [[String]] = []
            for row in rows {
                let table = "\n#### Policies\n\n" + Markdown.table(header, kept + [row])
                if (text + table + footer).utf16.count > maxCharacters { break }
                kept.append(row)
            }
            if !kept.isEmpty { text += "\n#### Policies\n\n" + Markdown.table(header, kept) }
        }
        return text + footer
    }

    private func notice() -> String {
        "> [!NOTE]\n> Shortened to fit \(Format.count(Double(maxCharacters))) characters: some detail is left out. "
            + "The job summary or `--format json` has the full report.\n"
    }

    private func headline(_ evaluation: Evaluation) -> String {
        if evaluation.candidates.count == 1, let candidate = evaluation.candidates.first {
            return "### \(ReportFacts.symbol(evaluation.result)) costgate: \(ReportFacts.headline(evaluation, candidate: candidate))\n\n"
        }
        return "### \(ReportFacts.symbol(evaluation.result)) costgate what-if: \(evaluation.candidates.count) candidates against \(Markdown.escape(evaluation.baseline.name))\n\n"
    }

    private func footer(_ evaluation: Evaluation) -> String {
        "<sub>costgate \(CLI.version) · \(Markdown.escape(evaluation.command))</sub>\n"
    }

    private func policyRows(_ evaluation: Evaluation) -> (header: [String], rows: [[String]]) {
        let single = evaluation.candidates.count == 1
        var rows: [[String]] = []
        for result in evaluation.policies {
            var name = Markdown.escape(result.policy.name)
            if !result.policy.filter.isEmpty { name += " (" + Markdown.escape(result.policy.filterDescription) + ")" }
            var actual = ReportFacts.format(result.actual, metric: result.policy.metric)
            if let note = result.note { actual += " — " + Markdown.escape(note, limit: 400) }
            var row = [ReportFacts.symbol(result.status), name, "`" + result.policy.metric.rawValue + "`"]
            if !single { row.append(Markdown.escape(result.candidate)) }
            row += [actual, (result.bound == .max ? "≤ " : "≥ ") + ReportFacts.format(result.limit, metric: result.policy.metric)]
            rows.append(row)
        }
        var header = ["", "Policy", "Metric"]
        if !single { header.append("Candidate") }
        header += ["Actual", "Limit"]
        return (header, rows)
    }

    func render(_ evaluation: Evaluation, detail: Detail) -> String {
        var text = Self.marker + "\n"
        let single = evaluation.candidates.count == 1
        text += headline(evaluation)
        text += ReportFacts.resultLine(evaluation) + "\n\n"
        if detail.trimmed { text += notice() + "\n" }
        text += summary(evaluation)
        if single, let candidate = evaluation.candidates.first {
            text += "\n#### By route\n\n" + breakdown(candidate.comparison.byRoute, label: "Route", limit: detail.routeRows)
            let why = ReportFacts.whyLines(candidate.comparison.byRoute, limit: detail.whyRoutes) { Markdown.escape($0) }
            if !why.isEmpty {
                text += "\n#### Why it changed\n\n" + why.map { "- " + $0 + "\n" }.joined()
            }
            if detail.chart, evaluation.baselineSource != .itself,
               let chart = MermaidChart.costByRoute(candidate.comparison.byRoute, base: evaluation.baseline.name, head: candidate.forecast.name) {
                text += "\n" + chart
            }
            let movers = candidate.comparison.topMovers.prefix(detail.moverRows)
            if !movers.isEmpty {
                var rows: [[String]] = []
                for mover in movers {
                    rows.append([Markdown.escape(mover.key), Markdown.escape(mover.row.name), Format.money(mover.row.baseCost),
                                 Format.money(mover.row.headCost), Format.moneyChange(mover.row.change)])
                }
                text += "\n#### Top movers by tag\n\n" + Markdown.table(["Tag", "Value", "Base", "Head", "Change"], rows, alignRight: [2, 3, 4])
            }
            if detail.promptSizes, !candidate.promptChanges.isEmpty {
                var rows: [[String]] = []
                for change in candidate.promptChanges {
                    rows.append([Markdown.escape(change.route), Format.count(Double(change.baseTokens)), Format.count(Double(change.headTokens)),
                                 Format.countChange(Double(change.tokenChange)), Markdown.escape(change.counter) + (change.exact ? " (exact)" : " (estimate)")])
                }
                text += "\n#### Prompt sizes\n\n" + Markdown.table(["Route", "Base tokens", "Head tokens", "Change", "Counted by"], rows, alignRight: [1, 2, 3])
            }
        }
        let forecasts = [evaluation.baseline] + evaluation.candidates.map(\.forecast)
        text += ArchitectureSection.markdown(evaluation)
        if detail.serving { text += serving(evaluation, forecasts: forecasts) }
        if !evaluation.policies.isEmpty {
            let (header, rows) = policyRows(evaluation)
            text += "\n#### Policies\n\n" + Markdown.table(header, rows)
        }
        let scaling = evaluation.candidates.first?.forecast.scaling ?? evaluation.baseline.scaling
        text += PriceFactsReport.markdown(forecasts)
        text += "\n#### Assumptions\n\n"
        for line in ReportFacts.assumptions(scaling, source: Markdown.code(evaluation.trafficSource, limit: 120),
                                            baseline: Markdown.escape(evaluation.baselineDescription, limit: 120),
                                            prices: Markdown.escape((evaluation.candidates.first?.forecast ?? evaluation.baseline).prices.summary, limit: 300)) {
            text += "- " + line + "\n"
        }
        if detail.details {
            text += "\n" + details(evaluation, forecasts: forecasts, detail: detail)
        } else {
            text += "\nBreakdowns by model and tag, notes and warnings are left out here; `--format json` has them.\n\n"
        }
        return text + footer(evaluation)
    }

    private func serving(_ evaluation: Evaluation, forecasts: [Forecast]) -> String {
        var text = ""
        if let rows = ReportFacts.latencyRows(forecasts) {
            let header = ["Latency (p50 / p95 / p99)"] + forecasts.map { Markdown.escape($0.name) }
            text += "\n#### Latency under load\n\n" + Markdown.table(header, rows.map { [$0[0]] + $0.dropFirst() }, alignRight: Set(1..<header.count))
        }
        if !evaluation.backtests.isEmpty {
            text += "\n#### Backtest on the recorded latencies\n\nThe simulator on the base side's recorded load, against what those requests measured (means):\n\n"
                + Markdown.table(BacktestFacts.header, BacktestFacts.rows(evaluation.backtests).map { row in
                    row.enumerated().map { $0.offset == 0 || $0.offset == 2 ? Markdown.escape($0.element) : $0.element }
                }, alignRight: [1])
        }
        let fleets = ReportFacts.fleetRows(forecasts)
        if !fleets.isEmpty {
            text += "\n#### GPU fleets\n\n" + Markdown.table(ReportFacts.fleetHeader, fleets.map { row in row.enumerated().map { $0.offset < 3 ? Markdown.escape($0.element) : $0.element } },
                                                             alignRight: [3, 4, 5, 6])
            for line in ReportFacts.breakEvenLines(evaluation.candidates, name: { Markdown.escape($0) }) { text += "\n**Break-even:** " + line + "\n" }
            for line in ReportFacts.ownedLines(forecasts, name: { Markdown.escape($0) }) { text += "\n**Owned GPUs:** " + line + "\n" }
            for line in ReportFacts.autoscaleLines(forecasts, name: { Markdown.escape($0) }) { text += "\n**Autoscaling:** " + line + "\n" }
        }
        let limits = forecasts.flatMap { f in (f.serving?.rateLimits ?? []).map { (f.name, $0) } }
        if !limits.isEmpty {
            var rows: [[String]] = []
            // A sampled log's busiest minute is an estimate: its standard error from sampling rides along.
            func margin(_ error: Double) -> String { error >= 0.005 ? " (±" + Format.wholePercent(error) + ")" : "" }
            for (side, use) in limits {
                rows.append([Markdown.escape(side), Markdown.escape(use.model),
                             Format.count(use.peakRequestsPerMinute) + (use.rpmLimit.map { " of " + Format.count($0) } ?? "") + margin(use.peakRequestsRelativeError),
                             Format.count(use.peakTokensPerMinute) + (use.tpmLimit.map { " of " + Format.count($0) } ?? "") + margin(use.peakTokensRelativeError)])
            }
            text += "\n#### Provider rate limits (forecast peak minute)\n\n" + Markdown.table(["Side", "Model", "Requests / min", "Tokens / min"], rows, alignRight: [2, 3])
            if let records = limits.compactMap({ $0.1.uncertainPeakRecords }).min() {
                text += "\nA peak minute resting on few sampled records (\(records) in the thinnest here) is uncertain: ± is one standard "
                    + "error of that minute from sampling alone, and the busiest of many noisy minutes tends to read above its true rate.\n"
            }
        }
        for line in ReportFacts.fallbackLines(forecasts, name: { Markdown.escape($0) }) { text += "\n**Fallback:** " + line + "\n" }
        return text
    }

    /// The `<details>` block: by model, by route for a what-if, by tag, notes, warnings; always closed.
    private func details(_ evaluation: Evaluation, forecasts: [Forecast], detail: Detail) -> String {
        let single = evaluation.candidates.count == 1
        var text = "<details><summary>Details</summary>\n\n"
        for candidate in evaluation.candidates {
            if !single { text += "##### \(Markdown.escape(candidate.forecast.name))\n\n" }
            text += "**By model**\n\n" + breakdown(candidate.comparison.byModel, label: "Model", limit: detail.routeRows)
            if !single { text += "\n**By route**\n\n" + breakdown(candidate.comparison.byRoute, label: "Route", limit: detail.routeRows) }
            if let tagRows = detail.tagRows {
                var tags = candidate.comparison.byTag
                if let keep = detail.tagKeys, tags.count > keep {
                    // The keys whose values moved most, shown in their usual order.
                    let moved = tags.indices.sorted {
                        let a = tags[$0].rows.reduce(0) { $0 + $1.change.magnitude }
                        let b = tags[$1].rows.reduce(0) { $0 + $1.change.magnitude }
                        return a != b ? a > b : $0 < $1
                    }
                    let kept = Set(moved.prefix(keep))
                    let left = tags.count - keep
                    tags = tags.indices.filter { kept.contains($0) }.map { tags[$0] }
                    text += "\n\(left) more tag keys not shown (see the JSON report).\n"
                }
                for (key, rows) in tags {
                    text += "\n**By tag \(Markdown.code(key))**\n\n" + breakdown(rows, label: Markdown.escape(key), limit: tagRows)
                }
            } else if !candidate.comparison.byTag.isEmpty {
                text += "\nBreakdowns by tag are left out here; `--format json` has them.\n"
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
        return text + "</details>\n\n"
    }

    private func summary(_ evaluation: Evaluation) -> String {
        let base = evaluation.baseline
        var header = ["", Markdown.escape(base.name)]
        var rows: [[String]] = [
            ["Monthly cost", Format.money(base.monthlyCost)],
            [Format.confidence(base.scaling.confidence) + " interval", Format.money(base.monthlyCostLow) + " – " + Format.money(base.monthlyCostHigh)],
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

    /// A breakdown table of at most `limit` rows, and however many more carry the change.
    private func breakdown(_ rows: [Comparison.Row], label: String, limit: Int) -> String {
        let carriers = Comparison.carriers(rows).count
        let shown = max(limit, carriers)
        let cells = rows.prefix(shown).map { row in
            [Markdown.escape(row.name), Format.money(row.baseCost), Format.money(row.headCost), Format.moneyChange(row.change),
             Format.count(row.headRequests)]
        }
        var text = Markdown.table([label, "Base", "Head", "Change", "Requests (head)"], cells, alignRight: [1, 2, 3, 4])
        if let line = ReportFacts.notShownLine(rows, shown: shown) { text += "\n" + line + "\n" }
        return text
    }
}
