/// A budget or threshold the plan enforces.
public struct Policy: Sendable, Equatable {
    /// The name shown in reports.
    public var name: String
    /// What is measured.
    public var metric: PolicyMetric
    /// Upper limit, if any.
    public var max: Double?
    /// Lower limit, if any.
    public var min: Double?
    /// Restricts the measurement to records whose route, model or tag equals each value.
    public var filter: [(key: String, value: String)]
    /// What a breach does.
    public var severity: Severity

    /// What a breached policy does to the build.
    public enum Severity: String, Sendable, CaseIterable {
        case fail
        case warn
    }

    public static func == (lhs: Policy, rhs: Policy) -> Bool {
        lhs.name == rhs.name && lhs.metric == rhs.metric && lhs.max == rhs.max && lhs.min == rhs.min
            && lhs.severity == rhs.severity && lhs.filter.map(\.key) == rhs.filter.map(\.key)
            && lhs.filter.map(\.value) == rhs.filter.map(\.value)
    }

    /// The filter as `key=value` text, for reports.
    public var filterDescription: String {
        filter.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
    }
}
