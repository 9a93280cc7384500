import Dispatch
public import Foundation
import Synchronization

/// Runs a comparison from loaded plans: reads traffic, replays each side, forecasts, compares and checks policies.
public struct Evaluator {
    /// Options that change how the evaluator reads and reports.
    public struct Options: Sendable {
        public var skipBadRecords = false
        public var failOnWarn = false
        /// Receives a short line for each stage of long work (shown on a terminal only).
        public var progress: (@Sendable (String) -> Void)?
        /// Reads standard input, for a traffic path `-`; nil when there is none to read.
        public var readStdin: (@Sendable () -> Data)?
        /// Whether a sample may be read a block at a time when the plans allow it (`StreamingEvaluator`), and the bytes
        /// of a block; tests turn it off, or make blocks small, to compare the two ways.
        var readsBlocks = true
        var blockBytes = StreamingEvaluator.blockBytes
        public init() {}

        /// Options with the given switches; `progress`, when given, receives each stage of long work.
        public init(skipBadRecords: Bool, failOnWarn: Bool = false, progress: (@Sendable (String) -> Void)?,
                    readStdin: (@Sendable () -> Data)? = nil) {
            self.skipBadRecords = skipBadRecords
            self.failOnWarn = failOnWarn
            self.progress = progress
            self.readStdin = readStdin
        }
    }

    let options: Options
    /// Samples already read, by (commit or work tree, repository path, spec): both sides of a check usually
    /// name the same file, and it is read once.
    /// Each sample read, with the minutes of its timestamps, found once for every side that reads it.
    private var trafficCache: [(key: String, spec: TrafficSpec, traffic: Traffic, window: SharedRecordedWindow)] = []
    /// Standard input, read at most once (both sides may name `-`).
    private var standardInput: Data?

    /// Creates an evaluator.
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
                                  baselineSource: BaselineSource) throws(CostGateError) -> Evaluation {
        defer { options.progress?("") }
        // Reading and prompt counting touch files and caches, so they run in order; the sides then replay,
        // simulate and forecast in parallel, each into its own slot, and are merged in side order.
        let basePrompts = try PromptResolver.sizes(for: baseline.loaded, countingWith: baseline.loaded)
        var prompts = [(prompts: basePrompts, reference: basePrompts)]
        for side in candidates {
            prompts.append((try PromptResolver.sizes(for: side.loaded, countingWith: side.loaded),
                            try PromptResolver.sizes(for: baseline.loaded, countingWith: side.loaded)))
        }
        let reference = baseline.loaded.plan
        let sides = [baseline] + candidates
        var contexts: [PolicyContext] = []
        // The baseline as replayed: a fleet fitted on the traffic (`fittingOnTraffic`) is backtested as fitted.
        var replayedBaseline = reference
        if options.readsBlocks, let sample = try StreamingEvaluator.sample(for: sides.map(\.loaded), policies: policySource.plan.policies) {
            // Nothing needs the records twice: the sample is read a block at a time, each block replayed on every side.
            options.progress?("costgate: reading \(reference.traffic.path) and forecasting \(sides.count) plans…")
            contexts = try StreamingEvaluator(sides: sides, prompts: prompts, policies: policySource.plan.policies, options: options,
                                              blockBytes: options.blockBytes).contexts(file: sample)
        } else {
            var jobs: [SideJob] = []
            for (side, sizes) in zip(sides, prompts) {
                let (traffic, window) = try read(for: side.loaded)
                jobs.append(SideJob(side: side, traffic: traffic, prompts: sizes.prompts, referencePrompts: sizes.reference, window: window))
            }
            jobs = try Self.fittingOnTraffic(jobs, progress: options.progress)
            replayedBaseline = jobs[0].side.loaded.plan
            options.progress?("costgate: replaying and forecasting \(jobs.count) plans…")
            // Latency samples are kept only for the policies that summarize a subset of them.
            let keepingSamples = policySource.plan.policies.contains { $0.metric.isLatency && !$0.filter.isEmpty }
            let outcomes = Mutex([Result<PolicyContext, CostGateError>?](repeating: nil, count: jobs.count))
            let work = jobs
            DispatchQueue.concurrentPerform(iterations: work.count) { index in
                let outcome = Result { () throws(CostGateError) -> PolicyContext in try Self.forecastSide(work[index], reference: reference, keepingSamples: keepingSamples) }
                outcomes.withLock { $0[index] = outcome }
            }
            for outcome in outcomes.withLock({ $0 }) { contexts.append(try outcome!.get()) }
        }

        var warnings: [String] = contexts.flatMap(\.replay.warnings) + contexts.flatMap(\.forecast.prices.warnings)
        let baseContext = contexts[0]
        var results: [Evaluation.Candidate] = []
        for (index, side) in candidates.enumerated() {
            let context = contexts[index + 1]
            results.append(.init(forecast: context.forecast, comparison: Comparison.compare(candidate: context, baseline: baseContext),
                                 promptChanges: context.replay.promptChanges,
                                 breakEven: Self.breakEven(base: reference, head: side.loaded.plan, baseForecast: baseContext.forecast,
                                                           headForecast: context.forecast)))
        }
        // Each policy and candidate is measured on its own, in parallel; results (and the first error) keep their order.
        let pairs = policySource.plan.policies.flatMap { policy in candidates.indices.map { (policy: policy, candidate: $0) } }
        let measured = Mutex([Result<Evaluation.PolicyResult, CostGateError>?](repeating: nil, count: pairs.count))
        let measuredContexts = contexts
        let planFile = policySource.plan.file
        DispatchQueue.concurrentPerform(iterations: pairs.count) { index in
            let (policy, candidate) = pairs[index]
            let outcome = Result { () throws(CostGateError) -> Evaluation.PolicyResult in
                try PolicyEvaluator.evaluate(policy, candidate: measuredContexts[candidate + 1], name: candidates[candidate].name,
                                             baseline: measuredContexts[0], planFile: planFile)
            }
            measured.withLock { $0[index] = outcome }
        }
        var policyResults: [Evaluation.PolicyResult] = []
        for outcome in measured.withLock({ $0 }) { policyResults.append(try outcome!.get()) }
        let backtests = try Backtester.run(traffic: baseContext.traffic, replay: baseContext.replay, plan: replayedBaseline,
                                           windowSeconds: baseContext.forecast.scaling.windowSeconds)
        var seen = Set<String>()
        warnings = warnings.filter { seen.insert($0).inserted }
        return Evaluation(command: command, baseline: baseContext.forecast, candidates: results, policies: policyResults,
                          warnings: warnings, skippedRecords: baseContext.traffic.skipped.count, trafficSource: baseContext.traffic.source,
                          baselineSource: baselineSource, failOnWarn: options.failOnWarn, backtests: backtests)
    }

    /// What one side needs to be forecast, gathered before the parallel part.
    struct SideJob: Sendable {
        var side: Side
        var traffic: Traffic
        var prompts: PromptSizes
        var referencePrompts: PromptSizes
        /// The minutes of `traffic`'s timestamps, shared by the sides that read the same sample.
        var window = SharedRecordedWindow()
    }

    /// Replays, simulates and forecasts one side.
    private static func forecastSide(_ job: SideJob, reference: Plan, keepingSamples: Bool) throws(CostGateError) -> PolicyContext {
        let plan = job.side.loaded.plan
        let replay = try Replayer.replay(job.traffic, plan: plan, name: job.side.name, catalog: plan.catalog,
                                         prompts: job.prompts, reference: reference, referencePrompts: job.referencePrompts)
        let traffic = job.traffic
        let scaling = try Forecaster.scaling(records: traffic.records.count, timeSpan: traffic.timeSpan, coveredSeconds: traffic.coveredSeconds,
                                             plan: plan, sample: traffic.source) { job.window.window(of: traffic) }
        var serving = try ServingForecaster.forecast(traffic: job.traffic, replay: replay, plan: plan, scaling: scaling,
                                                     keepingSamples: keepingSamples)
        replay.architecture?.addStoreCosts(to: &serving, weights: replay.weights, scaling: scaling)
        var forecast = Forecaster.forecast(replay, traffic: job.traffic, scaling: scaling, extraCost: serving.extraCost,
                                           fixedCost: serving.fixedCost)
        forecast.serving = serving
        forecast.prices = PriceFacts.gather(plan: plan, catalog: replay.catalog, traffic: job.traffic, replay: replay, forecast: forecast)
        if let figure = forecast.firstNonFiniteFigure { throw .notFinite(plan: plan.file, figure: figure) }
        return PolicyContext(replay: replay, traffic: job.traffic, forecast: forecast)
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

    /// Reads (once per distinct file content and spec) the traffic a plan names.
    public mutating func traffic(for loaded: LoadedPlan) throws(CostGateError) -> Traffic {
        try read(for: loaded).traffic
    }

    /// The sample `loaded` reads, read once for every plan that reads the same files the same way, and the memo of
    /// the minutes its timestamps fall in.
    private mutating func read(for loaded: LoadedPlan) throws(CostGateError) -> (traffic: Traffic, window: SharedRecordedWindow) {
        let spec = loaded.plan.traffic
        let files = try loaded.trafficFiles()
        let key = loaded.source.root + "@" + (loaded.source.commit ?? "work tree") + ":" + files.joined(separator: "\n")
        if let cached = trafficCache.first(where: { $0.key == key && $0.spec == spec }) { return (cached.traffic, cached.window) }
        options.progress?("costgate: reading \(spec.path)…")
        if files.contains("-") && standardInput == nil {
            guard let readStdin = options.readStdin else { throw .io(path: "-", reason: "standard input is not available to this command") }
            standardInput = readStdin()
        }
        let input = standardInput ?? Data()
        let traffic = try loaded.readTraffic(files, skipBadRecords: options.skipBadRecords) { () throws(CostGateError) -> Data in input }
        let window = SharedRecordedWindow()
        trafficCache.append((key, spec, traffic, window))
        return (traffic, window)
    }
}
