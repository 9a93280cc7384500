import Foundation
@testable import CostGate
import CostGateTestSupport

/// Runs validation points through the simulator and formats the error table.
enum ValidationRunner {
    /// What a profile fit searches over: step-time coefficients and the front-end time.
    struct Parameters: Equatable {
        var step: StepTimeModel.Coefficients
        var frontEnd: EngineProfile.FrontEnd
    }

    struct Outcome: Sendable {
        var point: ValidationPoint
        var ttft: Double?
        var tpot: Double?
        var e2e: Double?
        var throughput: Double?

        func error(_ metric: KeyPath<ValidationPoint, Double?>, _ predicted: Double?) -> Double? {
            guard let measured = point[keyPath: metric], let predicted else { return nil }
            return (predicted - measured) / measured
        }
        var ttftError: Double? { error(\.ttftMs, ttft) }
        var tpotError: Double? { error(\.tpotMs, tpot) }
        var e2eError: Double? { error(\.e2eMs, e2e) }
        var throughputError: Double? { error(\.throughput, throughput) }
    }

    static func deployment(for point: ValidationPoint) throws -> Deployment {
        let json: JSONValue = .object([
            ("model", .string(point.model)), ("gpu", .string(point.gpu)), ("tensor_parallel", .number(Double(point.tp))),
            ("dtype", .string(point.dtype)),
            ("engine", .object([
                ("name", .string(point.engine)), ("version", .string(point.engineVersion)),
                ("max_num_seqs", .number(Double(point.maxNumSeqs))),
                ("max_num_batched_tokens", .number(Double(point.maxBatchedTokens))),
                ("gpu_memory_utilization", .number(point.gpuMemoryUtilization)),
                ("prefix_caching", .bool(true)), ("kv_cache_dtype", .string(point.kvCacheDtype)),
                ("num_scheduler_steps", .number(Double(point.schedulerSteps))),
            ])),
        ])
        return try Deployment.parse(json, name: point.id, file: "validation")
    }

    /// - Parameter stageSeconds: simulate at most this many seconds of each load stage (the fit's shortcut).
    static func run(_ point: ValidationPoint, coefficients: StepTimeModel.Coefficients? = nil,
                    frontEnd: EngineProfile.FrontEnd? = nil, stageSeconds: Double = .infinity) throws -> Outcome {
        let deployment = try deployment(for: point)
        let lengths: SyntheticLoad.Lengths
        switch point.lengths {
        case .fixed(let input, let output): lengths = .fixed(input: input, output: output)
        case .shareGPTBench: lengths = .shareGPT(inputScale: ValidationPoint.shareGPTInputScale, outputScale: 1)
        case .shareGPTMeans(let input, _): lengths = .shareGPT(inputScale: input / ValidationPoint.shareGPTTableInputMean, outputScale: 1)
        case .sharedPrefix(let system, let question, let output, _): lengths = .fixed(input: system + question, output: output)
        }
        var options = ServingSimulator.Options(coefficients: coefficients, frontEnd: frontEnd)
        let rate: Double?
        switch point.load {
        case .poisson(let r): rate = r
        case .offline, .stages: rate = nil
        case .closed(let c):
            rate = nil
            options.concurrency = c
            // Stagger the clients' first requests over one request's latency (unloaded, then loaded: see
            // below), so that the closed loop reaches the desynchronized steady state a real benchmark
            // sees after warm-up.
            // A single batch (requests == concurrency, vLLM's benchmark_latency) starts at once.
            guard point.requests > c else { break }
            let probe = SyntheticLoad.requests(count: 1, rate: nil, lengths: lengths, seed: 42)
            let alone = ServingSimulator.run(probe, deployment: deployment,
                                             options: ServingSimulator.Options(concurrency: 1, coefficients: coefficients, frontEnd: frontEnd))
            options.closedLoopRampUp = (alone.e2eMs.first ?? 0) / 1000
        }
        var requests = SyntheticLoad.requests(count: point.requests, rate: rate, lengths: lengths, seed: 42)
        if case .stages(let stages) = point.load {
            requests = stagedArrivals(requests, stages.map { (rate: $0.rate, seconds: min($0.seconds, stageSeconds)) })
        }
        if case .sharedPrefix(let system, _, _, let groups) = point.lengths {
            for k in requests.indices {
                requests[k].prefixKey = Int64(k % groups)
                requests[k].prefixTokens = system
            }
        }
        var outputMean: Double?
        if case .shareGPTBench = point.lengths { outputMean = ValidationPoint.shareGPTOutputMean }
        if case .shareGPTMeans(_, let output) = point.lengths { outputMean = output }
        if let outputMean {
            var rng = SplitMix64(seed: 7)
            for k in requests.indices {
                let u = Double(rng.next() >> 11) * 0x1p-53
                let drawn = Int((-log(1 - u) * outputMean).rounded())
                requests[k].outputTokens = max(4, min(2048 - requests[k].inputTokens, drawn))
            }
        }
        var result = ServingSimulator.run(requests, deployment: deployment, options: options)
        if options.closedLoopRampUp > 0 {
            // Second pass: stagger over the loaded request latency of the first pass, so that clients are
            // spread over a whole cycle as jitter spreads them in a real benchmark.
            let loaded = LatencySummary(result.e2eMs).mean / 1000
            if loaded.isFinite, loaded > options.closedLoopRampUp {
                options.closedLoopRampUp = loaded
                result = ServingSimulator.run(requests, deployment: deployment, options: options)
            }
        }
        // Closed-loop runs start with every client sending at once; like a benchmark's warm-up, the first
        // round is left out of the statistics.
        var skip = 0
        if case .closed(let c) = point.load, point.requests > c { skip = c }
        func stat(_ all: [Double]) -> Double {
            let summary = LatencySummary(Array(all.dropFirst(skip)))
            return point.statistic == .mean ? summary.mean : summary.p50
        }
        let completed = Double(result.e2eMs.filter(\.isFinite).count)
        return Outcome(point: point, ttft: stat(result.ttftMs), tpot: stat(result.tpotMs), e2e: stat(result.e2eMs),
                       throughput: result.span > 0 ? completed / result.span : nil)
    }

    /// Evenly spaced arrivals, stage after stage (as many requests as the stages hold, at most `requests.count`).
    static func stagedArrivals(_ requests: [SimRequest], _ stages: [(rate: Double, seconds: Double)]) -> [SimRequest] {
        var out: [SimRequest] = []
        var start = 0.0
        for stage in stages {
            let count = Int((stage.rate * stage.seconds).rounded())
            for i in 0..<count where out.count < requests.count {
                var r = requests[out.count]
                r.arrival = start + Double(i) / stage.rate
                out.append(r)
            }
            start += stage.seconds
        }
        return out
    }

    static func medianAbs(_ values: [Double]) -> Double {
        let sorted = values.map(abs).sorted()
        guard !sorted.isEmpty else { return .nan }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    static func table(_ outcomes: [Outcome]) -> String {
        func cell(_ measured: Double?, _ predicted: Double?, _ error: Double?) -> String {
            guard let measured, let predicted, let error else { return "" }
            return String(format: "%.1f → %.1f (%+.1f%%)", measured, predicted, error * 100)
        }
        var text = "| point | role | stat | TTFT ms measured → predicted | TPOT ms | E2E ms | offline req/s | source |\n"
        text += "|---|---|---|---|---|---|---|---|\n"
        for o in outcomes {
            let role = o.point.role == .fit ? "fit: " + o.point.fits : "held-out"
            text += "| \(o.point.id) | \(role) | \(o.point.statistic.rawValue) | \(cell(o.point.ttftMs, o.ttft, o.ttftError)) "
            text += "| \(cell(o.point.tpotMs, o.tpot, o.tpotError)) | \(cell(o.point.e2eMs, o.e2e, o.e2eError)) "
            text += "| \(o.point.throughput == nil ? "" : String(format: "%.2f → %.2f (%+.1f%%)", o.point.throughput!, o.throughput ?? .nan, (o.throughputError ?? .nan) * 100)) "
            text += "| \(o.point.source) |\n"
        }
        let held = outcomes.filter { $0.point.role == .heldOut }
        text += String(format: "\nHeld-out median absolute error: TTFT %.1f%% (n=%d), TPOT %.1f%% (n=%d), E2E %.1f%% (n=%d), offline throughput %.1f%% (n=%d)\n",
                       medianAbs(held.compactMap(\.ttftError)) * 100, held.compactMap(\.ttftError).count,
                       medianAbs(held.compactMap(\.tpotError)) * 100, held.compactMap(\.tpotError).count,
                       medianAbs(held.compactMap(\.e2eError)) * 100, held.compactMap(\.e2eError).count,
                       medianAbs(held.compactMap(\.throughputError)) * 100, held.compactMap(\.throughputError).count)
        return text
    }
}
