import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// Pins every command's user-visible output with a golden file, so that refactoring the option layer, the
/// renderers or the plan reader cannot change a byte unnoticed. Re-record with `COSTGATE_RECORD=1`.
@Suite struct CommandGoldenTests {
    struct Run: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var golden: String
        var status: ExitCode
        var testDescription: String { golden }
    }

    static let chatbot = "Scenarios/support-chatbot/costgate.json"
    static let llama = "Scenarios/self-hosted-llama/costgate.json"

    static let runs: [Run] = [
        Run(arguments: [], golden: "usage-no-arguments.txt", status: .badInput),
        Run(arguments: ["--help"], golden: "help.txt", status: .success),
        Run(arguments: ["--version"], golden: "version.txt", status: .success),
        Run(arguments: ["validate", "--plan", chatbot], golden: "validate-support-chatbot.txt", status: .success),
        Run(arguments: ["validate", "--plan", chatbot, "--format", "json"], golden: "validate-support-chatbot.json", status: .success),
        Run(arguments: ["tokens", "Scenarios/prompt-edit/prompts/support_system.md"], golden: "tokens-o200k.txt", status: .success),
        Run(arguments: ["tokens", "--encoding", "cl100k_base", "--format", "json", "Scenarios/prompt-edit/prompts/support_system.md",
                        "Scenarios/prompt-edit/prompts/faq.json"], golden: "tokens-cl100k.json", status: .success),
        Run(arguments: ["tokens", "--model", "anthropic/claude-sonnet-4.5", "Scenarios/prompt-edit/prompts/support_system.md"],
            golden: "tokens-estimate.txt", status: .success),
        Run(arguments: ["breakdown", "--plan", chatbot], golden: "breakdown-route.txt", status: .success),
        Run(arguments: ["check", "--plan", chatbot, "--base-plan", "Scenarios/support-chatbot/costgate.base.json", "--format", "markdown",
                        "--max-comment-chars", "3000"], golden: "check-support-chatbot-3000.md", status: .success),
        Run(arguments: ["breakdown", "--plan", chatbot, "--by", "team", "--by", "model", "--format", "json"],
            golden: "breakdown-team-model.json", status: .success),
        Run(arguments: ["breakdown", "--plan", chatbot, "--by", "customer", "--top", "3"], golden: "breakdown-customer-top3.txt",
            status: .success),
        Run(arguments: ["rightsize", "--plan", llama, "--route", "chat", "--slo", "ttft_p95_ms=500", "--gpus", "A100-80GB", "--tp", "1", "--max-replicas", "2"],
            golden: "rightsize-a100.txt", status: .success),
        Run(arguments: ["rightsize", "--plan", llama, "--route", "chat", "--slo", "ttft_p95_ms=500", "--gpus", "A100-80GB", "--tp", "1", "--max-replicas", "2",
                        "--format", "json"], golden: "rightsize-a100.json", status: .success),
        Run(arguments: ["rightsize", "--plan", llama, "--route", "chat", "--slo", "ttft_p95_ms=500", "--gpus", "A100-80GB", "--tp", "1", "--max-replicas", "2",
                        "--format", "markdown"], golden: "rightsize-a100.md", status: .success),
        Run(arguments: ["check", "--plan", chatbot, "--format", "yaml"], golden: "error-unknown-format.txt", status: .badInput),
        Run(arguments: ["check", "--plan", chatbot, "--bse-ref", "main"], golden: "error-unknown-option.txt", status: .badInput),
        Run(arguments: ["chek"], golden: "error-unknown-command.txt", status: .badInput),
        Run(arguments: ["simulate", "--model", "meta-llama/Llama-3.1-8B-Instruct", "--gpu", "H100"], golden: "error-simulate-no-load.txt",
            status: .badInput),
    ]

    /// Every command's output (stdout, then stderr after a marker line) matches its golden file.
    @Test(arguments: runs)
    func outputMatchesGolden(run: Run) {
        let result = runCLI(run.arguments, in: repositoryRoot, environment: ["CI": "true"])
        #expect(result.status == run.status, "\(result.stderr)")
        var combined = result.stdout
        if !result.stderr.isEmpty { combined += "--- stderr ---\n" + result.stderr }
        #expect(!combined.isEmpty)
        Golden.assertGolden(combined, at: URL(fileURLWithPath: fixturesDirectory).appendingPathComponent("golden/\(run.golden)"))
    }
}
