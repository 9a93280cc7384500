/// How many replicas serve a deployment: a fixed count or an autoscaling policy.
public enum ReplicaPolicy: Sendable, Equatable {
    /// Always this many replicas.
    case fixed(Int)
    /// Replicas added and removed by an autoscaler.
    case autoscale(AutoscalePolicy)

    /// The replica count at the start of a simulation.
    public var initial: Int {
        switch self {
        case .fixed(let count): return count
        case .autoscale(let policy): return policy.min
        }
    }

    /// The most replicas the policy allows.
    public var maximum: Int {
        switch self {
        case .fixed(let count): return count
        case .autoscale(let policy): return policy.max
        }
    }

    static func parse(_ value: JSONValue?, reader: DeploymentFieldReader) throws(CostGateError) -> ReplicaPolicy {
        guard let value, value != .null else { return .fixed(1) }
        if let count = value.doubleValue {
            guard count == count.rounded(), count >= 1, count <= 10_000 else {
                throw .badPlan(file: reader.file, path: reader.base, expected: "an integer from 1 to 10000 or an autoscaling object",
                               found: value.kindDescription)
            }
            return .fixed(Int(count))
        }
        guard value.objectMembers != nil else {
            throw .badPlan(file: reader.file, path: reader.base, expected: "a number or an autoscaling object",
                           found: value.kindDescription)
        }
        try reader.checkKeys(["min", "max", "metric", "scale_up_at", "scale_down_at", "cooldown_s", "cold_start_s"])
        var policy = AutoscalePolicy()
        policy.min = try reader.int("min", min: 0, max: 10_000) ?? policy.min
        policy.max = try reader.int("max", min: 1, max: 10_000) ?? Swift.max(policy.min, 1)
        if policy.max < Swift.max(policy.min, 1) {
            throw .badPlan(file: reader.file, path: reader.base + ".max", expected: "at least min (\(policy.min)) and 1",
                           found: "\(policy.max)")
        }
        if let metric = try reader.string("metric") {
            guard let parsed = AutoscalePolicy.Metric(rawValue: metric) else {
                throw .unknown("autoscaling metric", metric, in: "\(reader.file): '\(reader.base).metric'",
                               known: AutoscalePolicy.Metric.allCases.map(\.rawValue))
            }
            policy.metric = parsed
        }
        policy.scaleUpAt = try reader.number("scale_up_at", min: 0, max: 1e9) ?? policy.scaleUpAt
        policy.scaleDownAt = try reader.number("scale_down_at", min: 0, max: 1e9) ?? policy.scaleDownAt
        if policy.scaleDownAt >= policy.scaleUpAt {
            throw .badPlan(file: reader.file, path: reader.base + ".scale_down_at",
                           expected: "less than scale_up_at (\(policy.scaleUpAt))", found: "\(policy.scaleDownAt)")
        }
        policy.cooldown = try reader.number("cooldown_s", min: 0, max: 86_400) ?? policy.cooldown
        policy.coldStart = try reader.number("cold_start_s", min: 0, max: 86_400) ?? policy.coldStart
        return .autoscale(policy)
    }
}
