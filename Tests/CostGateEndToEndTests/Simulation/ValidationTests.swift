import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// Checks the simulator against published serving measurements (see ValidationPoints.swift and Sources/CostGate/CostGate.docc/Simulator.md).
@Suite("Simulation validation")
struct ValidationTests {
    @Test func heldOutErrorsStayWithinBounds() throws {
        let outcomes = try ValidationPoints.all.map { try ValidationRunner.run($0) }
        let table = ValidationRunner.table(outcomes)
        if let path = ProcessInfo.processInfo.environment["COSTGATE_VALIDATION_TABLE"] {
            try table.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let held = outcomes.filter { $0.point.role == .heldOut }
        let ttft = ValidationRunner.medianAbs(held.compactMap(\.ttftError))
        let tpot = ValidationRunner.medianAbs(held.compactMap(\.tpotError))
        let e2e = ValidationRunner.medianAbs(held.compactMap(\.e2eError))
        let throughput = ValidationRunner.medianAbs(held.compactMap(\.throughputError))
        #expect(e2e <= 0.15, "held-out E2E median abs error \(e2e)\n\(table)")
        // 15.2% with the committed closed-loop phases; 15.4% and 21.3% with two other phase seeds
        // (Sources/CostGate/CostGate.docc/Simulator.md), so the 25% bound is asserted.
        #expect(ttft <= 0.25, "held-out TTFT median abs error \(ttft)\n\(table)")
        #expect(tpot <= 0.15, "held-out TPOT median abs error \(tpot)\n\(table)")
        // The issue sets no bound on offline throughput; this guards the 26% the simulator reaches now.
        #expect(throughput <= 0.30, "held-out offline throughput median abs error \(throughput)\n\(table)")
    }

    @Test func fitPointsAreReproduced() throws {
        for point in ValidationPoints.all where point.role == .fit {
            let outcome = try ValidationRunner.run(point)
            for error in [outcome.ttftError, outcome.tpotError, outcome.e2eError].compactMap({ $0 }) {
                #expect(abs(error) <= 0.10, "fit point \(point.id) off by \(error)")
            }
        }
    }
}
