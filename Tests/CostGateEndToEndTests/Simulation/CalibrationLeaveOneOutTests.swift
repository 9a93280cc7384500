import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// Leave-one-run-out on `ModernValidationPoints`: for each deployment (engine, model, precision, GPU, TP) with
/// several runs, calibrate on one run (its mean TTFT, TPOT and E2E, as a summary-only result gives them) and forecast
/// every other run of that deployment, against the uncalibrated engine profile on the same runs.
@Suite("Calibration, leave one run out")
struct CalibrationLeaveOneOutTests {
    struct Tally {
        var before: [String: [Double]] = [:]
        var after: [String: [Double]] = [:]

        mutating func add(_ point: ValidationPoint, profile: ValidationRunner.Outcome, calibrated: ValidationRunner.Outcome) {
            for (name, e0, e1) in [("E2E", profile.e2eError, calibrated.e2eError), ("TTFT", profile.ttftError, calibrated.ttftError),
                                   ("TPOT", profile.tpotError, calibrated.tpotError)] {
                if let e0, let e1 {
                    before[name, default: []].append(e0)
                    after[name, default: []].append(e1)
                }
            }
        }

        func line(_ label: String) -> String {
            ["E2E", "TTFT", "TPOT"].map { name in
                String(format: "%@ %.1f%% → %.1f%% (n=%d)", name, ValidationRunner.medianAbs(before[name] ?? []) * 100,
                       ValidationRunner.medianAbs(after[name] ?? []) * 100, (after[name] ?? []).count)
            }.joined(separator: ", ") + " [\(label): profile → calibrated on one other run]"
        }
    }

    static func target(_ point: ValidationPoint) -> Calibrator.Target {
        Calibrator.Target(measured: Calibration.Metrics(ttft: point.ttftMs, tpot: point.tpotMs, e2e: point.e2eMs)) { c in
            guard let o = try? ValidationRunner.run(point, coefficients: c, frontEnd: EngineProfile.FrontEnd.none) else {
                return Calibration.Metrics(ttft: nil, tpot: nil, e2e: nil)
            }
            return Calibration.Metrics(ttft: o.ttft, tpot: o.tpot, e2e: o.e2e)
        }
    }

    static func meanInput(_ point: ValidationPoint) -> Double {
        switch point.lengths {
        case .fixed(let input, _): Double(input)
        case .shareGPTMeans(let input, _): input
        case .shareGPTBench: 220
        case .sharedPrefix(let system, let question, _, _): Double(system + question)
        }
    }

    /// Runs leave-one-run-out over `points`, grouped by deployment.
    static func tally(_ points: [ValidationPoint]) throws -> Tally {
        var groups: [String: [ValidationPoint]] = [:]
        for p in points { groups["\(p.engine) \(p.model) \(p.dtype) \(p.gpu) \(p.tp)", default: []].append(p) }
        var tally = Tally()
        for key in groups.keys.sorted() {
            let group = groups[key]!
            guard group.count > 1 else { continue }
            let profile = try ValidationRunner.deployment(for: group[0]).engine.profile
            let uncalibrated = try group.map { try ValidationRunner.run($0) }
            for (k, run) in group.enumerated() {
                let fit = Calibrator.fit(from: profile, targets: [target(run)], meanInputTokens: [meanInput(run)])
                for (j, other) in group.enumerated() where j != k {
                    let calibrated = try ValidationRunner.run(other, coefficients: fit.stepTime, frontEnd: fit.frontEnd)
                    tally.add(other, profile: uncalibrated[j], calibrated: calibrated)
                }
            }
        }
        return tally
    }

    /// One deployment, quick enough for every run: vLLM 0.11, Qwen3-8B on one H100 at concurrency 1, 2, 4, 8.
    @Test func oneRunImprovesTheOtherLoadsOfItsDeployment() throws {
        let points = ModernValidationPoints.all.filter { $0.engine == "vllm" && $0.model == "Qwen/Qwen3-8B" }
        #expect(points.count == 4)
        let tally = try Self.tally(points)
        print(tally.line("vllm Qwen3-8B H100"))
        // With the gpustack-fitted vLLM profile TPOT was 30% off here and one run fixed it; the open-loop profile is
        // within about 1%, so calibration must halve the error or keep it within 2%. TTFT must not get worse.
        let ttft = (ValidationRunner.medianAbs(tally.before["TTFT"] ?? []), ValidationRunner.medianAbs(tally.after["TTFT"] ?? []))
        let tpot = (ValidationRunner.medianAbs(tally.before["TPOT"] ?? []), ValidationRunner.medianAbs(tally.after["TPOT"] ?? []))
        #expect(tpot.1 < max(tpot.0 / 2, 0.02), "\(tally.line("vllm Qwen3-8B H100"))")
        #expect(ttft.1 <= ttft.0 + 0.01, "\(tally.line("vllm Qwen3-8B H100"))")
    }

    /// Every deployment with several runs, per engine (COSTGATE_FIT=1: minutes in a debug build).
    @Test(.enabled(if: ProfileCalibrationTests.enabled), arguments: [EngineProfile.Engine.vllm, .sglang, .tensorrtLLM])
    func everyDeployment(_ engine: EngineProfile.Engine) throws {
        let tally = try Self.tally(ModernValidationPoints.all.filter { $0.engine == engine.rawValue })
        print("LORO \(engine.rawValue): " + tally.line("all deployments with ≥ 2 runs"))
    }
}
