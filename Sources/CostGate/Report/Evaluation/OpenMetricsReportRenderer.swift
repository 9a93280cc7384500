/// OpenMetrics text (ending in `# EOF`) for a node_exporter textfile collector and Grafana: monthly cost per
/// plan and per route, whether each policy passed, and the latency and fleet figures when simulated.
public struct OpenMetricsReportRenderer: ReportRenderer {
    /// Creates the renderer.
    public init() {}

    /// Renders `evaluation` as OpenMetrics.
    public func render(_ evaluation: Evaluation) -> String {
        let forecasts = [evaluation.baseline] + evaluation.candidates.map(\.forecast)
        var text = ""
        func family(_ name: String, unit: String?, help: String, samples: [(labels: [(String, String)], value: Double)]) {
            guard !samples.isEmpty else { return }
            text += "# TYPE \(name) gauge\n"
            if let unit { text += "# UNIT \(name) \(unit)\n" }
            text += "# HELP \(name) \(help)\n"
            for sample in samples {
                let labels = sample.labels.map { "\($0.0)=\"\(Self.escape($0.1))\"" }.joined(separator: ",")
                text += name + (labels.isEmpty ? "" : "{" + labels + "}") + " " + Self.number(sample.value) + "\n"
            }
        }
        family("costgate_monthly_cost_usd", unit: "usd", help: "Forecast monthly cost.",
               samples: forecasts.map { ([("plan", $0.name)], $0.monthlyCost) })
        family("costgate_monthly_cost_low_usd", unit: "usd", help: "Lower end of the forecast interval.",
               samples: forecasts.map { ([("plan", $0.name)], $0.monthlyCostLow) })
        family("costgate_monthly_cost_high_usd", unit: "usd", help: "Upper end of the forecast interval.",
               samples: forecasts.map { ([("plan", $0.name)], $0.monthlyCostHigh) })
        family("costgate_monthly_requests", unit: nil, help: "Forecast requests a month.",
               samples: forecasts.map { ([("plan", $0.name)], $0.requests) })
        family("costgate_route_monthly_cost_usd", unit: "usd", help: "Forecast monthly cost of one route.",
               samples: forecasts.flatMap { f in f.byRoute.map { ([("plan", f.name), ("route", $0.name)], $0.monthlyCost) } })
        family("costgate_policy_passed", unit: nil, help: "1 when the policy passed, 0 when it warned or failed.",
               samples: evaluation.policies.map { ([("plan", $0.candidate), ("policy", $0.policy.name)], $0.status == .pass ? 1 : 0) })
        var latency: [(labels: [(String, String)], value: Double)] = []
        for forecast in forecasts {
            guard let summary = forecast.serving?.latency else { continue }
            for (metric, values) in [("ttft", summary.ttft), ("tpot", summary.tpot), ("e2e", summary.e2e)] {
                for (quantile, value) in [("0.5", values.p50), ("0.95", values.p95), ("0.99", values.p99)] {
                    latency.append(([("plan", forecast.name), ("metric", metric), ("quantile", quantile)], value / 1000))
                }
            }
        }
        family("costgate_latency_seconds", unit: "seconds", help: "Forecast latency quantiles under load.", samples: latency)
        let fleets = forecasts.flatMap { f in (f.serving?.fleets ?? []).map { (f.name, $0) } }
        family("costgate_fleet_replicas_mean", unit: nil, help: "Mean replicas of a GPU fleet.",
               samples: fleets.map { ([("plan", $0.0), ("fleet", $0.1.name)], $0.1.replicasMean) })
        family("costgate_fleet_replicas_max", unit: nil, help: "Most replicas of a GPU fleet.",
               samples: fleets.map { ([("plan", $0.0), ("fleet", $0.1.name)], Double($0.1.replicasMax)) })
        family("costgate_fleet_monthly_cost_usd", unit: "usd", help: "Monthly cost of a GPU fleet.",
               samples: fleets.map { ([("plan", $0.0), ("fleet", $0.1.name)], $0.1.monthlyCost) })
        return text + "# EOF\n"
    }

    /// A label value: `\`, `"` and line breaks escaped; invisible and control characters dropped.
    static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            default:
                if scalar.isInvisibleOrControl { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A sample value without locale or exponent; `NaN` when not finite.
    static func number(_ value: Double) -> String {
        value.isFinite ? Format.decimal(value) : "NaN"
    }
}
