extension ReplicaPolicy {
    /// Parses `key` of a deployment: a fixed replica count, an autoscaling object, or nothing (one replica).
    static func parse(in deployment: inout PlanObject, key: String) throws(CostGateError) -> ReplicaPolicy {
        guard let value = deployment.value(key) else { return .fixed(1) }
        if value.doubleValue != nil {
            let count = try deployment.int(key, in: 1...10_000, as: "a replica count")!
            return .fixed(count)
        }
        guard value.objectMembers != nil, var object = try deployment.object(key) else {
            throw deployment.error(at: key, expected: "a replica count or an autoscaling object", found: value.kindDescription)
        }
        try object.rejectUnknownKeys(["min", "max", "metric", "scale_up_at", "scale_down_at", "cooldown_s", "cold_start_s",
                                     "scale_up_for_s", "scale_down_for_s"])
        var policy = AutoscalePolicy()
        policy.min = try object.int("min", in: 0...10_000) ?? policy.min
        policy.max = try object.int("max", in: 1...10_000) ?? Swift.max(policy.min, 1)
        if policy.max < Swift.max(policy.min, 1) {
            throw object.error(at: "max", expected: "at least min (\(policy.min)) and 1", found: "\(policy.max)")
        }
        policy.metric = try object.choice("metric", kind: "autoscaling metric", as: AutoscalePolicy.Metric.self) ?? policy.metric
        if policy.metric == .gpuUtilization {
            // A utilisation is a share of time: the defaults are the common 70% / 30% rule.
            policy.scaleUpAt = try object.number("scale_up_at", in: 0...1, as: "a utilisation") ?? 0.7
            policy.scaleDownAt = try object.number("scale_down_at", in: 0...1, as: "a utilisation") ?? 0.3
        } else {
            policy.scaleUpAt = try object.number("scale_up_at", in: 0...1e9, as: "a per-replica load") ?? policy.scaleUpAt
            policy.scaleDownAt = try object.number("scale_down_at", in: 0...1e9, as: "a per-replica load") ?? policy.scaleDownAt
        }
        policy.scaleUpFor = try object.number("scale_up_for_s", in: 0...86_400, as: "a number of seconds") ?? 0
        policy.scaleDownFor = try object.number("scale_down_for_s", in: 0...86_400, as: "a number of seconds") ?? 0
        if policy.scaleDownAt >= policy.scaleUpAt {
            throw object.error(at: "scale_down_at", expected: "less than scale_up_at (\(policy.scaleUpAt))", found: "\(policy.scaleDownAt)")
        }
        policy.cooldown = try object.number("cooldown_s", in: 0...86_400, as: "a number of seconds") ?? policy.cooldown
        policy.coldStart = try object.number("cold_start_s", in: 0...86_400, as: "a number of seconds") ?? policy.coldStart
        return .autoscale(policy)
    }
}
