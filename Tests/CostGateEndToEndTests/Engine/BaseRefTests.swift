import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// `check --base-ref` reads the base plan, and every file it names, from git at the ref.
@Suite struct BaseRefTests {
    static func git(_ arguments: [String], in folder: String) throws { try GitFixture.git(arguments, in: folder) }
    static func repository(_ files: [String: String]) throws -> String { try GitFixture.repository(files) }
    static func write(_ files: [String: String], in folder: String) throws { try GitFixture.write(files, in: folder) }

    static let traffic = (0..<50).map { index in
        #"{"timestamp": \#(1_700_000_000 + index * 60), "model": "openai/gpt-4o", "route": "chat", "input_tokens": 1000, "output_tokens": 100}"#
    }.joined(separator: "\n") + "\n"

    static func plan(model: String, prompt: Int) -> String {
        #"{"version": 1, "traffic": {"path": "data/traffic.jsonl", "window_hours": 1}, "routes": {"chat": {"model": "\#(model)", "prompt_tokens": \#(prompt)}}, "policies": [{"name": "growth", "metric": "monthly_cost_delta_pct", "max": 20}]}"#
    }

    @Test func baseSideIsReadAtTheRef() throws {
        let folder = try Self.repository(["costgate.json": Self.plan(model: "openai/gpt-4o", prompt: 500), "data/traffic.jsonl": Self.traffic])
        try Self.write(["costgate.json": Self.plan(model: "openai/gpt-4o", prompt: 800)], in: folder)
        let result = runCLI(["check", "--base-ref", "main", "--format", "json"], in: folder)
        #expect(result.status == .policyFailure, "\(result.stderr)")
        let report = try #require(try parseJSON(result.stdout) as? [String: Any])
        let head = try #require((report["candidates"] as? [[String: Any]])?.first)
        let prompts = try #require(head["prompts"] as? [[String: Any]])
        #expect(prompts.first?["delta_tokens"] as? Int == 300)
        // 50 requests an hour, +300 input tokens each at $2.50 per 1M, for 30 days of 24 hours.
        let delta = try #require((head["delta"] as? [String: Any])?["monthly_cost"] as? Double)
        #expect(abs(delta - 50 * 300 * 2.5 / 1e6 * 24 * 30) < 1e-9)
        #expect((report["assumptions"] as? [String: Any])?["baseline"] as? String == "the plan at main")
    }

    @Test func eachSideReadsItsOwnFilesAndUnknownRefsAreErrors() throws {
        let folder = try Self.repository(["costgate.json": Self.plan(model: "openai/gpt-4o", prompt: 500), "data/traffic.jsonl": Self.traffic])
        var plan = Self.plan(model: "openai/gpt-4o", prompt: 500)
        plan = plan.replacingOccurrences(of: "data/traffic.jsonl", with: "data/new.jsonl")
        try Self.write(["costgate.json": plan, "data/new.jsonl": Self.traffic], in: folder)
        try Self.git(["add", "-A"], in: folder)
        try Self.git(["commit", "-q", "-m", "head"], in: folder)
        // The base plan at HEAD~1 names data/traffic.jsonl, which still exists; at HEAD the new file is read.
        let ok = runCLI(["check", "--base-ref", "HEAD~1"], in: folder)
        #expect(ok.status == .success, "\(ok.stderr)")
        let missing = runCLI(["check", "--base-ref", "no-such-branch"], in: folder)
        #expect(missing.status == .badInput)
        #expect(missing.stderr.contains("does not name a commit"), "\(missing.stderr)")
    }
}
