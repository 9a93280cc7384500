import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// Issue scenario: a pull request that only edits a prompt file, checked with `--base-ref` in a repository
/// the test builds from `Scenarios/prompt-edit`.
@Suite struct PromptEditScenarioTests {
    static let scenario = repositoryRoot + "/Scenarios/prompt-edit"

    /// A repository whose HEAD commit has the base prompts and whose work tree has the head prompts.
    static func makeRepository() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("costgate-prompt-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/prompts", withIntermediateDirectories: true)
        for file in ["costgate.json", "traffic.jsonl"] {
            try FileManager.default.copyItem(atPath: scenario + "/" + file, toPath: folder + "/" + file)
        }
        for file in ["support_system.md", "faq.json"] {
            try FileManager.default.copyItem(atPath: scenario + "/base/prompts/" + file, toPath: folder + "/prompts/" + file)
        }
        try BaseRefTests.git(["init", "-q", "-b", "main"], in: folder)
        try BaseRefTests.git(["add", "-A"], in: folder)
        try BaseRefTests.git(["commit", "-q", "-m", "base"], in: folder)
        for file in ["support_system.md", "faq.json"] {
            try FileManager.default.removeItem(atPath: folder + "/prompts/" + file)
            try FileManager.default.copyItem(atPath: scenario + "/prompts/" + file, toPath: folder + "/prompts/" + file)
        }
        return folder
    }

    @Test(arguments: [("markdown", "check.md"), ("json", "check.json"), ("text", "check.txt")])
    func reportMatchesGolden(format: String, golden: String) throws {
        let folder = try Self.makeRepository()
        let result = runCLI(["check", "--base-ref", "HEAD", "--format", format], in: folder, environment: ["CI": "true"])
        #expect(result.status == .success, "\(result.stderr)")
        Golden.assertGolden(result.stdout, at: URL(fileURLWithPath: Self.scenario + "/expected/" + golden))
    }

    @Test func reportsTheExactTokenDeltaAndItsMonthlyCost() throws {
        let folder = try Self.makeRepository()
        let result = runCLI(["check", "--base-ref", "HEAD", "--format", "json"], in: folder)
        #expect(result.status == .success, "\(result.stderr)")
        let report = try #require(try parseJSON(result.stdout) as? [String: Any])
        let head = try #require((report["candidates"] as? [[String: Any]])?.first)
        let prompts = try #require(head["prompts"] as? [[String: Any]])
        let support = try #require(prompts.first { $0["route"] as? String == "support" })
        let faq = try #require(prompts.first { $0["route"] as? String == "faq" })

        let tokenizer = try BPETokenizer.shared(.o200kBase)
        let base = try String(contentsOfFile: Self.scenario + "/base/prompts/support_system.md", encoding: .utf8)
        let edited = try String(contentsOfFile: Self.scenario + "/prompts/support_system.md", encoding: .utf8)
        let delta = tokenizer.count(edited) - tokenizer.count(base)
        #expect(delta > 250)
        #expect(support["base_tokens"] as? Int == tokenizer.count(base))
        #expect(support["delta_tokens"] as? Int == delta)
        #expect(support["exact"] as? Bool == true)
        #expect(faq["delta_tokens"] as? Int == 0)
        #expect(faq["exact"] as? Bool == false)

        // Every support request pays for the new tokens at gpt-4o's input rate; each record stands for 20 requests, 30 days.
        let traffic = try String(contentsOfFile: folder + "/traffic.jsonl", encoding: .utf8)
        let supportRecords = traffic.split(separator: "\n").filter { $0.contains(#""route":"support""#) }.count
        let expected = Double(supportRecords) * 20 * Double(delta) * 2.5 / 1e6 * 30
        let change = try #require((head["delta"] as? [String: Any])?["monthly_cost"] as? Double)
        #expect(abs(change - expected) < 1e-6 * expected, "\(change) vs \(expected)")
    }
}
