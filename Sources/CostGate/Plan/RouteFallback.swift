/// A route's fallback model (`routes.<route>.fallback`): where requests go when the primary model rate-limits
/// them or fails.
public struct RouteFallback: Sendable, Equatable {
    /// What sends a request to the fallback.
    public enum Trigger: String, Sendable, CaseIterable {
        /// The forecast load above the primary model's `rate_limits` in a minute.
        case rateLimit = "rate_limit"
        /// A recorded failure (`status: error`), retried on the fallback.
        case error
    }

    /// The fallback model id (a catalog id, alias or a plan model).
    public var model: String
    /// The triggers, in plan order.
    public var on: [Trigger]

    /// Creates a fallback.
    public init(model: String, on: [Trigger] = [.rateLimit, .error]) {
        self.model = model
        self.on = on
    }

    /// Parses `{"model": id, "on": ["rate_limit", "error"]}` (`on` defaults to both).
    static func parse(_ object: inout PlanObject) throws(CostGateError) -> RouteFallback {
        try object.rejectUnknownKeys(["model", "on"])
        guard let model = try object.string("model") else {
            throw object.error(at: "model", expected: "the fallback model id", found: "nothing")
        }
        var triggers: [Trigger] = []
        if let value = object.value("on") {
            guard let list = value.arrayValue, !list.isEmpty else {
                throw object.error(at: "on", expected: "a non-empty list of \"rate_limit\" and \"error\"", found: value.kindDescription)
            }
            for (index, element) in list.enumerated() {
                guard let text = element.stringValue, let trigger = Trigger(rawValue: text) else {
                    throw .unknown("fallback trigger", element.stringValue ?? element.kindDescription,
                                   in: "\(object.file): '\(object.childPath("on"))[\(index)]'", known: Trigger.allCases.map(\.rawValue))
                }
                if !triggers.contains(trigger) { triggers.append(trigger) }
            }
        } else {
            triggers = Trigger.allCases
        }
        return RouteFallback(model: model, on: triggers)
    }
}
