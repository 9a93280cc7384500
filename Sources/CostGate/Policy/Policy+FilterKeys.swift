extension Policy {
    /// Whether the metric reads a router tier (`where.tier` names it).
    public var isTierMetric: Bool { [.tierCost, .tierQuality, .tierCostPerQuality].contains(metric) }

    /// Refuses a tier metric without `where.tier`, a tier metric filtered on anything but `route` and `tier`,
    /// `where.tier` on any other metric, any `where` on `gpu_utilization`, and a `where` key other than `model` on
    /// the per-model metrics (`price_drift_pct`, `peak_tpm_share`, `peak_rpm_share`).
    func checkFilterKeys(path: String, file: String) throws(CostGateError) {
        let keys = filter.map(\.key)
        if isTierMetric {
            guard keys.contains("tier") else {
                throw .badPlan(file: file, path: path + ".where.tier", expected: "the name of the router tier \(metric.rawValue) measures", found: nil)
            }
            if let other = keys.first(where: { $0 != "tier" && $0 != "route" }) {
                throw .badPlan(file: file, path: path + ".where.\(other)", expected: "only route and tier with \(metric.rawValue)", found: "'\(other)'")
            }
        } else if keys.contains("tier") {
            throw .badPlan(file: file, path: path + ".where.tier",
                           expected: "tier only with tier_cost, tier_quality or tier_cost_per_quality", found: "metric '\(metric.rawValue)'")
        }
        // A metric measured over the whole fleet or per model cannot select records by route or tag: a filter it
        // ignored would report the whole figure under the filter's name.
        switch metric {
        case .gpuUtilization:
            if let key = keys.first {
                throw .badPlan(file: file, path: path + ".where.\(key)",
                               expected: "no where with gpu_utilization (it measures the whole self-hosted fleet)", found: "'\(key)'")
            }
        case .priceDriftPct, .peakTPMShare, .peakRPMShare:
            if let key = keys.first(where: { $0 != "model" }) {
                throw .badPlan(file: file, path: path + ".where.\(key)",
                               expected: "only model with \(metric.rawValue) (it is measured per model)", found: "'\(key)'")
            }
        default:
            break
        }
    }
}
