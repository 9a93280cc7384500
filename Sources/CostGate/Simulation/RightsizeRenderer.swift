import Foundation

/// Renders a `Rightsizer.Report` as text, Markdown or JSON.
public enum RightsizeRenderer {
    /// The report in `format` (`text`, `markdown` or `json`).
    public static func render(_ report: Rightsizer.Report, route: String, model: String, slos: [ServiceLevelObjective],
                              format: String) -> String {
        switch format {
        case "json": return JSONWriter.write(json(report, route: route, model: model, slos: slos))
        case "markdown": return table(report, route: route, model: model, slos: slos, markdown: true)
        default: return table(report, route: route, model: model, slos: slos, markdown: false)
        }
    }

    static func replicasText(_ policy: ReplicaPolicy) -> String {
        switch policy {
        case .fixed(let n): return "\(n)"
        case .autoscale(let p): return "\(p.min)–\(p.max) auto"
        }
    }

    static func ms(_ x: Double) -> String { x.isFinite ? String(format: "%.0f", x) : "n/a" }

    static func table(_ report: Rightsizer.Report, route: String, model: String, slos: [ServiceLevelObjective],
                      markdown: Bool) -> String {
        let header = ["GPU", "TP", "replicas", "monthly cost", "GPU-h/month", "util", "TTFT p95", "TPOT p95", "E2E p95"]
        var rows: [[String]] = []
        for o in report.options {
            rows.append([o.deployment.gpu.id, "\(o.deployment.tensorParallel)", replicasText(o.deployment.replicas),
                         Money.format(o.monthlyCost), Money.formatCount(o.monthlyGPUHours),
                         String(format: "%.0f%%", o.utilization * 100), ms(o.ttft.p95), ms(o.tpot.p95), ms(o.e2e.p95)])
        }
        var text = markdown ? "### Rightsizing `\(route)` (\(model))\n\n" : "Rightsizing route '\(route)' (\(model))\n"
        text += "SLOs: " + slos.map(\.description).joined(separator: ", ") + (markdown ? "\n\n" : "\n\n")
        if rows.isEmpty {
            text += "No option meets the SLOs.\n"
        } else if markdown {
            text += "| " + header.joined(separator: " | ") + " |\n|" + header.map { _ in "---" }.joined(separator: "|") + "|\n"
            for row in rows { text += "| " + row.joined(separator: " | ") + " |\n" }
        } else {
            let widths = header.indices.map { i in max(header[i].count, rows.map { $0[i].count }.max() ?? 0) }
            func line(_ cells: [String]) -> String {
                cells.indices.map { i in
                    i < 3 ? cells[i].padding(toLength: widths[i], withPad: " ", startingAt: 0)
                        : String(repeating: " ", count: widths[i] - cells[i].count) + cells[i]
                }.joined(separator: "  ") + "\n"
            }
            text += line(header)
            for row in rows { text += line(row) }
        }
        if !report.infeasible.isEmpty {
            text += markdown ? "\nNot feasible:\n\n" : "\nNot feasible:\n"
            for item in report.infeasible {
                text += (markdown ? "- " : "  ") + "\(item.gpu) TP\(item.tensorParallel): \(item.reason)\n"
            }
        }
        if let b = report.breakEven {
            let cheaper = b.apiMonthlyCost < b.fleetMonthlyCost ? "the API is cheaper" : "self-hosting is cheaper"
            text += "\nBreak-even vs the hosted API (\(Money.formatUnit(b.apiCostPerRequest))/request): "
            text += "\(Money.formatCount(b.breakEvenMonthlyRequests)) requests/month; at the forecast "
            text += "\(Money.formatCount(b.monthlyRequests)) requests/month the API costs \(Money.format(b.apiMonthlyCost)) "
            text += "vs \(Money.format(b.fleetMonthlyCost)) for the cheapest fleet: \(cheaper).\n"
        }
        return text
    }

    static func json(_ report: Rightsizer.Report, route: String, model: String, slos: [ServiceLevelObjective]) -> JSONValue {
        func replicas(_ policy: ReplicaPolicy) -> JSONValue {
            switch policy {
            case .fixed(let n): return .number(Double(n))
            case .autoscale(let p):
                return .object([("min", .number(Double(p.min))), ("max", .number(Double(p.max))),
                                ("metric", .string(p.metric.rawValue))])
            }
        }
        let options: [JSONValue] = report.options.map { o in
            .object([
                ("gpu", .string(o.deployment.gpu.id)), ("tensor_parallel", .number(Double(o.deployment.tensorParallel))),
                ("replicas", replicas(o.deployment.replicas)), ("price_per_gpu_hour", .number(o.deployment.pricePerGPUHour)),
                ("price_source", .string(o.deployment.priceSource)), ("monthly_cost", .number(o.monthlyCost)),
                ("gpu_hours", .number(o.monthlyGPUHours)), ("utilization", .number(o.utilization)),
                ("replicas_mean", .number(o.replicasMean)),
                ("ttft_ms", o.ttft.json), ("tpot_ms", o.tpot.json), ("e2e_ms", o.e2e.json),
            ])
        }
        var members: [(key: String, value: JSONValue)] = [
            ("route", .string(route)), ("model", .string(model)),
            ("slos", .object(slos.map { ($0.name, JSONValue.number($0.limitMs)) })),
            ("options", .array(options)),
            ("infeasible", .array(report.infeasible.map {
                .object([("gpu", .string($0.gpu)), ("tensor_parallel", .number(Double($0.tensorParallel))),
                         ("reason", .string($0.reason))])
            })),
        ]
        if let b = report.breakEven {
            members.append(("break_even", .object([
                ("api_cost_per_request", .number(b.apiCostPerRequest)), ("api_monthly_cost", .number(b.apiMonthlyCost)),
                ("fleet_monthly_cost", .number(b.fleetMonthlyCost)),
                ("break_even_monthly_requests", .number(b.breakEvenMonthlyRequests)),
                ("monthly_requests", .number(b.monthlyRequests)),
            ])))
        } else {
            members.append(("break_even", .null))
        }
        return .object(members)
    }
}
