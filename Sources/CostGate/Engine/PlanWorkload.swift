/// One route of a plan as load for the serving simulator (`costgate rightsize`).
enum PlanWorkload {
    /// The route's replayed requests at the forecast load, its deployment if it is self-hosted, the hosted API's
    /// cost per request if it is priced by tokens, and the factor that turns the sample window into a month.
    static func requests(planPath: String, route: String, currentDirectory: String, progress: (@Sendable (String) -> Void)?) throws
        -> (requests: [SimRequest], deployment: Deployment?, apiCostPerRequest: Double?, monthScale: Double)
    {
        let (root, path) = try PlanLoader.locate(planPath, currentDirectory: currentDirectory)
        let loaded = try PlanLoader.load(path, from: .workTree(root: root))
        var engine = Evaluator(options: Evaluator.Options(skipBadRecords: false, progress: progress))
        let traffic = try engine.traffic(for: loaded)
        let plan = loaded.plan
        guard let routeID = traffic.strings.id(of: route), traffic.records.contains(where: { $0.route == routeID }) else {
            let routes = Set(traffic.records.map(\.route)).map { traffic.strings[$0] }
            throw CostGateError.unknown("route", route, in: "--route (routes in \(traffic.source))", known: routes.sorted())
        }
        let prompts = try PromptResolver.sizes(for: loaded, countingWith: loaded)
        let replay = try Replayer.replay(traffic, plan: plan, name: "plan", catalog: plan.catalog, prompts: prompts,
                                         reference: plan, referencePrompts: prompts)
        let scaling = try Forecaster.scaling(traffic: traffic, plan: plan)
        let indices = traffic.records.indices.filter { traffic.records[$0].route == routeID }
        let config = plan.routeConfig(for: route)
        // The parser has checked that every route's deployment exists.
        let deployment = config.deployment.flatMap(plan.deployment(named:))
        let requests = try ServingForecaster.expand(traffic: traffic, replay: replay, indices: indices, growth: 1 + plan.forecast.growth,
                                                    meanGap: scaling.windowSeconds / Double(max(1, traffic.records.count)),
                                                    limitContext: (plan.file, "routes.\(route)"), service: deployment?.service)
        var apiCost: Double?
        if config.deployment == nil {
            var cost = PreciseSum()
            var weight = PreciseSum()
            for index in indices {
                cost.add(replay.weights[index], times: Double(replay.picodollars[index]) * 1e-12)
                weight.add(replay.weights[index])
            }
            apiCost = weight.value > 0 ? cost.value / weight.value : nil
        }
        return (requests, deployment, apiCost, scaling.days * 86_400 / scaling.windowSeconds)
    }
}
