/// One self-contained HTML page (`check --format html`): the headline, the summary, the breakdowns with why
/// they changed, inline SVG charts (cost by route, base vs head; the latency CDF when there is a serving
/// forecast; replicas by hour for fleets), the policies and the assumptions.
///
/// No script, font, style sheet or image is loaded from anywhere: the CSS is inline and the charts are SVG.
/// Everything from the traffic or the plan goes through `HTML.escape`. The page is well-formed XML too.
public struct HTMLReportRenderer: ReportRenderer {
    public init() {}

    /// The result as a mark every font has (emoji need an emoji font, which a server or CI image often lacks).
    static func mark(_ status: Evaluation.Status) -> String {
        switch status {
        case .pass: return "✓"
        case .warn: return "!"
        case .fail: return "✗"
        }
    }

    /// Routes drawn in the cost chart; the rest are summed into "other".
    static let chartRoutes = 12

    static let style = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1f2328;max-width:980px;margin:24px auto;padding:0 16px}
        h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
        table{border-collapse:collapse;margin:6px 0 10px}th,td{border:1px solid #d0d7de;padding:4px 9px;text-align:left;vertical-align:top}
        th{background:#f6f8fa}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
        .result{color:#57606a;margin:0 0 14px}svg.chart{display:block;margin:8px 0 14px;font:12px system-ui,sans-serif}
        svg.chart text{fill:#1f2328}svg.chart text.value{fill:#57606a}svg.chart .axis{stroke:#57606a;fill:none}svg.chart .grid{stroke:#eaeef2;fill:none}
        .pass{color:#1a7f37}.warn{color:#9a6700}.fail{color:#cf222e}footer{color:#57606a;font-size:12px;margin-top:28px}
        """

    public func render(_ evaluation: Evaluation) -> String {
        let single = evaluation.candidates.count == 1
        let title: String
        if single, let candidate = evaluation.candidates.first {
            title = "costgate: " + ReportFacts.headline(evaluation, candidate: candidate)
        } else {
            title = "costgate what-if: \(evaluation.candidates.count) candidates against " + evaluation.baseline.name
        }
        var body = "<h1><span class=\"\(evaluation.result.rawValue)\">\(Self.mark(evaluation.result))</span> \(HTML.escape(title))</h1>\n"
        body += "<p class=\"result\">\(HTML.escape(ReportFacts.resultLine(evaluation)))</p>\n"
        body += summary(evaluation)
        body += routes(evaluation)
        let forecasts = [evaluation.baseline] + evaluation.candidates.map(\.forecast)
        body += serving(evaluation, forecasts: forecasts)
        if !evaluation.policies.isEmpty { body += policies(evaluation) }
        body += "<h2>Assumptions</h2>\n<ul>\n"
        let scaling = evaluation.candidates.first?.forecast.scaling ?? evaluation.baseline.scaling
        for line in ReportFacts.assumptions(scaling, source: HTML.escape(evaluation.trafficSource), baseline: HTML.escape(evaluation.baselineDescription)) {
            body += "<li>\(line)</li>\n"
        }
        body += "</ul>\n"
        if !evaluation.warnings.isEmpty {
            body += "<h2>Warnings</h2>\n<ul>\n" + evaluation.warnings.map { "<li>\(HTML.escape($0, limit: 300))</li>\n" }.joined() + "</ul>\n"
        }
        body += "<footer>costgate \(HTML.escape(CLI.version)) · \(HTML.escape(evaluation.command))</footer>\n"
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
            + "<title>\(HTML.escape(title))</title>\n<style>\n\(Self.style)\n</style>\n</head>\n<body>\n\(body)</body>\n</html>\n"
    }

    private func summary(_ evaluation: Evaluation) -> String {
        let base = evaluation.baseline
        var header = ["", HTML.escape(base.name)]
        var rows: [[String]] = [
            ["Monthly cost", Format.money(base.monthlyCost)],
            [Format.confidence(base.scaling.confidence) + " interval", Format.money(base.monthlyCostLow) + " – " + Format.money(base.monthlyCostHigh)],
            ["Requests / month", Format.count(base.requests)],
            ["Cost per request", ReportFacts.unit(base.costPerRequest)],
            ["Quality", HTML.escape(ReportFacts.quality(base))],
        ]
        for candidate in evaluation.candidates {
            let forecast = candidate.forecast
            let delta = candidate.comparison.total
            header += [HTML.escape(forecast.name), "Change"]
            let cells: [(String, String)] = [
                (Format.money(forecast.monthlyCost), ReportFacts.costChange(delta)),
                (Format.money(forecast.monthlyCostLow) + " – " + Format.money(forecast.monthlyCostHigh),
                 Format.moneyChange(delta.monthlyCostLow) + " to " + Format.moneyChange(delta.monthlyCostHigh)),
                (Format.count(forecast.requests), Format.countChange(delta.requests)),
                (ReportFacts.unit(forecast.costPerRequest), Format.unitCostChange(delta.costPerRequest)),
                (HTML.escape(ReportFacts.quality(forecast)), Format.fixedChange(delta.quality)),
            ]
            for (index, cell) in cells.enumerated() { rows[index] += [cell.0, cell.1] }
        }
        return HTML.table(header, rows, alignRight: Set(1..<header.count))
    }

    private func routes(_ evaluation: Evaluation) -> String {
        guard let first = evaluation.candidates.first else { return "" }
        var text = ""
        for candidate in evaluation.candidates {
            let rows = candidate.comparison.byRoute
            let shown = rows.prefix(max(50, Comparison.carriers(rows).count))
            text += "<h2>By route" + (evaluation.candidates.count > 1 ? " — " + HTML.escape(candidate.forecast.name) : "") + "</h2>\n"
            text += HTML.table(["Route", "Base", "Head", "Change", "Requests (head)"], shown.map { row in
                [HTML.escape(row.name), Format.money(row.baseCost), Format.money(row.headCost), Format.moneyChange(row.change), Format.count(row.headRequests)]
            }, alignRight: [1, 2, 3, 4])
            if let line = ReportFacts.notShownLine(rows, shown: shown.count) { text += "<p>" + HTML.escape(line) + "</p>\n" }
            let why = ReportFacts.whyLines(rows, limit: 12) { HTML.escape($0) }
            if !why.isEmpty { text += "<h2>Why it changed</h2>\n<ul>\n" + why.map { "<li>\($0)</li>\n" }.joined() + "</ul>\n" }
        }
        // The chart: routes in the first candidate's order (largest change first), every side's cost.
        let names = first.comparison.byRoute.map(\.name)
        guard !names.isEmpty, evaluation.baselineSource != .itself else { return text }
        func costs(_ name: String) -> [Double] {
            let base = first.comparison.byRoute.first { $0.name == name }?.baseCost ?? 0
            return [base] + evaluation.candidates.map { candidate in candidate.comparison.byRoute.first { $0.name == name }?.headCost ?? 0 }
        }
        let drawn = names.count > Self.chartRoutes ? Self.chartRoutes - 1 : names.count
        var bars = names.prefix(drawn).map { (label: $0, values: costs($0)) }
        if names.count > drawn {
            let rest = names.dropFirst(drawn).map(costs)
            bars.append((label: "other (\(rest.count) routes)", values: rest.reduce([Double](repeating: 0, count: rest[0].count)) { sum, row in
                zip(sum, row).map { $0 + $1 }
            }))
        }
        let series = [evaluation.baseline.name] + evaluation.candidates.map(\.forecast.name)
        text += "<h2>Monthly cost by route</h2>\n"
            + SVGChart.bars(title: "Monthly cost by route", rows: bars, series: series, format: Format.money)
        return text
    }

    private func serving(_ evaluation: Evaluation, forecasts: [Forecast]) -> String {
        var text = ""
        if let rows = ReportFacts.latencyRows(forecasts) {
            text += "<h2>Latency under load</h2>\n"
            text += HTML.table(["Latency (p50 / p95 / p99)"] + forecasts.map { HTML.escape($0.name) }, rows, alignRight: Set(1...forecasts.count))
            let curves = forecasts.compactMap { forecast -> (name: String, points: [(x: Double, y: Double)])? in
                guard let points = forecast.serving?.latency?.e2eDistribution, !points.isEmpty else { return nil }
                return (forecast.name, points)
            }
            if !curves.isEmpty {
                text += SVGChart.lines(title: "End-to-end latency CDF", series: curves, xLabel: "end-to-end latency, ms (to the 99th percentile)",
                                       yLabel: "share of requests", step: false, yTop: 1, xFormat: { Format.fixed($0, digits: 0) },
                                       yFormat: { Format.wholePercent($0) })
            }
        }
        let fleets = ReportFacts.fleetRows(forecasts)
        if !fleets.isEmpty {
            text += "<h2>GPU fleets</h2>\n"
            // The hourly sparkline column gives way to the chart below.
            text += HTML.table(Array(ReportFacts.fleetHeader.dropLast()), fleets.map { row in row.dropLast().map { HTML.escape($0) } },
                               alignRight: [3, 4, 5, 6])
            for line in ReportFacts.breakEvenLines(evaluation.candidates, name: { HTML.escape($0) }) { text += "<p><strong>Break-even:</strong> \(line)</p>\n" }
            var series: [(name: String, points: [(x: Double, y: Double)])] = []
            for forecast in forecasts {
                for fleet in forecast.serving?.fleets ?? [] where fleet.hourlyReplicas.count > 1 {
                    series.append((forecast.name + " · " + fleet.name, fleet.hourlyReplicas.enumerated().map { (Double($0.offset), $0.element) }))
                }
            }
            if !series.isEmpty {
                // One replica of headroom above the largest fleet, so a flat line does not sit on the frame, rounded up to
                // a multiple of 4 so that the axis's five ticks fall on whole replicas.
                let top = (((series.flatMap { $0.points.map(\.y) }.max() ?? 0).rounded(.up) + 1) / 4).rounded(.up) * 4
                text += SVGChart.lines(title: "Replicas by hour", series: series, xLabel: "hour of the recorded window", yLabel: "replicas",
                                       step: true, yTop: top, xFormat: { Format.fixed($0, digits: 0) }, yFormat: { Format.fixed($0, digits: 0) })
            }
        }
        return text
    }

    private func policies(_ evaluation: Evaluation) -> String {
        var rows: [[String]] = []
        for result in evaluation.policies {
            var name = HTML.escape(result.policy.name)
            if !result.policy.filter.isEmpty { name += " (" + HTML.escape(result.policy.filterDescription) + ")" }
            var actual = ReportFacts.format(result.actual, metric: result.policy.metric)
            if let note = result.note { actual += " — " + HTML.escape(note, limit: 200) }
            rows.append(["<span class=\"\(result.status.rawValue)\">\(Self.mark(result.status)) \(result.status.rawValue)</span>", name,
                         "<code>" + result.policy.metric.rawValue + "</code>", HTML.escape(result.candidate), actual,
                         (result.bound == .max ? "≤ " : "≥ ") + ReportFacts.format(result.limit, metric: result.policy.metric)])
        }
        return "<h2>Policies</h2>\n" + HTML.table(["Status", "Policy", "Metric", "Candidate", "Actual", "Limit"], rows, alignRight: [4, 5])
    }
}
