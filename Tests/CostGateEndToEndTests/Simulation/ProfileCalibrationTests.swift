import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// Re-fits the SGLang 0.5 and TensorRT-LLM 1.2 profiles (and, for comparison, a vLLM fit on the gpustack rows, which the
/// committed `vllm-0.11` profile no longer uses: it is fitted on open-loop runs by OpenLoopValidationTests)
/// on the fit split of `ModernValidationPoints` only (run with COSTGATE_FIT=1; prints the result), and checks that
/// the committed coefficients are what this fit gives, to half a grid step. Held-out points are never evaluated here.
///
/// Coordinate search, two passes, over bandwidth efficiency, step overhead, bf16 compute efficiency, fp8 compute
/// efficiency (SGLang only: the only fit points with fp8 tensor cores), then the front end's fixed and per-prompt-token
/// seconds. The loss is the sum of squared log ratios predicted / measured over mean TTFT, TPOT and E2E.
@Suite("Engine profile calibration")
struct ProfileCalibrationTests {
    static let enabled = ProcessInfo.processInfo.environment["COSTGATE_FIT"] == "1"

    typealias Parameters = ValidationRunner.Parameters

    static func loss(_ points: [ValidationPoint], _ p: Parameters) throws -> Double {
        var total = 0.0
        for point in points {
            let o = try ValidationRunner.run(point, coefficients: p.step, frontEnd: p.frontEnd)
            for (measured, predicted) in [(point.ttftMs, o.ttft), (point.tpotMs, o.tpot), (point.e2eMs, o.e2e)] {
                guard let measured, let predicted, measured > 0, predicted > 0, predicted.isFinite else { continue }
                total += pow(log(predicted / measured), 2)
            }
        }
        return total
    }

    static func fit(_ engine: EngineProfile.Engine) throws -> Parameters {
        let points = ModernValidationPoints.all.filter { $0.role == .fit && $0.engine == engine.rawValue }
        var p = Parameters(step: .fitted, frontEnd: .none)
        let grids: [(WritableKeyPath<Parameters, Double>, [Double])] = [
            (\.step.bandwidthEfficiency, Array(stride(from: 0.30, through: 1.0, by: 0.02))),
            (\.step.stepOverhead, Array(stride(from: 0.0, through: 0.016, by: 0.0002))),
            (\.step.computeEfficiency, Array(stride(from: 0.10, through: 1.0, by: 0.02))),
            (\.step.fp8ComputeEfficiency, engine == .sglang ? Array(stride(from: 0.10, through: 1.0, by: 0.02)) : []),
            (\.frontEnd.base, Array(stride(from: 0.0, through: 0.100, by: 0.002))),
            (\.frontEnd.perPromptToken, Array(stride(from: 0.0, through: 0.000_040, by: 0.000_001))),
        ]
        for _ in 0..<2 {
            for (path, values) in grids where !values.isEmpty {
                var best = (try loss(points, p), p[keyPath: path])
                for v in values {
                    var t = p
                    t[keyPath: path] = v
                    let l = try loss(points, t)
                    if l < best.0 - 1e-12 { best = (l, v) }
                }
                p[keyPath: path] = best.1
            }
        }
        return p
    }

    @Test(.enabled(if: ProfileCalibrationTests.enabled),
          arguments: [EngineProfile.Engine.vllm, .sglang, .tensorrtLLM])
    func fitProfile(_ engine: EngineProfile.Engine) throws {
        let p = try Self.fit(engine)
        print("FITTED \(engine.rawValue) bandwidthEfficiency \(p.step.bandwidthEfficiency) stepOverhead \(p.step.stepOverhead) computeEfficiency \(p.step.computeEfficiency) fp8ComputeEfficiency \(p.step.fp8ComputeEfficiency) frontEnd.base \(p.frontEnd.base) frontEnd.perPromptToken \(p.frontEnd.perPromptToken)")
        guard engine != .vllm else { return }
        let committed = try #require(EngineProfile.profile(engine: engine, version: nil))
        #expect(abs(p.step.bandwidthEfficiency - committed.stepTime.bandwidthEfficiency) <= 0.01)
        #expect(abs(p.step.stepOverhead - committed.stepTime.stepOverhead) <= 0.000_1)
        #expect(abs(p.step.computeEfficiency - committed.stepTime.computeEfficiency) <= 0.01)
        #expect(abs(p.step.fp8ComputeEfficiency - committed.stepTime.fp8ComputeEfficiency) <= 0.01)
        #expect(abs(p.frontEnd.base - committed.frontEnd.base) <= 0.001)
        #expect(abs(p.frontEnd.perPromptToken - committed.frontEnd.perPromptToken) <= 0.000_000_5)
    }
}
