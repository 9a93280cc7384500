import CostGate
import CostGateTestSupport
import Foundation
import Testing

/// Policies are measured in parallel; what a check reports must not depend on which finishes first.
struct PolicyEvaluatorTests {
    /// The support-chatbot scenario's plans in a scratch folder, the head plan's policies replaced by `policies`.
    static func scenario(policies: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("costgate-policies-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let source = repositoryRoot + "/Scenarios/support-chatbot/"
        for name in ["costgate.base.json", "traffic.jsonl"] {
            try FileManager.default.copyItem(atPath: source + name, toPath: folder + "/" + name)
        }
        var plan = try String(contentsOfFile: source + "costgate.json", encoding: .utf8)
        let start = try #require(plan.range(of: #""policies": ["#))
        let end = try #require(plan.range(of: "],\n  \"candidates\"", range: start.upperBound..<plan.endIndex))
        plan.replaceSubrange(start.lowerBound..<end.lowerBound, with: #""policies": ["# + policies)
        try plan.write(toFile: folder + "/costgate.json", atomically: true, encoding: .utf8)
        return folder
    }

    @Test func theFirstPolicyThatCannotBeMeasuredInPlanOrderIsTheErrorReported() throws {
        let folder = try Self.scenario(policies: #"""
            {"name": "budget", "metric": "monthly_cost", "max": 30000},
            {"name": "first", "metric": "monthly_cost", "max": 1, "where": {"tem": "support"}},
            {"name": "second", "metric": "monthly_cost", "max": 1, "where": {"custmer": "acme"}}
            """#)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for _ in 0..<5 {
            let result = runCLI(["check", "--plan", "costgate.json", "--base-plan", "costgate.base.json"], in: folder)
            #expect(result.status == .badInput)
            #expect(result.stderr.contains("'tem'") && result.stderr.contains("policy 'first'"), "\(result.stderr)")
            #expect(!result.stderr.contains("custmer"))
            #expect(result.stdout.isEmpty)
        }
    }

    @Test func resultsKeepPlanOrderForEveryCandidate() throws {
        let policies = (0..<12).map { #"{"name": "p\#($0)", "metric": "monthly_cost", "max": \#(1000 * $0), "where": {"team": "support"}}"# }
        let folder = try Self.scenario(policies: policies.joined(separator: ",\n    "))
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = runCLI(["whatif", "--plan", "costgate.json", "--format", "json"], in: folder)
        let report = try #require(try parseJSON(result.stdout) as? [String: Any], "\(result.stderr)")
        let rows = try #require(report["policies"] as? [[String: Any]])
        let order = rows.map { "\($0["name"] ?? "")/\($0["candidate"] ?? "")" }
        let candidates = Array(Set(rows.compactMap { $0["candidate"] as? String })).sorted()
        #expect(candidates.count >= 2)
        #expect(order == (0..<12).flatMap { index in rows.prefix(candidates.count).map { "p\(index)/\($0["candidate"] ?? "")" } })
        // Every candidate's support-team cost is the same figure whichever policy measured it.
        for candidate in candidates {
            let actuals = Set(rows.filter { $0["candidate"] as? String == candidate }.compactMap { $0["actual"] as? Double })
            #expect(actuals.count == 1, "\(candidate): \(actuals)")
        }
    }
}
