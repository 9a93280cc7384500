/// The baseline when `--base-ref` has no plan yet: the pull request that adds `costgate.json` is compared
/// with what the recorded traffic already costs, not with $0 and not with an error.
extension CheckCommand {
    /// `head` with every route reset to the recorded model (keeping only its prompt size, so prompts compare
    /// equal), and without deployments, policies or candidates; traffic, prices, quality scores, rate limits
    /// and forecast settings stay the head's, read from the work tree.
    static func recordedTraffic(of head: LoadedPlan) throws(CostGateError) -> LoadedPlan {
        guard case .object(let members) = head.plan.raw else { return head }
        var kept: [(key: String, value: JSONValue)] = []
        for member in members where !["deployments", "policies", "candidates"].contains(member.key) {
            guard member.key == "routes", case .object(let routes) = member.value else {
                kept.append(member)
                continue
            }
            let prompts: [(key: String, value: JSONValue)] = routes.map { route in
                guard case .object(let fields) = route.value else { return (route.key, .object([])) }
                return (route.key, .object(fields.filter { $0.key == "prompt_tokens" || $0.key == "prompt_file" }))
            }
            kept.append((member.key, .object(prompts)))
        }
        var base = head
        base.plan = try PlanParser.parse(.object(kept), file: "\(head.plan.file) (routes as recorded)")
        return try base.resolvingCalibrations()
    }
}
