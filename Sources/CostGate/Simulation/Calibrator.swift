import Foundation

/// Fits a deployment's coefficients to measured runs of that deployment (`costgate calibrate`).
///
/// Starting from the engine profile, three knobs are searched, each by golden-section search on a log scale,
/// in two passes: a decode scale (divides bandwidth efficiency, multiplies the step, per-sequence and
/// all-reduce overheads: everything a decode step pays), a prefill scale (divides both compute efficiencies,
/// mildly pulled towards 1 so that one run cannot push it far), and the front end's fixed seconds, which only
/// shift TTFT and E2E and so are solved without simulating. The loss is the sum of squared log ratios
/// predicted / measured over the runs' mean TTFT, TPOT and E2E.
public enum Calibrator {
    /// One measured run and how to forecast it with given coefficients.
    public struct Target: Sendable {
        /// What was measured.
        public var measured: Calibration.Metrics
        /// The forecast with these coefficients and no front end (the fit adds it).
        public var simulate: @Sendable (StepTimeModel.Coefficients) -> Calibration.Metrics

        /// Creates a target.
        public init(measured: Calibration.Metrics,
                    simulate: @escaping @Sendable (StepTimeModel.Coefficients) -> Calibration.Metrics) {
            self.measured = measured
            self.simulate = simulate
        }
    }

    /// The fitted coefficients.
    public struct Fit: Sendable, Equatable {
        /// Step-time coefficients.
        public var stepTime: StepTimeModel.Coefficients
        /// Front-end time.
        public var frontEnd: EngineProfile.FrontEnd
    }

    /// A target that replays `run` on `deployment`.
    public static func target(_ run: BenchmarkRun, deployment: Deployment) -> Target {
        let requests = run.requests()
        let concurrency = run.closedLoopConcurrency
        return Target(measured: Calibration.Metrics(ttft: run.ttftMs, tpot: run.tpotMs, e2e: run.e2eMs)) { coefficients in
            let result = ServingSimulator.run(requests, deployment: deployment, options: ServingSimulator.Options(
                concurrency: concurrency, coefficients: coefficients, frontEnd: EngineProfile.FrontEnd.none))
            return Calibration.Metrics(ttft: LatencySummary(result.ttftMs).mean, tpot: LatencySummary(result.tpotMs).mean,
                                       e2e: LatencySummary(result.e2eMs).mean)
        }
    }

    /// The metrics with the front end added (TTFT and E2E; TPOT excludes the first token).
    static func adding(_ frontEndMs: Double, to m: Calibration.Metrics) -> Calibration.Metrics {
        Calibration.Metrics(ttft: m.ttft.map { $0 + frontEndMs }, tpot: m.tpot, e2e: m.e2e.map { $0 + frontEndMs })
    }

    static func loss(_ predicted: [Calibration.Metrics], _ targets: [Target]) -> Double {
        var total = 0.0
        for (p, t) in zip(predicted, targets) {
            for (m, f) in [(t.measured.ttft, p.ttft), (t.measured.tpot, p.tpot), (t.measured.e2e, p.e2e)] {
                guard let m, let f, m > 0 else { continue }
                total += f > 0 && f.isFinite ? pow(log(f / m), 2) : 100
            }
        }
        return total
    }

    /// Minimises `f` over [lo, hi] by golden-section search.
    static func minimise(_ lo: Double, _ hi: Double, iterations: Int = 22, _ f: (Double) -> Double) -> Double {
        let g = (sqrt(5.0) - 1) / 2
        var a = lo, b = hi
        var c = b - g * (b - a), d = a + g * (b - a)
        var fc = f(c), fd = f(d)
        for _ in 0..<iterations {
            if fc < fd {
                b = d; d = c; fd = fc; c = b - g * (b - a); fc = f(c)
            } else {
                a = c; c = d; fc = fd; d = a + g * (b - a); fd = f(d)
            }
        }
        return fc < fd ? c : d
    }

    /// Fits coefficients to `targets`, starting from `profile`.
    /// - Parameters:
    ///   - profile: the deployment's engine profile (its per-prompt-token front-end time is kept).
    ///   - targets: the measured runs.
    ///   - meanInputTokens: each target's mean prompt length, for the per-token front-end time.
    public static func fit(from profile: EngineProfile, targets: [Target], meanInputTokens: [Double]) -> Fit {
        let start = profile.stepTime
        func coefficients(decode: Double, prefill: Double) -> StepTimeModel.Coefficients {
            var c = start
            c.bandwidthEfficiency = start.bandwidthEfficiency / decode
            c.stepOverhead = start.stepOverhead * decode
            c.perSequenceOverhead = start.perSequenceOverhead * decode
            c.allReduceLatency = start.allReduceLatency * decode
            c.computeEfficiency = min(1, start.computeEfficiency / prefill)
            c.fp8ComputeEfficiency = min(1, start.fp8ComputeEfficiency / prefill)
            return c
        }
        func perTokenMs(_ k: Int) -> Double { profile.frontEnd.perPromptToken * meanInputTokens[k] * 1000 }
        func bestBase(_ raw: [Calibration.Metrics]) -> (base: Double, loss: Double) {
            let base = minimise(0, 0.5) { b in
                loss(raw.enumerated().map { adding(b * 1000 + perTokenMs($0.offset), to: $0.element) }, targets)
            }
            return (base, loss(raw.enumerated().map { adding(base * 1000 + perTokenMs($0.offset), to: $0.element) }, targets))
        }
        var decode = 1.0, prefill = 1.0
        for _ in 0..<2 {
            decode = exp(minimise(log(0.3), log(3.0)) { x in
                bestBase(targets.map { $0.simulate(coefficients(decode: exp(x), prefill: prefill)) }).loss
            })
            prefill = exp(minimise(log(0.3), log(3.0)) { x in
                bestBase(targets.map { $0.simulate(coefficients(decode: decode, prefill: exp(x))) }).loss + 0.05 * x * x
            })
        }
        let step = coefficients(decode: decode, prefill: prefill)
        let base = bestBase(targets.map { $0.simulate(step) }).base
        return Fit(stepTime: step, frontEnd: EngineProfile.FrontEnd(base: base, perPromptToken: profile.frontEnd.perPromptToken))
    }
}
