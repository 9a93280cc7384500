/// What a report's baseline is, so reports choose their wording from a value rather than from a sentence.
public enum BaselineSource: Sendable, Equatable, CustomStringConvertible {
    /// The plan compared with itself: a forecast, not a change.
    case itself
    /// Another plan file, as named on the command line.
    case basePlan(String)
    /// The plan at a git ref (`origin/main`).
    case gitRef(String)
    /// The plan as committed, against its what-if variants.
    case committed
    /// No plan at the git ref (the pull request adds it): the traffic as recorded, each request on its
    /// recorded model, with the head plan's prompt sizes, prices and forecast settings.
    case noPlanAt(String)

    /// The baseline in words: "the plan at origin/main".
    public var description: String {
        switch self {
        case .itself: return "the plan itself"
        case .basePlan(let path): return "the plan \(path)"
        case .gitRef(let ref): return "the plan at \(ref)"
        case .committed: return "the plan as committed"
        case .noPlanAt(let ref): return "the traffic as recorded (there is no plan at \(ref) yet)"
        }
    }
}
