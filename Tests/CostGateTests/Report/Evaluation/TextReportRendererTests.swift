import CostGate
import CostGateTestSupport
import Foundation
import Testing

/// The text report goes to a terminal or a CI log: nothing from the plan or the traffic may drive it.
struct TextReportRendererTests {
    /// A policy's note quotes its filter and the traffic's values ("did you mean"); a terminal escape in either is
    /// printed as `?`, as in every other cell.
    @Test func policyNotesCannotDriveTheTerminal() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("costgate-text-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/.git", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let plan = #"""
            {"version": 1, "traffic": {"path": "traffic.jsonl", "window_hours": 24}, "routes": {"*": {"model": "openai/gpt-4o"}},
             "policies": [{"name": "t", "metric": "monthly_cost", "max": 100, "where": {"team": "\u001b]0;pwne"}}]}
            """#
        let traffic = #"""
            {"timestamp": 1, "input_tokens": 1000, "output_tokens": 100, "team": "\u001b]0;pwned\u0007x"}
            {"timestamp": 2, "input_tokens": 100, "output_tokens": 10, "team": "y"}

            """#
        try plan.write(toFile: folder + "/costgate.json", atomically: true, encoding: .utf8)
        try traffic.write(toFile: folder + "/traffic.jsonl", atomically: true, encoding: .utf8)
        let result = runCLI(["check", "--format", "text"], in: folder)
        #expect(result.status == .success, "\(result.stderr)")
        #expect(result.stdout.contains("note: t: no records match team=?]0;pwne; no record has team=?]0;pwne: did you mean team=?]0;pwned?x?"),
                "\(result.stdout)")
        #expect(!result.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }
}
