/// How many replicas serve a deployment: a fixed count or an autoscaling policy.
public enum ReplicaPolicy: Sendable, Equatable {
    /// Always this many replicas.
    case fixed(Int)
    /// Replicas added and removed by an autoscaler.
    case autoscale(AutoscalePolicy)

    /// Whether the fleet keeps a fixed number of replicas.
    public var isFixed: Bool {
        if case .fixed = self { return true }
        return false
    }

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
}
