import Foundation
import Synchronization
import Testing
@testable import CostGate
import CostGateTestSupport

/// Open-loop vLLM 0.15.1 runs of the BLIS project (`OpenLoopValidationPoints`): the held-out errors of the vLLM
/// profile (every run), the fit of that profile on the fit split (COSTGATE_OPENLOOP=1 COSTGATE_FIT=1), and
/// leave-one-run-out calibration on the held-out split.
@Suite("Open-loop vLLM validation")
struct OpenLoopValidationTests {
    static let enabled = ProcessInfo.processInfo.environment["COSTGATE_OPENLOOP"] == "1"

    typealias Parameters = ValidationRunner.Parameters

    /// Runs `points` (in parallel; results in input order).
    static func outcomes(_ points: [ValidationPoint], _ p: Parameters?, stageSeconds: Double = .infinity) -> [ValidationRunner.Outcome?] {
        let results = Mutex<[ValidationRunner.Outcome?]>(Array(repeating: nil, count: points.count))
        DispatchQueue.concurrentPerform(iterations: points.count) { k in
            let o = try? ValidationRunner.run(points[k], coefficients: p?.step, frontEnd: p?.frontEnd, stageSeconds: stageSeconds)
            results.withLock { $0[k] = o }
        }
        return results.withLock { $0 }
    }

    /// The fit simulates the first 200 s of each load stage (a 4–6× shortcut; means settle within seconds).
    static let fitStageSeconds = 200.0

    /// Passes of the coordinate search (each coordinate by golden-section search in its range).
    static let fitPasses = 4

    static func loss(_ points: [ValidationPoint], _ p: Parameters) -> Double {
        var total = 0.0
        for (point, o) in zip(points, outcomes(points, p, stageSeconds: fitStageSeconds)) {
            guard let o else { return .infinity }
            for (measured, predicted) in [(point.ttftMs, o.ttft), (point.tpotMs, o.tpot), (point.e2eMs, o.e2e)] {
                guard let measured, let predicted, measured > 0, predicted > 0, predicted.isFinite else { return .infinity }
                total += pow(log(predicted / measured), 2)
            }
        }
        return total
    }

    struct Medians {
        var e2e: Double, ttft: Double, tpot: Double, count: Int

        init(_ outcomes: [ValidationRunner.Outcome]) {
            e2e = ValidationRunner.medianAbs(outcomes.compactMap(\.e2eError))
            ttft = ValidationRunner.medianAbs(outcomes.compactMap(\.ttftError))
            tpot = ValidationRunner.medianAbs(outcomes.compactMap(\.tpotError))
            count = outcomes.count
        }

        var line: String { String(format: "E2E %.1f%% TTFT %.1f%% TPOT %.1f%% (n=%d)", e2e * 100, ttft * 100, tpot * 100, count) }
    }

    /// Held-out median absolute errors of the committed vLLM profile (whole runs), as measured when it was committed
    /// (11.4 / 13.7 / 11.0%) plus half a point: a regression guard. The targets are 15 / 25 / 15%.
    static let heldOutGuard = (e2e: 0.119, ttft: 0.142, tpot: 0.115)

    @Test func heldOutErrorsOfTheVLLMProfile() throws {
        let held = OpenLoopValidationPoints.all.filter { $0.role == .heldOut }
        #expect(held.count == 38)
        let profile = try ValidationRunner.deployment(for: held[0]).engine.profile
        #expect(profile.id == "vllm-0.11")
        let outcomes = Self.outcomes(held, nil).compactMap { $0 }
        try #require(outcomes.count == held.count)
        let all = Medians(outcomes)
        var text = "OPENLOOP held-out \(all.line)\n"
        for gpu in ["H100", "A100-80GB", "L40S"] {
            text += "OPENLOOP held-out \(gpu): \(Medians(outcomes.filter { $0.point.gpu == gpu }).line)\n"
        }
        print(text)
        if let path = ProcessInfo.processInfo.environment["COSTGATE_VALIDATION_TABLE_DIR"] {
            try (text + "\n" + ValidationRunner.table(outcomes)).write(toFile: path + "/openloop.md", atomically: true, encoding: .utf8)
        }
        #expect(all.e2e <= Self.heldOutGuard.e2e, "\(text)")
        #expect(all.ttft <= Self.heldOutGuard.ttft, "\(text)")
        #expect(all.tpot <= Self.heldOutGuard.tpot, "\(text)")
    }

    /// Prints per-run predictions on one split (COSTGATE_ROLE: fit or held-out) with the committed profile, or with
    /// the coefficients in COSTGATE_PARAMS (bandwidth, step overhead, bf16 compute, fp8 compute, all-reduce,
    /// per-sequence, front-end base, front-end per token; host time overlapped unless COSTGATE_OVERLAP=0).
    @Test(.enabled(if: OpenLoopValidationTests.enabled)) func explore() throws {
        let roleFilter = ProcessInfo.processInfo.environment["COSTGATE_ROLE"] ?? "fit"
        let points = OpenLoopValidationPoints.all.filter { $0.role.rawValue == roleFilter }
        let start = Date()
        var p: Parameters?
        if let text = ProcessInfo.processInfo.environment["COSTGATE_PARAMS"] {
            let v = text.split(separator: ",").compactMap { Double($0) }
            p = Parameters(step: StepTimeModel.Coefficients(bandwidthEfficiency: v[0], computeEfficiency: v[2], fp8ComputeEfficiency: v[3],
                                                           stepOverhead: v[1], perSequenceOverhead: v[5], allReduceLatency: v[4]),
                           frontEnd: EngineProfile.FrontEnd(base: v[6], perPromptToken: v[7]))
            p?.step.overlapsHostTime = ProcessInfo.processInfo.environment["COSTGATE_OVERLAP"] != "0"
        }
        let outcomes = Self.outcomes(points, p).compactMap { $0 }
        print(ValidationRunner.table(outcomes))
        print("seconds", Date().timeIntervalSince(start))
    }

    /// Coordinate search over the profile's coefficients on the fit split only (held-out runs are never evaluated
    /// here); fails unless the committed `vllm-0.11` profile is what it finds.
    @Test(.enabled(if: OpenLoopValidationTests.enabled && ProcessInfo.processInfo.environment["COSTGATE_FIT"] == "1"))
    func fit() throws {
        let points = OpenLoopValidationPoints.all.filter { $0.role == .fit }
        var p = Parameters(step: .fitted, frontEnd: .none)
        // The host's per-step time overlaps the GPU's (vLLM's asynchronous scheduling); COSTGATE_OVERLAP=0 fits the
        // form that adds them, for comparison (loss 1.55 against 1.26 on the fit split).
        p.step.overlapsHostTime = ProcessInfo.processInfo.environment["COSTGATE_OVERLAP"] != "0"
        func grid(_ from: Double, _ to: Double, _ n: Int) -> [Double] { (0...n).map { from + (to - from) * Double($0) / Double(n) } }
        let grids: [(String, WritableKeyPath<Parameters, Double>, [Double])] = [
            ("bandwidthEfficiency", \.step.bandwidthEfficiency, grid(0.5, 1.0, 25)),
            ("stepOverhead", \.step.stepOverhead, grid(0, 0.008, 32)),
            ("computeEfficiency", \.step.computeEfficiency, grid(0.2, 0.8, 30)),
            ("fp8ComputeEfficiency", \.step.fp8ComputeEfficiency, grid(0.1, 1.0, 18)),
            ("allReduceLatency", \.step.allReduceLatency, grid(0, 0.000_060, 30)),
            ("perSequenceOverhead", \.step.perSequenceOverhead, grid(0, 0.000_100, 20)),
            ("frontEnd.base", \.frontEnd.base, grid(0, 0.030, 30)),
            ("frontEnd.perPromptToken", \.frontEnd.perPromptToken, grid(0, 0.000_020, 20)),
        ]
        for pass in 0..<Self.fitPasses {
            for (name, path, values) in grids {
                let lo = values.first!, hi = values.last!
                let v = Calibrator.minimise(lo, hi, iterations: 14) { x in
                    var t = p
                    t[keyPath: path] = x
                    return Self.loss(points, t)
                }
                var t = p
                t[keyPath: path] = v
                if Self.loss(points, t) < Self.loss(points, p) { p = t }
                print("pass \(pass) \(name) = \(p[keyPath: path]) loss \(Self.loss(points, p))")
            }
        }
        print("FITTED \(p)")
        // The committed profile is this fit, rounded.
        let committed = try #require(EngineProfile.profile(engine: .vllm, version: "0.15.1"))
        #expect(abs(p.step.bandwidthEfficiency - committed.stepTime.bandwidthEfficiency) <= 0.005)
        #expect(abs(p.step.stepOverhead - committed.stepTime.stepOverhead) <= 0.000_05)
        #expect(abs(p.step.computeEfficiency - committed.stepTime.computeEfficiency) <= 0.005)
        #expect(abs(p.step.allReduceLatency - committed.stepTime.allReduceLatency) <= 0.000_000_5)
        #expect(abs(p.step.perSequenceOverhead - committed.stepTime.perSequenceOverhead) <= 0.000_000_5)
        #expect(abs(p.frontEnd.base - committed.frontEnd.base) <= 0.000_05)
        #expect(abs(p.frontEnd.perPromptToken - committed.frontEnd.perPromptToken) <= 0.000_000_05)
        #expect(p.step.overlapsHostTime == committed.stepTime.overlapsHostTime)
    }
}
