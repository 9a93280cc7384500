import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// Re-fits `StepTimeModel.Coefficients.fitted` on the fit points only (run with COSTGATE_FIT=1; prints the result)
/// and checks that the committed coefficients are what this fit gives, to half a grid step: a coefficient
/// tuned by hand, or on held-out points, fails here.
///
/// Coordinate search, in this order: bandwidth efficiency and step overhead on the three buildkite 8B
/// batch-8 points; all-reduce latency on buildkite 70B TP4 H100; bf16 compute efficiency on MLPerf 8B H100;
/// fp8 compute efficiency on NIM 70B fp8 concurrency-1 TTFT. Held-out points are never evaluated here.
@Suite("Simulation calibration")
struct CalibrationTests {
    static let enabled = ProcessInfo.processInfo.environment["COSTGATE_FIT"] == "1"

    func loss(_ ids: [String], _ c: StepTimeModel.Coefficients) throws -> Double {
        var total = 0.0
        for point in ValidationPoints.all where ids.contains(point.id) {
            let o = try ValidationRunner.run(point, coefficients: c)
            for e in [o.ttftError, o.tpotError, o.e2eError].compactMap({ $0 }) { total += e * e }
        }
        return total
    }

    @Test(.enabled(if: CalibrationTests.enabled)) func fit() throws {
        var c = StepTimeModel.Coefficients.fitted
        let decode = ["bk-8b-h100-b8", "bk-8b-a100-b8", "bk-8b-h200-b8"]
        var best = (Double.infinity, c)
        for bw in stride(from: 0.55, through: 0.95, by: 0.01) {
            for overhead in stride(from: 0.0002, through: 0.0030, by: 0.0001) {
                var t = c
                t.bandwidthEfficiency = bw
                t.stepOverhead = overhead
                let l = try loss(decode, t)
                if l < best.0 { best = (l, t) }
            }
        }
        c = best.1
        best = (Double.infinity, c)
        for ar in stride(from: 0.000_002, through: 0.000_060, by: 0.000_001) {
            var t = c
            t.allReduceLatency = ar
            let l = try loss(["bk-70b-h100-tp4-b8"], t)
            if l < best.0 { best = (l, t) }
        }
        c = best.1
        best = (Double.infinity, c)
        for eff in stride(from: 0.40, through: 0.95, by: 0.01) {
            var t = c
            t.computeEfficiency = eff
            let l = try loss(["mlperf51-8b-h100-qps39.5"], t)
            if l < best.0 { best = (l, t) }
        }
        c = best.1
        best = (Double.infinity, c)
        for eff in stride(from: 0.30, through: 0.95, by: 0.01) {
            var t = c
            t.fp8ComputeEfficiency = eff
            let l = try loss(["nim-70b-fp8-h100-tp2-c1-5000"], t)
            if l < best.0 { best = (l, t) }
        }
        c = best.1
        let committed = StepTimeModel.Coefficients.fitted
        #expect(abs(c.bandwidthEfficiency - committed.bandwidthEfficiency) <= 0.005)
        #expect(abs(c.stepOverhead - committed.stepOverhead) <= 0.000_05)
        #expect(abs(c.allReduceLatency - committed.allReduceLatency) <= 0.000_000_5)
        #expect(abs(c.computeEfficiency - committed.computeEfficiency) <= 0.005)
        #expect(abs(c.fp8ComputeEfficiency - committed.fp8ComputeEfficiency) <= 0.005)
        print("FITTED bandwidthEfficiency \(c.bandwidthEfficiency) stepOverhead \(c.stepOverhead) allReduceLatency \(c.allReduceLatency) computeEfficiency \(c.computeEfficiency) fp8ComputeEfficiency \(c.fp8ComputeEfficiency) perSequenceOverhead \(c.perSequenceOverhead)")
    }
}
