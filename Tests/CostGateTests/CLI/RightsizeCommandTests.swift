import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// `costgate rightsize`'s lists of GPUs, tensor-parallel degrees and SLOs.
@Suite struct RightsizeCommandTests {
    private var scenario: String { repositoryRoot + "/Scenarios/support-chatbot" }

    /// An empty `--gpus` with `--model` trapped (the first GPU of none); a GPU, degree or SLO given twice listed
    /// every fleet twice or kept two limits for one objective. Each is a usage error before any simulation.
    @Test(arguments: [
        (["--gpus", ""], "--gpus expects a comma-separated list with no empty item, found ''"),
        (["--gpus", ","], "--gpus expects a comma-separated list with no empty item, found ','"),
        (["--gpus", "H100,,L40S"], "--gpus expects a comma-separated list with no empty item"),
        (["--gpus", "H100,H100"], "--gpus lists 'H100' twice"),
        (["--gpus", "H100,h100"], "--gpus names H100 twice"),
        (["--tp", "1,2,1"], "--tp lists '1' twice"),
        (["--tp", "1,2,01"], "--tp lists 1 twice"),
        (["--tp", ""], "--tp expects a comma-separated list with no empty item"),
        (["--slo", "ttft_p95_ms=600"], "--slo gives ttft_p95_ms twice"),
    ])
    func badListsAreUsageErrors(extra: [String], message: String) {
        let arguments = ["rightsize", "--plan", "costgate.json", "--route", "chat", "--slo", "ttft_p95_ms=800",
                         "--model", "meta-llama/Llama-3.1-8B-Instruct"] + extra
        let result = runCLI(arguments, in: scenario)
        #expect(result.status == .badInput)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}
