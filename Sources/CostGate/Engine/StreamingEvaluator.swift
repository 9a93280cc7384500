import Dispatch
import Foundation
import Synchronization

/// A check that reads its sample a block at a time and keeps no record: each block is replayed on every side and added
/// to running sums (`ForecastSums`, `Interval.Sums`, `ChangeDecomposition.RouteSums`, `ServingForecaster.HostedLatency`,
/// `PriceDrift.Sums`, each policy's subset and each candidate's paired change), then dropped. Memory is then a block's
/// records and their replays, whatever the sample's size, plus each recorded latency (28 bytes a record, shared by the
/// sides) for calibrating the hosted profiles.
///
/// Every sum is added in record order, as a whole read adds it, and the tables of names grow in the order names first
/// appear, as a whole read builds them: the report is the one the whole sample gives, byte for byte (the tests compare
/// both on every scenario). Plans that need the records in arrival order or more than once (self-hosted fleets,
/// backtests, routers and semantic caches, fallbacks, prompt caching, rate limits, usage rows, joins, several traffic
/// files, standard input, or sides reading different bytes) and policies that need a record's samples (a latency
/// percentile with `where`, outcomes and router tiers) keep the whole sample in memory (`Evaluator`).
struct StreamingEvaluator {
    let sides: [Evaluator.Side]
    let prompts: [(prompts: PromptSizes, reference: PromptSizes)]
    let policies: [Policy]
    let options: Evaluator.Options
    /// Bytes of traffic per block; tests make it small to cut a sample into many blocks.
    let blockBytes: Int

    /// The default bytes per block: about 100,000 records of a typical log, whose replays (about 80 bytes a record and
    /// side) stay near the caches. Blocks of 64 MiB were 10% slower on 1M records, and of 4 MiB slower again (each
    /// block prepares its replay afresh).
    static let blockBytes = 16 << 20

    /// The one traffic file every side reads, when the check can read it a block at a time; nil when it needs the whole
    /// sample in memory.
    struct Sample {
        /// Where to read it, and its repository-relative path.
        var source: FileSource
        var path: String
        /// Its name in each side's report and messages (a `--base-ref` side names its commit: `HEAD~1:traffic.jsonl`).
        var names: [String]
    }

    /// The sample every plan reads, when they all read one file the same way (the same bytes, in the work tree or at
    /// a commit) and nothing in them or in `policies` needs the whole sample; nil otherwise.
    static func sample(for plans: [LoadedPlan], policies: [Policy]) throws(CostGateError) -> Sample? {
        guard let first = plans.first, policies.allSatisfy(supports) else { return nil }
        let files = try first.trafficFiles()
        guard files.count == 1, files[0] != "-" else { return nil }
        for loaded in plans {
            guard loaded.plan.traffic == first.plan.traffic, loaded.source.root == first.source.root, try loaded.trafficFiles() == files,
                  readsBlocks(loaded.plan) else { return nil }
        }
        // Read from the work tree when a side does, else from the first side's commit; every other source must hold the
        // same bytes (git's object id of the raw bytes, without filters), as a whole read of each would see.
        let source = plans.first { $0.source.commit == nil }?.source ?? first.source
        let blob = { (from: FileSource) throws(CostGateError) -> String in
            try Git.run(from.commit.map { ["rev-parse", "--verify", "--quiet", "\($0):\(files[0])"] }
                        ?? ["hash-object", "--no-filters", "--", files[0]], in: from.root).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var commits = Set(plans.map(\.source.commit))
        commits.remove(source.commit)
        if !commits.isEmpty {
            do throws(CostGateError) {
                let reference = try blob(source)
                for commit in commits {
                    guard try blob(FileSource(root: source.root, commit: commit, label: "")) == reference else { return nil }
                }
            } catch {
                return nil
            }
        }
        return Sample(source: source, path: files[0], names: plans.map { $0.source.displayPath(files[0]) })
    }

    /// Whether nothing in `plan` needs the records in arrival order or more than once.
    static func readsBlocks(_ plan: Plan) -> Bool {
        guard plan.deployments.isEmpty, plan.rateLimits.isEmpty, !plan.traffic.format.isAggregate, plan.traffic.join == nil else { return false }
        return plan.routes.values.allSatisfy { route in
            route.deployment == nil && route.router == nil && route.semanticCache == nil && route.fallback == nil && route.promptCache == nil
        }
    }

    /// Whether `policy` can be measured from sums: not a latency percentile of a subset, outcomes or router tiers (a
    /// rate-limit share reads the plan's `rate_limits`, which keep the whole read, so here it has none to measure).
    static func supports(_ policy: Policy) -> Bool {
        guard !policy.filter.contains(where: { $0.key == "tier" }) else { return false }
        switch policy.metric {
        case .monthlyCost, .monthlyCostHigh, .monthlyCostLow, .monthlyCostDelta, .monthlyCostDeltaPct, .costPerRequest, .costPerQuality,
             .costPerQualityDeltaPct, .quality, .requests, .gpuUtilization, .priceDriftPct, .peakTPMShare, .peakRPMShare:
            return true
        case .ttftP50, .ttftP95, .ttftP99, .tpotP50, .tpotP95, .tpotP99, .e2eP50, .e2eP95, .e2eP99:
            return policy.filter.isEmpty
        case .costPerSuccess, .costPerSuccessDeltaPct, .tierCost, .tierQuality, .tierCostPerQuality:
            return false
        }
    }

    /// Reads `file` a block at a time and returns each side's context, baseline first.
    func contexts(file: Sample) throws(CostGateError) -> [PolicyContext] {
        // A whole read reads the baseline's first: its errors name the baseline's file.
        let name = file.names[0]
        let data = try file.source.read(file.path, namedIn: sides[0].loaded.plan.file)
        var sample = Traffic()
        sample.source = name
        var interner = TagSetInterner()
        let filters = Self.filters(of: policies)
        var states = sides.map { SideState(catalog: $0.loaded.plan.catalog, filters: filters.count) }
        // What the blocks add to besides the sides' states: the paired change, the span and routes of the records,
        // the minutes their timestamps fall in (kept only when a side's window is their span) and the recorded
        // latencies. They are added on the sides' threads, beside their folds (`Bookkeeping`).
        let book = Bookkeeping(candidates: sides.count - 1,
                               keepsMinutes: sides.contains { Forecaster.windowFromTimestamps($0.loaded.plan, coveredSeconds: nil) })
        var records = 0
        try TrafficReader.readBlocks(data, spec: sides[0].loaded.plan.traffic, file: name, skipBadRecords: options.skipBadRecords,
                                     blockBytes: blockBytes) { (block: consuming Traffic) throws(CostGateError) in
            let view = sample.adopt(consume block, interner: &interner)
            let strings = sample.strings.strings.count
            // The previous block's values, for the paired change, before the folds overwrite them.
            let previous = states.map(\.blockValues)
            let failures = SideFailures(count: sides.count)
            let offset = records
            states.withUnsafeMutableBufferPointer { buffer in
                // Each side adds to its own state only; the first side's thread then adds the recorded latencies, and
                // the last side's the paired change of the block before and this block's span, routes and minutes.
                let shared = SharedStates(buffer: buffer)
                DispatchQueue.concurrentPerform(iterations: sides.count) { index in
                    do throws(CostGateError) {
                        var sideView = view
                        sideView.source = file.names[index]
                        try shared.buffer[index].add(sideView, side: sides[index], prompts: prompts[index], reference: sides[0].loaded.plan,
                                                     filters: filters, recordOffset: offset)
                    } catch {
                        failures.record(error, at: index)
                    }
                    if index == 0 { book.addEvidence(view) }
                    if index == sides.count - 1 {
                        book.addPaired(previous)
                        book.addTimes(view, strings: strings)
                    }
                }
            }
            if let failure = failures.first { throw failure }
            records += view.records.count
        }
        book.addPaired(states.map(\.blockValues))
        let (paired, span, isRoute, recorded, evidence) = (book.paired, book.span, book.isRoute, book.recorded, book.evidence)
        guard records > 0 else {
            var reason = "no readable records in \(name)"
            if let first = sample.skipped.examples.first { reason += " (\(sample.skipped.count) skipped; the first: \(first))" }
            throw .io(path: name, reason: reason)
        }
        let routeNames = isRoute.indices.filter { isRoute[$0] }.map { sample.strings[Int32($0)] }
        // Each side finishes on its own (its latency profiles, intervals and price facts), in parallel; the first
        // error in side order is the one a side-by-side loop would have thrown.
        let outcomes = Mutex([Result<PolicyContext, CostGateError>?](repeating: nil, count: sides.count))
        let finished = (sample: sample, recorded: recorded, evidence: evidence, paired: paired, span: span, records: records)
        states.withUnsafeMutableBufferPointer { buffer in
            let shared = SharedStates(buffer: buffer)
            DispatchQueue.concurrentPerform(iterations: sides.count) { index in
                let outcome = Result { () throws(CostGateError) -> PolicyContext in
                    let side = sides[index]
                    let scaling = try Forecaster.scaling(records: finished.records, timeSpan: finished.span, coveredSeconds: nil, plan: side.loaded.plan,
                                                         sample: file.names[index]) { finished.recorded }
                    let pairedChange = index == 0 ? nil
                        : finished.paired[index - 1].estimate(confidence: scaling.confidence, replicates: scaling.replicates, seed: scaling.seed)
                    var named = finished.sample
                    named.source = file.names[index]
                    return try shared.buffer[index].context(side: side, sample: named, scaling: scaling, routeNames: routeNames, filters: filters,
                                                            pairedChange: pairedChange, lastTimestamp: finished.span?.latest,
                                                            evidence: finished.evidence)
                }
                outcomes.withLock { $0[index] = outcome }
            }
        }
        return try outcomes.withLock { $0 }.map { outcome throws(CostGateError) in try outcome!.get() }
    }

    /// The distinct filters of the policies with one, in policy order.
    static func filters(of policies: [Policy]) -> [[(key: String, value: String)]] {
        var seen = Set<String>()
        return policies.map(\.filter).filter { !$0.isEmpty && seen.insert(PolicyContext.key(of: $0)).inserted }
    }

    /// What every block adds to besides the sides' states. The first side's thread adds to `evidence` and the last
    /// side's to the rest, each while the other folds its side, so the two never touch the same property; each sum
    /// is still added in record order, block after block, as a whole read adds it.
    private final class Bookkeeping: @unchecked Sendable {
        private(set) var paired: [Interval.Sums]
        private(set) var span: (earliest: Double, latest: Double)?
        /// Per string id, whether a record's route names it.
        private(set) var isRoute: [Bool] = []
        private(set) var recorded = RecordedWindow()
        private(set) var evidence = ServingForecaster.HostedLatency.Evidence()
        private let keepsMinutes: Bool

        init(candidates: Int, keepsMinutes: Bool) {
            paired = [Interval.Sums](repeating: Interval.Sums(), count: candidates)
            self.keepsMinutes = keepsMinutes
        }

        func addEvidence(_ view: Traffic) {
            evidence.add(view)
        }

        /// Adds each candidate's change from the baseline, record by record, of a block all sides have folded
        /// (`values` holds each side's `blockValues`, baseline first; empty before the first block).
        func addPaired(_ values: [[Double]]) {
            guard let base = values.first else { return }
            // Taken out of the property while adding, so that each addition is not a checked access to it.
            var sums = paired
            paired = []
            for candidate in sums.indices {
                let candidateValues = values[candidate + 1]
                for index in candidateValues.indices { sums[candidate].add(candidateValues[index] - base[index]) }
            }
            paired = sums
        }

        /// Adds the span of the block's timestamps, its routes (`strings` is the sample's string count so far) and,
        /// when kept, the minutes its timestamps fall in.
        func addTimes(_ view: Traffic, strings: Int) {
            var routes = isRoute
            isRoute = []
            if routes.count < strings { routes += [Bool](repeating: false, count: strings - routes.count) }
            if var (earliest, latest) = span ?? view.records.first.map({ ($0.timestamp, $0.timestamp) }) {
                for record in view.records {
                    earliest = min(earliest, record.timestamp)
                    latest = max(latest, record.timestamp)
                    routes[Int(record.route)] = true
                }
                span = (earliest, latest)
            }
            isRoute = routes
            if keepsMinutes {
                var minutes = recorded
                recorded = RecordedWindow()
                for record in view.records { minutes.add(record.timestamp) }
                recorded = minutes
            }
        }
    }

    /// The first error of the sides replaying a block in parallel, in side order.
    private final class SideFailures: @unchecked Sendable {
        private let lock = NSLock()
        private var errors: [CostGateError?]

        init(count: Int) { errors = [CostGateError?](repeating: nil, count: count) }

        func record(_ error: CostGateError, at index: Int) {
            lock.lock()
            errors[index] = error
            lock.unlock()
        }

        var first: CostGateError? { errors.compactMap { $0 }.first }
    }

    /// The sides' states, each added to by its own thread.
    private struct SharedStates: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<SideState>
    }

    /// One side's running sums.
    private struct SideState {
        /// The side's catalog (`Plan.catalog`, kept here so each block does not go through its memo's lock).
        let catalog: PriceCatalog
        /// The side's model names (its slots), in the order they first appear, as a whole replay numbers them.
        var slotTable = StringTable()
        var slotNames: [String] { slotTable.strings }
        var sums = ForecastSums()
        var interval = Interval.Sums()
        var routeSums = ChangeDecomposition.RouteSums()
        var hosted: ServingForecaster.HostedLatency
        var tally = ServingForecaster.LatencyTally(records: 0, keepingSamples: false)
        var drift = PriceDrift.Sums()
        /// Warnings of the replay's own (prompt sizes), each once, and the prompt changes, each route once.
        var warnings: [String] = []
        var promptChanges: [Replay.PromptChange] = []
        var unpriced: [String: Int] = [:]
        var unavailableTiers: [[String]: Int] = [:]
        var subsets: [SubsetSums]
        /// The last block's weighted cost of each record, for the paired change.
        var blockValues: [Double] = []

        struct SubsetSums {
            var cost = PreciseSum()
            var requests = PreciseSum()
            var quality = QualityTally()
            var matched = 0
            var unpriced = 0
            var interval = Interval.Sums()
        }

        init(catalog: PriceCatalog, filters: Int) {
            self.catalog = catalog
            hosted = ServingForecaster.HostedLatency(catalog: catalog)
            subsets = [SubsetSums](repeating: SubsetSums(), count: filters)
        }

        /// Replays `view`, the next block, and adds it.
        mutating func add(_ view: Traffic, side: Evaluator.Side, prompts: (prompts: PromptSizes, reference: PromptSizes), reference: Plan,
                 filters: [[(key: String, value: String)]], recordOffset: Int) throws(CostGateError) {
            let plan = side.loaded.plan
            let replay: Replay
            do {
                replay = try Replayer.replay(view, plan: plan, name: side.name, catalog: catalog, prompts: prompts.prompts,
                                             reference: reference, referencePrompts: prompts.reference, warningsOnRecords: false)
            } catch {
                // The replay numbers a block's records from 1.
                guard case .badRecord(let file, let line, let field, let expected, let found) = error else { throw error }
                throw .badRecord(file: file, line: line + recordOffset, field: field, expected: expected, found: found)
            }
            let slots = replay.modelNames.map { slotTable.intern($0) }
            let slotNames = slotTable.strings
            for warning in replay.warnings where !warnings.contains(warning) { warnings.append(warning) }
            for change in replay.promptChanges where !promptChanges.contains(where: { $0.route == change.route }) { promptChanges.append(change) }
            for (name, count) in replay.unpricedRecords { unpriced[name, default: 0] += count }
            for (key, count) in replay.unavailableTierRecords { unavailableTiers[key, default: 0] += count }

            let values = Forecaster.costValues(replay)
            for index in values.indices {
                let record = view.records[index]
                let slot = slots[Int(replay.models[index])]
                let weight = replay.weights[index]
                sums.add(record, cost: values[index], weight: weight, inputTokens: replay.inputTokens[index],
                         outputTokens: replay.outputTokens[index], quality: replay.quality[index], billing: replay.billing[index])
                sums.addModel(slot, cost: values[index], weight: weight)
                interval.add(values[index])
                routeSums.add(route: record.route, replay: replay, index: index, slot: slot, extraCost: nil)
            }
            for (position, filter) in filters.enumerated() {
                let matcher = RecordFilter(filter, traffic: view, replay: replay)
                for index in values.indices {
                    guard matcher.matches(index) else {
                        subsets[position].interval.add(0)
                        continue
                    }
                    subsets[position].matched += 1
                    if replay.billing[index] == .unpriced { subsets[position].unpriced += 1 }
                    subsets[position].interval.add(values[index])
                    subsets[position].cost.add(values[index])
                    subsets[position].requests.add(replay.weights[index])
                    subsets[position].quality.add(score: replay.quality[index], weight: replay.weights[index])
                }
            }
            tally.startBlock(records: values.count)
            hosted.add(traffic: view, replay: replay, slots: slots, slotNames: slotNames, into: &tally)
            tally.closeBlock(weights: replay.weights)
            drift.add(traffic: view, replay: replay, slots: slots, slotNames: slotNames)
            blockValues = values
        }

        /// The side's context once every block is added: its forecast, latency, price facts, route totals and subsets.
        mutating func context(side: Evaluator.Side, sample: Traffic, scaling: Forecast.Scaling, routeNames: [String],
                     filters: [[(key: String, value: String)]], pairedChange: Interval.Estimate?,
                     lastTimestamp: Double?, evidence: ServingForecaster.HostedLatency.Evidence) throws(CostGateError) -> PolicyContext {
            let plan = side.loaded.plan
            let estimate = interval.estimate(confidence: scaling.confidence, replicates: scaling.replicates, seed: scaling.seed)
            var forecast = Forecaster.forecast(sums, name: side.name, modelNames: slotNames, traffic: sample, scaling: scaling, interval: estimate)
            var notes: [String] = []
            _ = hosted.finish(slotNames: slotNames, alsoUsed: [], evidence: evidence, traffic: sample, notes: &notes, into: &tally)
            forecast.serving = ServingForecast(samples: [], latency: tally.latency(traffic: sample), fleets: [], rateLimits: [],
                                               extraCost: nil, fixedCost: nil, notes: notes)
            forecast.prices = PriceFacts.gather(plan: plan, catalog: catalog, lastTimestamp: lastTimestamp, forecast: forecast)
            forecast.prices.drift = drift.drift(slotNames: slotNames)
            if let figure = forecast.firstNonFiniteFigure { throw .notFinite(plan: plan.file, figure: figure) }
            var replay = Replay(name: side.name, picodollars: [], weights: [], models: [], modelNames: slotNames, inputTokens: [],
                                outputTokens: [], quality: [], billing: [], catalog: catalog, warnings: warnings, promptChanges: promptChanges)
            replay.warnings += Replayer.recordWarnings(plan: plan, traffic: sample, recordedRoutes: routeNames, promptDeltas: [:],
                                                       unavailableTiers: unavailableTiers, unpricedNames: unpriced, catalog: catalog)
            let factor = scaling.factor
            var measured: [String: PolicyContext.Subset] = [:]
            for (position, filter) in filters.enumerated() {
                let subset = subsets[position]
                let monthly = subset.cost.value * factor
                let requests = subset.requests.value * factor
                measured[PolicyContext.key(of: filter)] = PolicyContext.Subset(
                    monthlyCost: monthly, requests: requests, quality: subset.quality.mean,
                    costPerQuality: subset.quality.costPerQuality(monthlyCost: monthly, requests: requests), values: [], fixed: nil,
                    interval: subset.interval.estimate(confidence: scaling.confidence, replicates: scaling.replicates, seed: scaling.seed),
                    matched: subset.matched, unpriced: subset.unpriced)
            }
            let routeSides = routeSums.sides(routeNames: { sample.strings[$0] }, modelNames: slotNames, factor: factor)
            return PolicyContext(streamed: replay, traffic: sample, forecast: forecast, routeSides: routeSides, subsets: measured,
                                 pairedChange: pairedChange)
        }
    }
}
