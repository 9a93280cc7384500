/// The terminal report: the same facts as the Markdown comment, as aligned tables.
public struct TextReportRenderer: ReportRenderer {
    public init() {}

    public func render(_ evaluation: Evaluation) -> String {
        var text = ""
        let single = evaluation.candidates.count == 1
        if single, let candidate = evaluation.candidates.first {
            text += "costgate \(evaluation.command): \(ReportFacts.headline(evaluation, candidate: candidate))\n"
        } else {
            text += "costgate \(evaluation.command): \(evaluation.candidates.count) candidates against \(TextTable.clean(evaluation.baseline.name))\n"
        }
        text += "Result: \(evaluation.result.rawValue.uppercased()). \(ReportFacts.resultLine(evaluation))\n\n"
        var summary = TextTable(["", TextTable.clean(evaluation.baseline.name)] + evaluation.candidates.flatMap { [TextTable.clean($0.forecast.name), "change"] },
                                rightAligned: Set(1..<(2 + 2 * evaluation.candidates.count)))
        let base = evaluation.baseline
        var rows: [[String]] = [
            ["monthly cost", Format.money(base.monthlyCost)],
            ["interval low", Format.money(base.monthlyCostLow)],
            ["interval high", Format.money(base.monthlyCostHigh)],
            ["requests / month", Format.count(base.requests)],
            ["cost / request", base.costPerRequest.map(Format.unitCost) ?? "n/a"],
            ["quality", base.quality.map { Format.fixed($0, digits: 3) } ?? "n/a"],
            ["cost / quality", base.costPerQuality.map(Format.unitCost) ?? "n/a"],
        ]
        for candidate in evaluation.candidates {
            let f = candidate.forecast
            let d = candidate.comparison.total
            let cells: [(String, String)] = [
                (Format.money(f.monthlyCost), ReportFacts.costChange(d)),
                (Format.money(f.monthlyCostLow), Format.moneyChange(d.monthlyCostLow)),
                (Format.money(f.monthlyCostHigh), Format.moneyChange(d.monthlyCostHigh)),
                (Format.count(f.requests), Format.count(d.requests)),
                (f.costPerRequest.map(Format.unitCost) ?? "n/a", ""),
                (f.quality.map { Format.fixed($0, digits: 3) } ?? "n/a", Format.fixedChange(d.quality)),
                (f.costPerQuality.map(Format.unitCost) ?? "n/a", d.costPerQualityPct.map(Format.percentChange) ?? ""),
            ]
            for (index, cell) in cells.enumerated() { rows[index] += [cell.0, cell.1] }
        }
        for row in rows { summary.add(row) }
        text += summary.render()
        for candidate in evaluation.candidates {
            text += "\nBy route (\(TextTable.clean(candidate.forecast.name))):\n"
            var table = TextTable(["route", "base", "head", "change", "requests"], rightAligned: [1, 2, 3, 4])
            for row in candidate.comparison.byRoute.prefix(max(25, Comparison.carriers(candidate.comparison.byRoute).count)) {
                table.add([TextTable.clean(row.name), Format.money(row.baseCost), Format.money(row.headCost), Format.moneyChange(row.change),
                           Format.count(row.headRequests)])
            }
            text += table.render()
            let why = ReportFacts.whyLines(candidate.comparison.byRoute, limit: 8) { TextTable.clean($0) }
            if !why.isEmpty {
                text += "\nWhy it changed:\n" + why.map { "  - " + $0 + "\n" }.joined()
            }
            if !candidate.promptChanges.isEmpty {
                text += "\nPrompt sizes:\n"
                var prompts = TextTable(["route", "base", "head", "change", "counted by"], rightAligned: [1, 2, 3])
                for change in candidate.promptChanges {
                    prompts.add([TextTable.clean(change.route), String(change.baseTokens), String(change.headTokens),
                                 String(change.tokenChange), change.counter + (change.exact ? " (exact)" : " (estimate)")])
                }
                text += prompts.render()
            }
        }
        text += ArchitectureSection.text(evaluation)
        let forecasts = [evaluation.baseline] + evaluation.candidates.map(\.forecast)
        if let rows = ReportFacts.latencyRows(forecasts) {
            text += "\nLatency under load (p50 / p95 / p99):\n"
            var table = TextTable([""] + forecasts.map { TextTable.clean($0.name) }, rightAligned: Set(1...forecasts.count))
            for row in rows { table.add(row) }
            text += table.render()
        }
        if !evaluation.backtests.isEmpty {
            text += "\nBacktest: the simulator on the base side's recorded load, against its measured latencies (means):\n"
            var table = TextTable(BacktestFacts.header.map { $0.lowercased() }, rightAligned: [1])
            for row in BacktestFacts.rows(evaluation.backtests) { table.add(row.map { TextTable.clean($0) }) }
            text += table.render()
        }
        let fleets = ReportFacts.fleetRows(forecasts)
        if !fleets.isEmpty {
            text += "\nGPU fleets:\n"
            var table = TextTable(ReportFacts.fleetHeader.map { $0.lowercased() }, rightAligned: [3, 4, 5, 6])
            for row in fleets { table.add(row.enumerated().map { $0.offset < 3 ? TextTable.clean($0.element) : $0.element }) }
            text += table.render()
            for line in ReportFacts.breakEvenLines(evaluation.candidates, name: { TextTable.clean($0) }) { text += "  break-even: " + line + "\n" }
            for line in ReportFacts.ownedLines(forecasts, name: { TextTable.clean($0) }) { text += "  owned GPUs: " + line + "\n" }
            for line in ReportFacts.autoscaleLines(forecasts, name: { TextTable.clean($0) }) { text += "  autoscaling: " + line + "\n" }
        }
        for line in ReportFacts.fallbackLines(forecasts, name: { TextTable.clean($0) }) { text += "  fallback: " + line + "\n" }
        if !evaluation.policies.isEmpty {
            text += "\nPolicies:\n"
            var table = TextTable(["status", "policy", "metric", "candidate", "actual", "limit"], rightAligned: [4, 5])
            for result in evaluation.policies {
                var name = TextTable.clean(result.policy.name)
                if !result.policy.filter.isEmpty { name += " (" + TextTable.clean(result.policy.filterDescription) + ")" }
                table.add([result.status.rawValue.uppercased(), name, result.policy.metric.rawValue, TextTable.clean(result.candidate),
                           ReportFacts.format(result.actual, metric: result.policy.metric),
                           (result.bound == .max ? "<= " : ">= ") + ReportFacts.format(result.limit, metric: result.policy.metric)])
            }
            text += table.render()
            for result in evaluation.policies where result.note != nil {
                // A note quotes the policy's filter and the traffic's values, as untrusted as any name.
                text += "  note: \(TextTable.clean(result.policy.name)): \(TextTable.clean(result.note!, limit: 400))\n"
            }
        }
        text += PriceFactsReport.text([evaluation.baseline] + evaluation.candidates.map(\.forecast))
        text += "\nAssumptions:\n"
        let scaling = evaluation.candidates.first?.forecast.scaling ?? evaluation.baseline.scaling
        for line in ReportFacts.assumptions(scaling, source: TextTable.clean(evaluation.trafficSource, limit: 200), baseline: evaluation.baselineDescription,
                                            prices: TextTable.clean((evaluation.candidates.first?.forecast ?? evaluation.baseline).prices.summary, limit: 300)) {
            text += "  - " + line + "\n"
        }
        if !evaluation.warnings.isEmpty {
            text += "\nWarnings:\n"
            for warning in evaluation.warnings { text += "  - " + TextTable.clean(warning, limit: 300) + "\n" }
        }
        if evaluation.skippedRecords > 0 { text += "\nSkipped \(evaluation.skippedRecords) unreadable record(s).\n" }
        return text
    }
}
