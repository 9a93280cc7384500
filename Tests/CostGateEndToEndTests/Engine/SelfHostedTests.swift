import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// Self-hosted routes in check: GPU cost joins the forecast, quality and `where: model` see the deployment.
@Suite struct SelfHostedTests {
    @Test func deploymentRouteIsScoredFilteredAndCosted() throws {
        let folder = repositoryRoot + "/Scenarios/self-hosted-llama"
        let result = runCLI(["check", "--plan", "costgate.json", "--base-plan", "costgate.base.json", "--format", "json",
                             "--set", #"quality={"chat": {"meta-llama/Llama-3.1-8B-Instruct": 0.8, "openai/gpt-4o-mini": 0.85}}"#,
                             "--set", #"policies=[{"name": "fleet", "metric": "monthly_cost", "max": 1e9, "where": {"model": "llama8b"}}]"#],
                            in: folder)
        #expect(result.status == .success, "\(result.stderr)")
        let report = try #require(try parseJSON(result.stdout) as? [String: Any])
        let head = try #require((report["candidates"] as? [[String: Any]])?.first)
        #expect(head["quality"] as? Double == 0.8)
        let fleet = try #require((head["fleet"] as? [String: [String: Any]])?["llama8b"])
        let fleetCost = try #require(fleet["monthly_cost"] as? Double)
        let monthly = try #require(head["monthly_cost"] as? Double)
        // The only route is self-hosted, so the month's cost is the fleet's, all of it attributed.
        #expect(abs(monthly - fleetCost) < 1e-6 * fleetCost)
        // Two H100s for 30 days at $2.69 per GPU-hour.
        #expect(abs(fleetCost - 2 * 24 * 30 * 2.69) < 0.01 * fleetCost)
        // A fixed fleet costs the same whatever the sample's count: the interval is that one figure.
        #expect(head["monthly_cost_low"] as? Double == monthly)
        #expect(head["monthly_cost_high"] as? Double == monthly)
        let policy = try #require((report["policies"] as? [[String: Any]])?.first)
        #expect(abs((policy["actual"] as? Double ?? 0) - monthly) < 1e-6 * monthly)
        let breakEven = try #require((head["break_even"] as? [[String: Any]])?.first)
        #expect(breakEven["route"] as? String == "chat")
        let latency = try #require(head["latency"] as? [String: Any])
        #expect((latency["ttft_ms"] as? [String: Any])?["p95"] is Double)
    }

    /// At a sample rate of 1e-9 each record stands for a billion requests: the simulation limit is an input error
    /// at once; so is a sample spanning more than 366 days. (The limit was checked after a record's copies were made, so three records took 23 GB before the
    /// kernel stopped the process.)
    @Test func aSimulationBeyondItsBoundsIsRefusedBeforeItRuns() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("costgate-billion-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/.git", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let source = repositoryRoot + "/Scenarios/self-hosted-llama/"
        let plan = try String(contentsOfFile: source + "costgate.json", encoding: .utf8)
            .replacingOccurrences(of: #""sample_rate": 0.2"#, with: #""sample_rate": 0.000000001"#)
        #expect(plan.contains("0.000000001"))
        try plan.write(toFile: folder + "/costgate.json", atomically: true, encoding: .utf8)
        let lines = try String(contentsOfFile: source + "traffic.jsonl", encoding: .utf8).split(separator: "\n").prefix(3)
        try (lines.joined(separator: "\n") + "\n").write(toFile: folder + "/traffic.jsonl", atomically: true, encoding: .utf8)
        let result = runCLI(["check", "--format", "json"], in: folder)
        #expect(result.status == .badInput)
        #expect(result.stderr.contains("expected at most 5000000 simulated requests"), "\(result.stderr)")
        #expect(result.stderr.contains("found at least 1,"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)

        // Two records 3,170 years apart (timestamps within the readers' bounds) made 27.8 million hourly replica
        // counts: a 167 MB report. A simulation replays at most 366 days.
        let apart = try String(contentsOfFile: source + "traffic.jsonl", encoding: .utf8).split(separator: "\n").prefix(2).enumerated()
            .map { position, line in
                var object = try #require(try parseJSON(String(line)) as? [String: Any])
                object["timestamp"] = position == 0 ? 0 : 99_999_999_999
                return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
            }
        try (apart.joined(separator: "\n") + "\n").write(toFile: folder + "/traffic.jsonl", atomically: true, encoding: .utf8)
        try String(contentsOfFile: source + "costgate.json", encoding: .utf8).write(toFile: folder + "/costgate.json", atomically: true, encoding: .utf8)
        let far = runCLI(["check", "--format", "json"], in: folder)
        #expect(far.status == .badInput)
        #expect(far.stderr.contains("expected records spanning at most 366 days to simulate (they are replayed in time from the sample's "
                                    + "first record), found this deployment's last record 1,157,407 days after the sample's first"),
                "\(far.stderr)")

        // A record of another route (a hosted API) 1,013 years before the deployment's: the simulation starts at the
        // sample's first record, so it would bill the fleet for 1,013 years (a 412 MB run, utilisation near 0).
        let early = #"{"timestamp": "1012-10-20T00:00:35Z", "model": "openai/gpt-4o-mini", "route": "other", "input_tokens": 534, "output_tokens": 431}"#
        try (early + "\n" + String(contentsOfFile: source + "traffic.jsonl", encoding: .utf8).split(separator: "\n").prefix(20).joined(separator: "\n") + "\n")
            .write(toFile: folder + "/traffic.jsonl", atomically: true, encoding: .utf8)
        let beforeIt = runCLI(["check", "--format", "json"], in: folder)
        #expect(beforeIt.status == .badInput)
        #expect(beforeIt.stderr.contains("found this deployment's last record 369,"), "\(beforeIt.stderr)")
        #expect(beforeIt.stdout.isEmpty)
    }
}

