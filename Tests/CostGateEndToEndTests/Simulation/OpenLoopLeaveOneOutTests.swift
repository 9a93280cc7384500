import Foundation
import Synchronization
import Testing
@testable import CostGate
import CostGateTestSupport

/// Leave one run out on the held-out open-loop runs (`OpenLoopValidationPoints`): for every deployment (model, GPU,
/// TP) with several runs, calibrate on one run's mean TTFT, TPOT and E2E (what a summary-only `vllm bench serve`
/// result gives) and forecast each other run of that deployment (other loads, prompt mixes, max_num_batched_tokens).
@Suite("Open-loop calibration, leave one run out")
struct OpenLoopLeaveOneOutTests {
    /// Calibration replays simulate the first 200 s of each stage of the calibration run (forecasts use whole runs).
    static let calibrationStageSeconds = 200.0

    static func target(_ point: ValidationPoint) -> Calibrator.Target {
        Calibrator.Target(measured: Calibration.Metrics(ttft: point.ttftMs, tpot: point.tpotMs, e2e: point.e2eMs)) { c in
            guard let o = try? ValidationRunner.run(point, coefficients: c, frontEnd: EngineProfile.FrontEnd.none,
                                                    stageSeconds: calibrationStageSeconds) else {
                return Calibration.Metrics(ttft: nil, tpot: nil, e2e: nil)
            }
            return Calibration.Metrics(ttft: o.ttft, tpot: o.tpot, e2e: o.e2e)
        }
    }

    /// Groups of runs of one deployment, at least two runs each, in a fixed order.
    static func deployments(_ points: [ValidationPoint]) -> [[ValidationPoint]] {
        var groups: [String: [ValidationPoint]] = [:]
        for p in points { groups["\(p.model) \(p.dtype) \(p.gpu) \(p.tp)", default: []].append(p) }
        return groups.keys.sorted().map { groups[$0]! }.filter { $0.count > 1 }
    }

    /// Leave-one-run-out over `group` (one deployment); calibrations run in parallel.
    static func tally(_ group: [ValidationPoint]) throws -> CalibrationLeaveOneOutTests.Tally {
        let profile = try ValidationRunner.deployment(for: group[0]).engine.profile
        let uncalibrated = OpenLoopValidationTests.outcomes(group, nil)
        let fits = Mutex<[Calibrator.Fit?]>(Array(repeating: nil, count: group.count))
        DispatchQueue.concurrentPerform(iterations: group.count) { k in
            let fit = Calibrator.fit(from: profile, targets: [target(group[k])],
                                     meanInputTokens: [CalibrationLeaveOneOutTests.meanInput(group[k])])
            fits.withLock { $0[k] = fit }
        }
        var tally = CalibrationLeaveOneOutTests.Tally()
        for (k, fit) in fits.withLock({ $0 }).enumerated() {
            guard let fit else { continue }
            for (j, other) in group.enumerated() where j != k {
                let calibrated = try ValidationRunner.run(other, coefficients: fit.stepTime, frontEnd: fit.frontEnd)
                if let before = uncalibrated[j] { tally.add(other, profile: before, calibrated: calibrated) }
            }
        }
        return tally
    }

    static func merge(_ tallies: [CalibrationLeaveOneOutTests.Tally]) -> CalibrationLeaveOneOutTests.Tally {
        var all = CalibrationLeaveOneOutTests.Tally()
        for t in tallies {
            for (k, v) in t.before { all.before[k, default: []] += v }
            for (k, v) in t.after { all.after[k, default: []] += v }
        }
        return all
    }

    /// One deployment, every run: CodeLlama-34B TP2 on H100 (codegen, roleplay and general-lite runs).
    @Test func oneRunForecastsTheOtherRunsOfCodeLlama() throws {
        let group = OpenLoopValidationPoints.all.filter {
            $0.role == .heldOut && $0.model == "codellama/CodeLlama-34b-Instruct-hf" && $0.gpu == "H100"
        }
        #expect(group.count == 3)
        let tally = try Self.tally(group)
        let line = tally.line("CodeLlama-34B H100 TP2")
        print("OPENLOOP LORO " + line)
        let median = { (name: String, t: [String: [Double]]) in ValidationRunner.medianAbs(t[name] ?? []) }
        for name in ["E2E", "TPOT"] {
            #expect(median(name, tally.after) < median(name, tally.before), "\(line)")
        }
    }

    /// Every held-out deployment with several runs (COSTGATE_OPENLOOP=1 COSTGATE_FIT=1: minutes in a debug build).
    @Test(.enabled(if: OpenLoopValidationTests.enabled && ProfileCalibrationTests.enabled)) func everyDeployment() throws {
        var tallies: [CalibrationLeaveOneOutTests.Tally] = []
        for group in Self.deployments(OpenLoopValidationPoints.all.filter { $0.role == .heldOut }) {
            let t = try Self.tally(group)
            print("OPENLOOP LORO " + t.line("\(group[0].model) \(group[0].gpu) TP\(group[0].tp), \(group.count) runs"))
            tallies.append(t)
        }
        print("OPENLOOP LORO " + Self.merge(tallies).line("all held-out deployments with ≥ 2 runs"))
    }
}
