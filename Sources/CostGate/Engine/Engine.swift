import Foundation

/// Runs a comparison from loaded plans: reads traffic, replays each side, forecasts, compares and checks policies.
public struct Engine {
    /// Options that change how the engine reads and reports.
    public struct Options: Sendable {
        public var skipBadRecords = false
        public var failOnWarn = false
        /// Receives a short line for each stage of long work (shown on a terminal only).
        public var progress: (@Sendable (String) -> Void)?
        public init() {}

        /// Options from a command's flags, with progress on stderr when the context allows it.
        init(skipBadRecords: Bool, failOnWarn: Bool = false, context: CommandContext) {
            self.skipBadRecords = skipBadRecords
            self.failOnWarn = failOnWarn
            if context.showsProgress {
                let stderr = context.stderr
                progress = { stderr("\r\u{1B}[K" + $0) }
            }
        }
    }

    let options: Options
    /// Samples already read, by (commit or work tree, repository path, spec): both sides of a check usually
    /// name the same file, and it is read once.
    private var trafficCache: [(key: String, spec: TrafficSpec, traffic: Traffic)] = []

    /// Creates an engine.
    public init(options: Options) { self.options = options }

    /// One side to replay: a plan and its name.
    public struct Side: Sendable {
        public var name: String
        public var loaded: LoadedPlan
        public init(name: String, loaded: LoadedPlan) {
            self.name = name
            self.loaded = loaded
        }
    }

    /// Evaluates `candidates` against `baseline`, with the policies of `policySource` (the head plan).
    public mutating func evaluate(command: String, baseline: Side, candidates: [Side], policySource: LoadedPlan,
                                  baselineDescription: String) throws(CostGateError) -> Evaluation {
        var warnings: [String] = []
        defer { options.progress?("") }
        let baseTraffic = try traffic(for: baseline.loaded)
        let basePrompts = try PromptResolver.sizes(for: baseline.loaded, countingWith: baseline.loaded)
        let baseReplay = try replay(baseline, traffic: baseTraffic, prompts: basePrompts, reference: baseline.loaded.plan, referencePrompts: basePrompts)
        warnings += baseReplay.warnings
        let baseScaling = try Forecaster.scaling(traffic: baseTraffic, plan: baseline.loaded.plan)
        let baseServing = try ServingForecaster.forecast(traffic: baseTraffic, replay: baseReplay, plan: baseline.loaded.plan, scaling: baseScaling)
        var baseForecast = Forecaster.forecast(baseReplay, traffic: baseTraffic, scaling: baseScaling, extraCost: baseServing.extraCost)
        baseForecast.serving = baseServing
        let baseContext = PolicyContext(replay: baseReplay, traffic: baseTraffic, forecast: baseForecast)

        var results: [Evaluation.Candidate] = []
        var contexts: [PolicyContext] = []
        for side in candidates {
            let sideTraffic = try traffic(for: side.loaded)
            options.progress?("costgate: replaying \(sideTraffic.records.count) records under \(side.name)…")
            let referencePrompts = try PromptResolver.sizes(for: baseline.loaded, countingWith: side.loaded)
            let sidePrompts = try PromptResolver.sizes(for: side.loaded, countingWith: side.loaded)
            let sideReplay = try replay(side, traffic: sideTraffic, prompts: sidePrompts, reference: baseline.loaded.plan, referencePrompts: referencePrompts)
            warnings += sideReplay.warnings
            let scaling = try Forecaster.scaling(traffic: sideTraffic, plan: side.loaded.plan)
            options.progress?("costgate: simulating serving under \(side.name)…")
            let serving = try ServingForecaster.forecast(traffic: sideTraffic, replay: sideReplay, plan: side.loaded.plan, scaling: scaling)
            var forecast = Forecaster.forecast(sideReplay, traffic: sideTraffic, scaling: scaling, extraCost: serving.extraCost)
            forecast.serving = serving
            let context = PolicyContext(replay: sideReplay, traffic: sideTraffic, forecast: forecast)
            let delta = Comparison.delta(candidate: context, baseline: baseContext)
            results.append(.init(forecast: forecast, delta: delta, promptChanges: sideReplay.promptChanges,
                                 breakEven: Self.breakEven(base: baseline.loaded.plan, head: side.loaded.plan, baseForecast: baseForecast, headForecast: forecast)))
            contexts.append(context)
        }
        var policyResults: [Evaluation.PolicyResult] = []
        for policy in policySource.plan.policies {
            for (index, side) in candidates.enumerated() {
                policyResults.append(try PolicyEvaluator.evaluate(policy, candidate: contexts[index], name: side.name,
                                                                  baseline: baseContext, planFile: policySource.plan.file))
            }
        }
        var seen = Set<String>()
        let unique = warnings.filter { seen.insert($0).inserted }
        return Evaluation(command: command, baseline: baseForecast, candidates: results, policies: policyResults,
                          warnings: unique, skippedRecords: baseTraffic.skipped.count, trafficSource: baseTraffic.source,
                          baselineDescription: baselineDescription, failOnWarn: options.failOnWarn)
    }

    /// Break-even volumes for routes that leave a token API for a fleet.
    static func breakEven(base: Plan, head: Plan, baseForecast: Forecast, headForecast: Forecast) -> [Evaluation.BreakEven] {
        var result: [Evaluation.BreakEven] = []
        for (route, config) in head.routes.sorted(by: { $0.key < $1.key }) where route != "*" {
            guard let deployment = config.deployment, base.routeConfig(for: route).deployment == nil,
                  let before = baseForecast.byRoute.first(where: { $0.name == route }), before.requests > 0, before.monthlyCost > 0,
                  let after = headForecast.byRoute.first(where: { $0.name == route }) else { continue }
            let perRequest = before.monthlyCost / before.requests
            result.append(.init(route: route, deployment: deployment, apiCostPerRequest: perRequest, fleetMonthlyCost: after.monthlyCost,
                                breakEvenRequests: after.monthlyCost / perRequest, forecastRequests: after.requests))
        }
        return result
    }

    private func replay(_ side: Side, traffic: Traffic, prompts: PromptSizes, reference: Plan, referencePrompts: PromptSizes) throws(CostGateError) -> Replay {
        var catalog = PriceCatalog.builtIn
        for model in side.loaded.plan.models { catalog.add(model) }
        return try Replayer.replay(traffic, plan: side.loaded.plan, name: side.name, catalog: catalog,
                                   prompts: prompts, reference: reference, referencePrompts: referencePrompts)
    }

    /// Reads (once per distinct file content and spec) the traffic a plan names.
    public mutating func traffic(for loaded: LoadedPlan) throws(CostGateError) -> Traffic {
        let spec = loaded.plan.traffic
        let key = (loaded.source.commit ?? "work tree") + ":" + (try loaded.repositoryPath(spec.path))
        if let cached = trafficCache.first(where: { $0.key == key && $0.spec == spec }) { return cached.traffic }
        options.progress?("costgate: reading \(spec.path)…")
        let (data, display) = try loaded.readFile(spec.path)
        var traffic = try TrafficReader.read(data, spec: spec, file: display, skipBadRecords: options.skipBadRecords)
        traffic.source = display
        trafficCache.append((key, spec, traffic))
        return traffic
    }
}
