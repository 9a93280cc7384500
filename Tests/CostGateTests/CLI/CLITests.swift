import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// The command line itself: help texts (golden), version, usage errors and exit statuses.
@Suite struct CLITests {
    static let commands = CLI.commands.map { $0.name }

    @Test(arguments: commands)
    func helpTextIsStable(command: String) {
        let result = runCLI([command, "--help"])
        #expect(result.status == .success)
        Golden.assertGolden(result.stdout, at: URL(fileURLWithPath: fixturesDirectory).appendingPathComponent("golden/help-\(command).txt"))
    }

    @Test func topLevelHelpListsEveryCommand() {
        let result = runCLI(["--help"])
        #expect(result.status == .success)
        for command in Self.commands { #expect(result.stdout.contains("  \(command) ")) }
    }

    @Test func versionPrintsTheVersion() {
        #expect(runCLI(["--version"]).stdout == "costgate \(CLI.version)\n")
    }

    @Test(arguments: [
        (["chek"], "did you mean 'check'"),
        (["check", "--formt", "json"], "did you mean '--format'"),
        (["check", "--format", "yaml"], "unknown format 'yaml'"),
        (["check", "--base-ref", "main", "--base-plan", "x.json"], "not both"),
        (["whatif", "--set", "nokey"], "key=value"),
        (["check", "--plan", "does-not-exist.json"], "no such plan file"),
    ])
    func usageErrorsExitTwoWithAHint(arguments: [String], message: String) {
        let result = runCLI(arguments, in: repositoryRoot)
        #expect(result.status == .badInput)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty || arguments == ["chek"])
    }

    @Test func setPatchesThePlanForAWhatIf() throws {
        let result = runCLI(["whatif", "--plan", "Scenarios/support-chatbot/costgate.json", "--set", "routes.chat.model=openai/gpt-4o-mini",
                             "--format", "json"], in: repositoryRoot)
        #expect(result.status == .success, "\(result.stderr)")
        let report = try #require(try parseJSON(result.stdout) as? [String: Any])
        let candidate = try #require((report["candidates"] as? [[String: Any]])?.first)
        #expect(candidate["name"] as? String == "patched")
        let byModel = try #require(candidate["by_model"] as? [String: Any])
        #expect(byModel["openai/gpt-4o"] == nil)
        let delta = try #require((candidate["delta"] as? [String: Any])?["monthly_cost"] as? Double)
        #expect(delta < 0)
    }

    /// A list's entries are named by index (`policies.0.max`); a bad index says what the list holds.
    @Test func setNamesAListEntryByItsIndex() throws {
        let plan = "Scenarios/support-chatbot/costgate.json"
        // `check --set` patches the head plan, whose policies govern.
        let result = runCLI(["check", "--plan", plan, "--set", "policies.0.max=1", "--format", "json"], in: repositoryRoot)
        #expect(result.status == .policyFailure, "\(result.stderr)")
        let report = try #require(try parseJSON(result.stdout) as? [String: Any], "\(result.stderr)")
        let rows = try #require(report["policies"] as? [[String: Any]])
        #expect(rows.first?["name"] as? String == "monthly budget")
        #expect(rows.first?["limit"] as? Double == 1 && rows.first?["status"] as? String == "fail", "\(rows)")
        // The other policies are still there, unchanged.
        #expect(rows.map { $0["name"] as? String } == ["monthly budget", "support team", "acme spend", "monthly increase", "value for money"])
        #expect(rows[1]["limit"] as? Double == 26000)
        // In whatif the plan's own policies govern: a patch to them is refused rather than ignored.
        let whatif = runCLI(["whatif", "--plan", plan, "--set", "policies.0.max=1"], in: repositoryRoot)
        #expect(whatif.status == .badInput)
        #expect(whatif.stderr.contains("use check --set to try a policy"), "\(whatif.stderr)")
        for bad in ["policies.5.max=1", "policies.x.max=1", "policies.-1.max=1", "policies.+1.max=1"] {
            let error = runCLI(["check", "--plan", plan, "--set", bad], in: repositoryRoot)
            #expect(error.status == .badInput)
            #expect(error.stderr.contains("'policies' is a list, and its entries are policies.0 to policies.4"), "\(bad): \(error.stderr)")
        }
    }

    @Test func progressIsQuietInCI() {
        let context = CommandContext(environment: ["CI": "true"], currentDirectory: "/", stdout: { _ in }, stderr: { _ in }, stderrIsTerminal: true)
        #expect(!context.showsProgress)
        let terminal = CommandContext(environment: [:], currentDirectory: "/", stdout: { _ in }, stderr: { _ in }, stderrIsTerminal: true)
        #expect(terminal.showsProgress)
    }
}

extension CLITests {
    @Test func routeThatMatchesNoRecordIsWarnedWithASuggestion() throws {
        let result = runCLI(["check", "--plan", "Scenarios/support-chatbot/costgate.json", "--set", "routes.chta.model=openai/gpt-4o-mini",
                             "--format", "json"], in: repositoryRoot)
        #expect(result.status == .success, "\(result.stderr)")
        let report = try #require(try parseJSON(result.stdout) as? [String: Any])
        let warnings = try #require(report["warnings"] as? [String])
        #expect(warnings.contains { $0.contains("route 'chta' matches no record") && $0.contains("did you mean 'chat'") }, "\(warnings)")
    }
}

extension CLITests {
    /// `simulate` output is deterministic for a seed and stays as recorded.
    @Test(arguments: [("text", "simulate-8b-h100.txt"), ("json", "simulate-8b-h100.json")])
    func simulateOutputIsStable(format: String, golden: String) {
        let arguments = ["simulate", "--model", "meta-llama/Llama-3.1-8B-Instruct", "--gpu", "H100", "--rate", "8",
                         "--requests", "400", "--lengths", "sharegpt", "--seed", "7", "--format", format]
        let first = runCLI(arguments)
        #expect(first.status == .success, "\(first.stderr)")
        #expect(runCLI(arguments).stdout == first.stdout)
        Golden.assertGolden(first.stdout, at: URL(fileURLWithPath: fixturesDirectory).appendingPathComponent("golden/" + golden))
    }
}
