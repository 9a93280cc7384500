import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// Runs every bundled scenario as a user would and compares each report with its golden file in
/// `Scenarios/<name>/expected/`. Re-record with `COSTGATE_RECORD=1 swift test --filter ScenarioTests`.
@Suite struct ScenarioTests {
    struct Run: CustomTestStringConvertible, Sendable {
        var scenario: String
        var arguments: [String]
        var golden: String
        var status: ExitCode
        /// The golden file of the JSON report the same run writes with `--json-output`, as a CI step has `check`
        /// write Markdown for the comment and JSON for `costgate comment --report` in one run.
        var jsonGolden: String? = nil
        var testDescription: String { "\(scenario)/\(golden)" + (jsonGolden.map { "+" + $0 } ?? "") }
    }

    static func check(_ scenario: String, format: String, golden: String, status: ExitCode, extra: [String] = [],
                      jsonGolden: String? = nil) -> Run {
        Run(scenario: scenario,
            arguments: ["check", "--plan", "Scenarios/\(scenario)/costgate.json",
                        "--base-plan", "Scenarios/\(scenario)/costgate.base.json", "--format", format] + extra,
            golden: golden, status: status, jsonGolden: jsonGolden)
    }

    static let runs: [Run] = [
        check("support-chatbot", format: "markdown", golden: "check.md", status: .success),
        check("support-chatbot", format: "json", golden: "check.json", status: .success),
        check("support-chatbot", format: "text", golden: "check.txt", status: .success),
        Run(scenario: "support-chatbot", arguments: ["whatif", "--plan", "Scenarios/support-chatbot/costgate.json", "--format", "markdown"],
            golden: "whatif.md", status: .success),
        Run(scenario: "support-chatbot",
            arguments: ["breakdown", "--plan", "Scenarios/support-chatbot/costgate.json", "--by", "customer", "--by", "team", "--format", "markdown"],
            golden: "showback.md", status: .success),
        Run(scenario: "support-chatbot",
            arguments: ["breakdown", "--plan", "Scenarios/support-chatbot/costgate.json", "--by", "customer", "--format", "csv"],
            golden: "showback.csv", status: .success),
        check("quality-gate", format: "markdown", golden: "check.md", status: .policyFailure, jsonGolden: "check.json"),
        check("quality-gate", format: "junit", golden: "check.junit.xml", status: .policyFailure),
        check("quality-gate", format: "codequality", golden: "check.codequality.json", status: .policyFailure),
        check("azure-conversation", format: "markdown", golden: "check.md", status: .success, jsonGolden: "check.json"),
        check("self-hosted-llama", format: "markdown", golden: "check.md", status: .success, jsonGolden: "check.json"),
        check("azure-code-autoscale", format: "markdown", golden: "check.md", status: .policyFailure, jsonGolden: "check.json"),
        check("azure-code-autoscale", format: "text", golden: "check.txt", status: .policyFailure),
        check("support-gateway", format: "markdown", golden: "check.md", status: .success, jsonGolden: "check.json"),
        check("support-gateway", format: "text", golden: "check.txt", status: .success),
        Run(scenario: "support-gateway", arguments: ["whatif", "--plan", "Scenarios/support-gateway/costgate.json", "--format", "markdown"],
            golden: "whatif.md", status: .policyFailure),
        check("cv-service-autoscale", format: "markdown", golden: "check.md", status: .policyFailure, jsonGolden: "check.json"),
        check("cv-service-autoscale", format: "text", golden: "check.txt", status: .policyFailure),
        check("tco-owned-h100", format: "markdown", golden: "check.md", status: .success, jsonGolden: "check.json"),
        check("openai-usage-export", format: "markdown", golden: "check.md", status: .success, jsonGolden: "check.json"),
        check("anthropic-usage-export", format: "markdown", golden: "check.md", status: .success, jsonGolden: "check.json"),
        check("litellm-proxy", format: "markdown", golden: "check.md", status: .success, jsonGolden: "check.json"),
        check("prompt-reorder", format: "markdown", golden: "check.md", status: .policyFailure, jsonGolden: "check.json"),
        check("prompt-reorder", format: "text", golden: "check.txt", status: .policyFailure),
        check("price-book", format: "markdown", golden: "check.md", status: .policyFailure, jsonGolden: "check.json"),
        check("price-book", format: "text", golden: "check.txt", status: .policyFailure),
        check("otel-genai-spans", format: "markdown", golden: "check.md", status: .success, jsonGolden: "check.json"),
        check("langfuse-export", format: "markdown", golden: "check.md", status: .success, jsonGolden: "check.json"),
        check("helicone-export", format: "markdown", golden: "check.md", status: .success, jsonGolden: "check.json"),
    ]

    @Test(arguments: runs)
    func scenarioMatchesGolden(run: Run) throws {
        let expected = URL(fileURLWithPath: repositoryRoot).appendingPathComponent("Scenarios/\(run.scenario)/expected")
        let jsonPath = FileManager.default.temporaryDirectory.appendingPathComponent("costgate-scenario-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: jsonPath) }
        let result = runCLI(run.arguments + (run.jsonGolden == nil ? [] : ["--json-output", jsonPath]), in: repositoryRoot,
                            environment: ["CI": "true"])
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect(result.status == run.status)
        Golden.assertGolden(result.stdout, at: expected.appendingPathComponent(run.golden))
        if let jsonGolden = run.jsonGolden {
            let json = try #require(FileManager.default.contents(atPath: jsonPath), "--json-output wrote no report")
            Golden.assertGolden(String(decoding: json, as: UTF8.self), at: expected.appendingPathComponent(jsonGolden))
        }
    }

    /// The real binary, as a CI step runs it: the exit status fails the build and stdout is the golden report.
    @Test func builtBinaryFailsTheBuildOnTheQualityGate() throws {
        try #require(FileManager.default.isExecutableFile(atPath: builtBinary), "swift test builds the costgate executable")
        let run = Self.check("quality-gate", format: "json", golden: "check.json", status: .policyFailure)
        let result = try runBinary(run.arguments, in: repositoryRoot)
        #expect(result.status == 1, "\(result.stderr)")
        let golden = try String(contentsOfFile: repositoryRoot + "/Scenarios/quality-gate/expected/check.json", encoding: .utf8)
        #expect(result.stdout == golden)
        let bad = try runBinary(["check", "--plan", "Scenarios/quality-gate/costgate.json", "--format", "yaml"], in: repositoryRoot)
        #expect(bad.status == 2)
        #expect(bad.stdout.isEmpty && bad.stderr.contains("unknown format 'yaml'"))
    }

    @Test func reportsAreByteIdenticalAcrossRuns() {
        let first = runCLI(Self.runs[1].arguments, in: repositoryRoot)
        let second = runCLI(Self.runs[1].arguments, in: repositoryRoot)
        #expect(first.stdout == second.stdout)
        #expect(!first.stdout.isEmpty)
    }
}
