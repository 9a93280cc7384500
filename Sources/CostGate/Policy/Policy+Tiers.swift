extension Policy {
    /// Whether the metric reads a router tier (`where.tier` names it).
    public var isTierMetric: Bool { [.tierCost, .tierQuality, .tierCostPerQuality].contains(metric) }

    /// Refuses a tier metric without `where.tier`, a tier metric filtered on anything but `route` and `tier`, and
    /// `where.tier` on any other metric.
    func checkTierFilter(path: String, file: String) throws(CostGateError) {
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
    }
}
