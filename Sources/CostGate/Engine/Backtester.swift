/// Replays a side's self-hosted records through the simulator at the recorded load and compares latencies.
enum Backtester {
    /// The records a deployment served on this side, and those of them that measured a latency.
    struct Served {
        var all: [Int]
        var measured: [Int]
    }

    static func served(by deployment: String, traffic: Traffic, replay: Replay) -> Served {
        let slot = replay.modelNames.firstIndex(of: "deployment:" + deployment).map(Int32.init)
        var all: [Int] = []
        var measured: [Int] = []
        guard let slot else { return Served(all: [], measured: []) }
        for index in traffic.records.indices where replay.billing[index] == .selfHosted && replay.models[index] == slot {
            all.append(index)
            let record = traffic.records[index]
            if !record.isError && (record.latencyMs.isFinite || record.ttftMs.isFinite) { measured.append(index) }
        }
        return Served(all: all, measured: measured)
    }

    /// Weighted means of measured latencies over `indices`.
    static func measuredMeans(_ indices: [Int], traffic: Traffic, replay: Replay) -> Calibration.Metrics {
        var ttft = WeightedMean()
        var tpot = WeightedMean()
        var e2e = WeightedMean()
        for index in indices {
            let record = traffic.records[index]
            let weight = replay.weights[index]
            if record.ttftMs.isFinite { ttft.add(record.ttftMs, weight: weight) }
            if record.latencyMs.isFinite { e2e.add(record.latencyMs, weight: weight) }
            if record.ttftMs.isFinite, record.latencyMs.isFinite, record.outputTokens > 1 {
                tpot.add((record.latencyMs - record.ttftMs) / Double(record.outputTokens - 1), weight: weight)
            }
        }
        return Calibration.Metrics(ttft: ttft.value, tpot: tpot.value, e2e: e2e.value)
    }

    /// The simulated load of `served.all` at the recorded rate (each record's weight, no growth), and a function
    /// that turns a simulation of it into weighted means over the measured records (the metrics they measured).
    static func load(_ served: Served, traffic: Traffic, replay: Replay, windowSeconds: Double,
                     context: (file: String, path: String)) throws(CostGateError)
        -> (requests: [SimRequest], predict: @Sendable (SimulationResult) -> Calibration.Metrics) {
        let meanGap = traffic.records.isEmpty ? 1 : windowSeconds / Double(traffic.records.count)
        let requests = try ServingForecaster.expand(traffic: traffic, replay: replay, indices: served.all, growth: 1,
                                                    meanGap: meanGap, limitContext: context)
        let measuredMeans = measuredMeans(served.measured, traffic: traffic, replay: replay)
        let measured = Set(served.measured)
        // Per measured record: its weight and which metrics it measured.
        var owners: [Int32: (weight: Double, ttft: Bool, tpot: Bool, e2e: Bool)] = [:]
        for index in measured {
            let record = traffic.records[index]
            owners[Int32(index)] = (replay.weights[index], record.ttftMs.isFinite, record.ttftMs.isFinite && record.latencyMs.isFinite
                                    && record.outputTokens > 1, record.latencyMs.isFinite)
        }
        let tags = requests.map(\.tag)
        let measuredOwners = owners
        let predict: @Sendable (SimulationResult) -> Calibration.Metrics = { result in
            // A record's copies share its weight; each metric averages over the records that measured it.
            var copies: [Int32: Int] = [:]
            for tag in tags where measuredOwners[tag] != nil { copies[tag, default: 0] += 1 }
            var ttft = WeightedMean()
            var tpot = WeightedMean()
            var e2e = WeightedMean()
            for (position, tag) in tags.enumerated() {
                guard let owner = measuredOwners[tag], let count = copies[tag] else { continue }
                let weight = owner.weight / Double(count)
                if owner.ttft { ttft.add(result.ttftMs[position], weight: weight) }
                if owner.tpot, result.tpotMs[position].isFinite { tpot.add(result.tpotMs[position], weight: weight) }
                if owner.e2e { e2e.add(result.e2eMs[position], weight: weight) }
            }
            return Calibration.Metrics(ttft: measuredMeans.ttft == nil ? nil : ttft.value,
                                       tpot: measuredMeans.tpot == nil ? nil : tpot.value,
                                       e2e: measuredMeans.e2e == nil ? nil : e2e.value)
        }
        return (requests, predict)
    }

    /// The backtest of every deployment of `plan` that served recorded requests with measured latencies.
    static func run(traffic: Traffic, replay: Replay, plan: Plan, windowSeconds: Double) throws(CostGateError) -> [Backtest] {
        var result: [Backtest] = []
        // A GPU service is simulated from the recorded latencies themselves, so replaying them tests nothing.
        for deployment in plan.deployments where deployment.kind != .service {
            let served = served(by: deployment.name, traffic: traffic, replay: replay)
            guard !served.measured.isEmpty else { continue }
            let (requests, predict) = try load(served, traffic: traffic, replay: replay, windowSeconds: windowSeconds,
                                               context: (plan.file, "deployments.\(deployment.name)"))
            let simulated = ServingSimulator.run(requests, deployment: deployment)
            let source = deployment.calibratesFromTraffic ? "fitted on this traffic (in-sample: not a validation)"
                : deployment.calibrationFile.map { "calibration \($0)" } ?? "engine profile \(deployment.engine.profile.id)"
            result.append(Backtest(deployment: deployment.name, records: served.measured.count,
                                   measured: measuredMeans(served.measured, traffic: traffic, replay: replay),
                                   predicted: predict(simulated), coefficients: source))
        }
        return result
    }
}
