import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// The backtest and `"calibration": "traffic"`: a fleet whose decode is 30% slower than its engine profile
/// (latencies made by the simulator itself with slowed coefficients, so the truth is known) is recorded; the
/// backtest shows the profile's error, and fitting on the traffic removes it.
@Suite struct TrafficCalibrationTests {
    private static let plan = #"""
    {"version": 1, "traffic": {"path": "traffic.jsonl", "format": "jsonl", "sample_rate": 1},
     "deployments": {"llama8b": {"model": "meta-llama/Llama-3.1-8B-Instruct", "gpu": "H100", "replicas": 1,
                                 "engine": {"name": "vllm", "version": "0.11.0"}CALIBRATION}},
     "routes": {"chat": {"deployment": "llama8b"}}}
    """#

    /// A repository with base.json (profile coefficients), fitted.json (calibration from traffic) and the traffic.
    private func scratch() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("costgate-traffic-fit-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/.git", withIntermediateDirectories: true)
        try Self.plan.replacingOccurrences(of: "CALIBRATION", with: "").write(toFile: folder + "/base.json", atomically: true, encoding: .utf8)
        try Self.plan.replacingOccurrences(of: "CALIBRATION", with: #", "calibration": "traffic""#)
            .write(toFile: folder + "/fitted.json", atomically: true, encoding: .utf8)
        let deployment = try #require(try PlanLoader.load("base.json", from: .workTree(root: folder)).plan.deployment(named: "llama8b"))
        var slowed = deployment.engine.profile.stepTime
        slowed.bandwidthEfficiency /= 1.3
        slowed.stepOverhead *= 1.3
        slowed.perSequenceOverhead *= 1.3
        var requests: [SimRequest] = []
        var state: UInt64 = 7
        var clock = 0.0
        for _ in 0..<400 {
            state = SplitMix64.mix(state)
            clock += -log(Double(state >> 11) / Double(UInt64(1) << 53) + 1e-12) / 3
            requests.append(SimRequest(arrival: clock, inputTokens: 400 + Int(state % 900), outputTokens: 80 + Int((state >> 20) % 300)))
        }
        let measured = ServingSimulator.run(requests, deployment: deployment, options: ServingSimulator.Options(coefficients: slowed))
        var log = ""
        for (k, request) in requests.enumerated() {
            log += #"{"timestamp": \#(1_760_000_000 + request.arrival), "model": "meta-llama/Llama-3.1-8B-Instruct", "route": "chat", "#
            log += #""input_tokens": \#(request.inputTokens), "output_tokens": \#(request.outputTokens), "#
            log += #""ttft_ms": \#(measured.ttftMs[k]), "latency_ms": \#(measured.e2eMs[k])}"# + "\n"
        }
        try log.write(toFile: folder + "/traffic.jsonl", atomically: true, encoding: .utf8)
        return folder
    }

    private func backtest(_ arguments: [String], in folder: String) throws -> [String: Any] {
        let result = runCLI(["check", "--format", "json"] + arguments, in: folder)
        #expect(result.status == .success, "\(result.stderr)")
        let report = try #require(try parseJSON(result.stdout) as? [String: Any])
        let list = try #require(report["backtest"] as? [[String: Any]])
        try #require(list.count == 1)
        return list[0]
    }

    private func errors(_ entry: [String: Any]) throws -> (ttft: Double, tpot: Double, e2e: Double) {
        let error = try #require(entry["error"] as? [String: Any])
        return (try #require(error["ttft_ms"] as? Double), try #require(error["tpot_ms"] as? Double), try #require(error["e2e_ms"] as? Double))
    }

    @Test func theBacktestShowsTheProfilesErrorAndTheTrafficFitRemovesIt() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let profile = try backtest(["--plan", "base.json"], in: folder)
        #expect(profile["deployment"] as? String == "llama8b" && profile["records"] as? Double == 400)
        #expect((profile["coefficients"] as? String)?.hasPrefix("engine profile") == true)
        let before = try errors(profile)
        // Decode 30% slower than the profile: the profile predicts TPOT about 1/1.3 − 1 = −23% off.
        #expect(before.tpot < -0.15 && before.e2e < -0.1, "\(before)")

        let fitted = try backtest(["--plan", "fitted.json", "--base-plan", "fitted.json"], in: folder)
        #expect(fitted["coefficients"] as? String == "fitted on this traffic (in-sample: not a validation)")
        let after = try errors(fitted)
        #expect(abs(after.tpot) < 0.05 && abs(after.e2e) < 0.05 && abs(after.ttft) < 0.15, "\(after)")
    }

    @Test func theHeadSideForecastsWithTheFittedFleet() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = runCLI(["check", "--plan", "fitted.json", "--base-plan", "base.json", "--format", "json"], in: folder)
        #expect(result.status == .success, "\(result.stderr)")
        let report = try #require(try parseJSON(result.stdout) as? [String: Any])
        func tpotP50(_ side: [String: Any]) throws -> Double {
            let latency = try #require(side["latency"] as? [String: Any])
            let tpot = try #require(latency["tpot_ms"] as? [String: Any])
            return try #require(tpot["p50"] as? Double)
        }
        let base = try tpotP50(try #require(report["baseline"] as? [String: Any]))
        let head = try tpotP50(try #require((report["candidates"] as? [[String: Any]])?.first))
        // The head's fleet decodes like the recorded one: slower than the profile the base side used.
        #expect(head > base * 1.15, "base \(base), head \(head)")
    }

    @Test func trafficCalibrationNeedsTheBaseSideToServeTheDeployment() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let api = #"{"version": 1, "traffic": {"path": "traffic.jsonl", "format": "jsonl", "sample_rate": 1}, "routes": {"chat": {"model": "openai/gpt-4o-mini"}}}"#
        try api.write(toFile: folder + "/api.json", atomically: true, encoding: .utf8)
        let result = runCLI(["check", "--plan", "fitted.json", "--base-plan", "api.json"], in: folder)
        #expect(result.status == .badInput)
        #expect(result.stderr.contains("deployments.llama8b.calibration") && result.stderr.contains("no deployment 'llama8b' in"), "\(result.stderr)")
    }
}
