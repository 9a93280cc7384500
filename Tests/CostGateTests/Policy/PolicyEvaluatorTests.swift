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

    /// A scratch repository folder holding `plan` as `costgate.json` and `traffic` as `traffic.jsonl`.
    static func scratch(plan: String, traffic: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("costgate-policy-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/.git", withIntermediateDirectories: true)
        try plan.write(toFile: folder + "/costgate.json", atomically: true, encoding: .utf8)
        try traffic.write(toFile: folder + "/traffic.jsonl", atomically: true, encoding: .utf8)
        return folder
    }

    /// Fleet-wide and per-model metrics cannot select records by route or tag. They used to accept such a `where`
    /// and report the whole figure under its name ("gpu_utilization for route chat" was every fleet's); now the
    /// plan is refused at the key, exit 2, and `model` stays allowed where the metric is per model.
    @Test func aWhereTheMetricCannotHonourIsAPlanError() throws {
        let cases: [(policy: String, expected: String?)] = [
            (#"{"name": "busy", "metric": "gpu_utilization", "min": 0.1, "where": {"route": "chat"}}"#,
             "'policies[0].where.route': expected no where with gpu_utilization"),
            (#"{"name": "drift", "metric": "price_drift_pct", "max": 2, "where": {"team": "core"}}"#,
             "'policies[0].where.team': expected only model with price_drift_pct"),
            (#"{"name": "tpm", "metric": "peak_tpm_share", "max": 0.8, "where": {"model": "openai/gpt-4o", "route": "chat"}}"#,
             "'policies[0].where.route': expected only model with peak_tpm_share"),
            (#"{"name": "rpm", "metric": "peak_rpm_share", "max": 0.8, "where": {"model": "openai/gpt-4o"}}"#, nil),
            (#"{"name": "drift", "metric": "price_drift_pct", "max": 2, "where": {"model": "openai/gpt-4o"}}"#, nil),
        ]
        for (policy, expected) in cases {
            let plan = #"{"version": 1, "traffic": {"path": "traffic.jsonl", "window_hours": 1}, "routes": {"*": {"model": "recorded"}}, "policies": ["#
                + policy + "]}"
            let folder = try Self.scratch(plan: plan, traffic: #"{"timestamp": 1700000000, "model": "openai/gpt-4o", "route": "chat", "team": "core", "input_tokens": 10, "output_tokens": 5}"# + "\n")
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let result = runCLI(["check", "--format", "json"], in: folder)
            if let expected {
                #expect(result.status == .badInput, "\(policy)")
                #expect(result.stderr.contains(expected), "\(result.stderr)")
                #expect(result.stdout.isEmpty)
            } else {
                #expect(result.status != .badInput, "\(policy): \(result.stderr)")
            }
        }
    }

    /// Tier policies without `where.route` pool a tier over every router route. Route `a` is scored by the plan
    /// (every request), route `b` only where a record carries its own quality (one in three), so the two tiers named
    /// `small` have different coverage. Pooled, the quality is the mean over scored requests and the cost per quality
    /// is cost / (requests × that mean), from the JSON's own rows.
    @Test func tiersPooledOverRoutesWeighQualityByScoredRequests() throws {
        var lines: [String] = []
        for index in 0..<12 {
            let route = index % 2 == 0 ? "a" : "b"
            let quality = route == "b" && index % 3 == 0 ? #", "quality": 0.5"# : ""
            lines.append(#"{"timestamp": \#(index * 300), "route": "\#(route)", "model": "openai/gpt-4o", "input_tokens": \#(1_000 + index * 97), "output_tokens": 200\#(quality)}"#)
        }
        let router = #"{"router": {"tiers": [{"name": "small", "model": "anthropic/claude-haiku-4.5", "share": 0.6}, {"name": "big", "model": "anthropic/claude-sonnet-4.5", "share": 0.4}]}}"#
        let plan = #"{"version": 1, "traffic": {"path": "traffic.jsonl", "window_hours": 1}, "routes": {"a": \#(router), "b": \#(router)}, "#
            + #""quality": {"a": {"anthropic/claude-haiku-4.5": 0.8, "anthropic/claude-sonnet-4.5": 0.9}}, "policies": ["#
            + #"{"name": "q", "metric": "tier_quality", "min": 0, "where": {"tier": "small"}}, "#
            + #"{"name": "cpq", "metric": "tier_cost_per_quality", "max": 1e9, "where": {"tier": "small"}}]}"#
        let folder = try Self.scratch(plan: plan, traffic: lines.joined(separator: "\n") + "\n")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = runCLI(["check", "--format", "json"], in: folder)
        #expect(result.status == .success, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let byRoute = try #require((report["baseline"] as? [String: Any])?["by_route"] as? [String: Any])
        var cost = 0.0, requests = 0.0, weighted = 0.0, scored = 0.0
        var coverage: [Double] = []
        for route in ["a", "b"] {
            let tier = try #require(((byRoute[route] as? [String: Any])?["tiers"] as? [String: Any])?["small"] as? [String: Any])
            let tierRequests = try #require(tier["requests"] as? Double)
            let tierScored = try #require(tier["scored_requests"] as? Double)
            cost += try #require(tier["monthly_cost"] as? Double)
            requests += tierRequests
            weighted += try #require(tier["quality"] as? Double) * tierScored
            scored += tierScored
            coverage.append(tierScored / tierRequests)
        }
        #expect(abs(coverage[0] - 1) < 1e-12 && coverage[1] < 0.5, "\(coverage)")
        let mean = weighted / scored
        let policies = try #require(report["policies"] as? [[String: Any]])
        let quality = try #require(policies.first { $0["name"] as? String == "q" }?["actual"] as? Double)
        let perQuality = try #require(policies.first { $0["name"] as? String == "cpq" }?["actual"] as? Double)
        #expect(abs(quality - mean) <= 1e-12 * mean, "\(quality) against \(mean)")
        let expected = cost / (requests * mean)
        #expect(abs(perQuality - expected) <= 1e-12 * expected, "\(perQuality) against \(expected)")
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

    /// `where {"team": "(none)"}` measures the records without a team (and any recorded as "(none)"): the report's
    /// "(none)" row. A value no record has measures $0 and passes a budget, so its note offers the values there are.
    @Test func noneMatchesRecordsWithoutTheKeyAndAnUnknownValueGetsSuggestions() throws {
        let plan = #"""
            {"version": 1, "traffic": {"path": "traffic.jsonl", "window_hours": 24}, "routes": {"*": {"model": "openai/gpt-4o"}},
             "policies": [{"name": "untagged", "metric": "monthly_cost", "max": 1000000, "where": {"team": "(none)"}},
                          {"name": "typo", "metric": "monthly_cost", "max": 1000000, "where": {"team": "suport"}},
                          {"name": "untagged latency", "metric": "ttft_p99_ms", "max": 1000000, "where": {"team": "(none)"}}]}
            """#
        let traffic = [#""team": "support", "input_tokens": 1000, "ttft_ms": 5000"#, #""team": "(none)", "input_tokens": 2000, "ttft_ms": 100"#,
                       #""input_tokens": 4000, "ttft_ms": 200"#]
            .enumerated().map { #"{"timestamp": \#($0.offset), "model": "openai/gpt-4o", "output_tokens": 10, "latency_ms": 6000, \#($0.element)}"# }
        let folder = try Self.scratch(plan: plan, traffic: traffic.joined(separator: "\n") + "\n")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = runCLI(["check", "--format", "json"], in: folder)
        let report = try #require(try parseJSON(result.stdout) as? [String: Any], "\(result.stderr)")
        let rows = try #require(report["policies"] as? [[String: Any]])
        let side = try #require((report["candidates"] as? [[String: Any]])?.first ?? report["baseline"] as? [String: Any])
        let teams = try #require((side["by_tag"] as? [String: Any])?["team"] as? [String: [String: Any]])
        let none = try #require(teams["(none)"]?["monthly_cost"] as? Double)
        let support = try #require(teams["support"]?["monthly_cost"] as? Double)
        #expect(none > 2 * support)  // 6,000 input tokens against 1,000
        #expect(rows[0]["actual"] as? Double == none)
        #expect(rows[1]["actual"] as? Double == 0)
        #expect((rows[1]["note"] as? String)?.contains("no record has team=suport: did you mean team=support?") == true, "\(rows[1])")
        // The latency of the two records without a team (TTFT 100 and 200 ms), not of all three (one at 5,000 ms).
        let latency = try #require(rows[2]["actual"] as? Double, "\(rows[2])")
        #expect(latency >= 100 && latency <= 200, "\(rows[2])")
    }

    /// A budget over records of a model costgate cannot price measures less than they cost: it warns instead of
    /// passing, saying why; a budget the priced records already break still fails.
    @Test func aCostPolicyOverUnpricedRecordsWarnsAndAFailureStands() throws {
        let plan = #"""
            {"version": 1, "traffic": {"path": "traffic.jsonl", "window_hours": 24}, "routes": {"*": {"model": "recorded"}},
             "policies": [{"name": "budget", "metric": "monthly_cost", "max": 10},
                          {"name": "tight", "metric": "monthly_cost", "max": 0.000001},
                          {"name": "priced only", "metric": "monthly_cost", "max": 10, "where": {"team": "core"}},
                          {"name": "volume", "metric": "requests", "max": 1000}]}
            """#
        let traffic = #"""
            {"timestamp": 1, "model": "acme-llm-9", "input_tokens": 1000000, "output_tokens": 100000, "team": "labs"}
            {"timestamp": 2, "model": "openai/gpt-4o", "input_tokens": 100, "output_tokens": 10, "team": "core"}

            """#
        let folder = try Self.scratch(plan: plan, traffic: traffic)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = runCLI(["check", "--format", "json"], in: folder)
        #expect(result.status == .policyFailure, "\(result.stderr)")
        let report = try #require(try parseJSON(result.stdout) as? [String: Any], "\(result.stderr)")
        let rows = try #require(report["policies"] as? [[String: Any]])
        #expect(rows.map { $0["status"] as? String } == ["warn", "fail", "pass", "pass"])
        #expect((rows[0]["note"] as? String)?.contains("1 record(s) in its scope are not priced") == true, "\(rows[0])")
        #expect((rows[1]["note"] as? String)?.contains("not priced") == true, "\(rows[1])")
        #expect(rows[2]["note"] is NSNull, "\(rows[2])")
        let markdown = runCLI(["check", "--format", "markdown"], in: folder)
        #expect(markdown.stdout.contains("⚠️ | budget"), "\(markdown.stdout)")
    }
}

