import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// The provider rate-limit peaks of a sampled log carry their sampling error. At `sample_rate` 0.25 each record
/// stands for 4 requests: minute 0 holds 3 records, minute 1 holds 5 such records and one recorded with weight 1.
/// Minute 1 is the peak: 5 × 4 + 1 = 21 requests a minute and 2,100 tokens (100 a request). Its standard error
/// from sampling is √Σ w(w−1) = √(5 × 12 + 0) = √60 requests, 36.9% of 21; tokens scale alike.
@Suite struct ServingForecasterTests {
    static func traffic() -> String {
        var lines: [String] = []
        for second in [0, 10, 20] {
            lines.append(#"{"timestamp": \#(1_767_225_600 + second), "model": "openai/gpt-4o-mini", "route": "chat", "input_tokens": 90, "output_tokens": 10}"#)
        }
        for second in [60, 70, 80, 90, 100] {
            lines.append(#"{"timestamp": \#(1_767_225_600 + second), "model": "openai/gpt-4o-mini", "route": "chat", "input_tokens": 90, "output_tokens": 10}"#)
        }
        lines.append(#"{"timestamp": 1767225710, "model": "openai/gpt-4o-mini", "route": "chat", "input_tokens": 90, "output_tokens": 10, "weight": 1}"#)
        return lines.joined(separator: "\n") + "\n"
    }

    static func plan(sampleRate: Double) -> String {
        #"{"version": 1, "traffic": {"path": "traffic.jsonl", "sample_rate": \#(sampleRate), "window_hours": 1}, "#
            + #""routes": {"chat": {"model": "openai/gpt-4o-mini"}}, "rate_limits": {"openai/gpt-4o-mini": {"rpm": 100, "tpm": 10000}}, "#
            + #""policies": [{"name": "headroom", "metric": "peak_rpm_share", "max": 0.8}]}"#
    }

    @Test func thePeakMinuteCarriesItsSamplingError() throws {
        let folder = try PolicyEvaluatorTests.scratch(plan: Self.plan(sampleRate: 0.25), traffic: Self.traffic())
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let json = runCLI(["check", "--format", "json"], in: folder)
        #expect(json.status == .success, "\(json.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let baseline = try #require(report["baseline"] as? [String: Any])
        let use = try #require((baseline["rate_limits"] as? [[String: Any]])?.first)
        #expect(use["peak_rpm"] as? Double == 21)
        #expect(use["peak_tpm"] as? Double == 2_100)
        #expect(use["peak_rpm_records"] as? Double == 6)
        let expected = 60.0.squareRoot() / 21
        #expect(abs(try #require(use["peak_rpm_relative_error"] as? Double) - expected) < 1e-12)
        #expect(abs(try #require(use["peak_tpm_relative_error"] as? Double) - expected) < 1e-12)
        let policy = try #require((report["policies"] as? [[String: Any]])?.first)
        #expect((policy["note"] as? String)?.contains("rests on 6 sampled record(s): ±37% from sampling alone") == true, "\(policy)")

        let markdown = runCLI(["check", "--format", "markdown"], in: folder)
        #expect(markdown.stdout.contains("| 21 of 100 (±37%) | 2,100 of 10,000 (±37%) |"), "\(markdown.stdout)")
        #expect(markdown.stdout.contains("A peak minute resting on few sampled records (6 in the thinnest here)"))
    }

    /// Latency samples are summarized as they are made and kept only for a latency policy with `where`: a filter that
    /// every record matches gives the overall summary's figure, and so does the policy without a filter.
    @Test func latencyPoliciesWithAndWithoutAFilterAgree() throws {
        let plan = #"{"version": 1, "traffic": {"path": "traffic.jsonl", "window_hours": 1}, "routes": {"chat": {"model": "openai/gpt-4o"}}, "#
            + #""policies": [{"name": "all", "metric": "e2e_p95_ms", "max": 100000}, "#
            + #"{"name": "chat", "metric": "e2e_p95_ms", "max": 100000, "where": {"route": "chat"}}, "#
            + #"{"name": "ttft", "metric": "ttft_p50_ms", "max": 100000}]}"#
        let folder = try PolicyEvaluatorTests.scratch(plan: plan, traffic: Self.traffic())
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let json = runCLI(["check", "--format", "json"], in: folder)
        #expect(json.status == .success, "\(json.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let policies = try #require(report["policies"] as? [[String: Any]])
        let latency = try #require((report["baseline"] as? [String: Any])?["latency"] as? [String: Any])
        let e2e = try #require((latency["e2e_ms"] as? [String: Any])?["p95"] as? Double)
        let ttft = try #require((latency["ttft_ms"] as? [String: Any])?["p50"] as? Double)
        #expect(policies.map { $0["actual"] as? Double } == [e2e, e2e, ttft], "\(policies)")
    }

    /// A recorded latency below the smallest normal double (1e-310 ms) among more than 20,000 samples fell before the
    /// first latency bucket: the build before `40a44fb` trapped (SIGILL, exit 132). It now has a bucket of its own.
    @Test func aSubnormalLatencyAmongManySamplesIsSummarized() throws {
        var lines: [String] = []
        for k in 0..<20_100 {
            let (latency, ttft) = k == 5 ? ("1e-310", "0") : ("250", "100")
            lines.append(#"{"timestamp": \#(1_767_225_600 + k), "model": "openai/gpt-4o-mini", "route": "chat", "input_tokens": 90, "#
                         + #""output_tokens": 10, "latency_ms": \#(latency), "ttft_ms": \#(ttft)}"#)
        }
        let plan = #"{"version": 1, "traffic": {"path": "traffic.jsonl", "window_hours": 24}, "routes": {"chat": {"model": "openai/gpt-4o-mini"}}}"#
        let folder = try PolicyEvaluatorTests.scratch(plan: plan, traffic: lines.joined(separator: "\n") + "\n")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let json = runCLI(["check", "--format", "json"], in: folder)
        #expect(json.status == .success, "\(json.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let e2e = try #require(((report["baseline"] as? [String: Any])?["latency"] as? [String: Any])?["e2e_ms"] as? [String: Any])
        #expect(e2e["p50"] as? Double == 250)
    }

    /// The Markdown line names the records behind the thinnest *uncertain* peak, not a thinner peak whose error is small.
    @Test func theThinnestUncertainPeakIsCounted() {
        var use = ServingForecast.RateLimitUse(model: "m", peakRequestsPerMinute: 3, peakTokensPerMinute: 9_000, rpmLimit: 10, tpmLimit: nil)
        use.peakRequestsRecords = 3
        use.peakTokensRecords = 50
        use.peakTokensRelativeError = 0.25
        #expect(!use.isRequestsPeakUncertain)
        #expect(use.isTokensPeakUncertain)
        #expect(use.uncertainPeakRecords == 50)
        use.peakTokensRelativeError = ServingForecast.RateLimitUse.uncertainRelativeError - 1e-9
        #expect(use.uncertainPeakRecords == nil)
        use.peakRequestsRelativeError = ServingForecast.RateLimitUse.uncertainRelativeError
        #expect(use.uncertainPeakRecords == 3)
    }

    @Test func aFullLogHasNoSamplingError() throws {
        let folder = try PolicyEvaluatorTests.scratch(plan: Self.plan(sampleRate: 1), traffic: Self.traffic())
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let json = runCLI(["check", "--format", "json"], in: folder)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let use = try #require(((report["baseline"] as? [String: Any])?["rate_limits"] as? [[String: Any]])?.first)
        // Minute 1 now holds 6 requests against minute 0's 3.
        #expect(use["peak_rpm"] as? Double == 6)
        #expect(use["peak_rpm_relative_error"] as? Double == 0)
        let markdown = runCLI(["check", "--format", "markdown"], in: folder)
        #expect(markdown.stdout.contains("| 6 of 100 | 600 of 10,000 |"), "\(markdown.stdout)")
        #expect(!markdown.stdout.contains("A peak minute resting"))
    }

    /// A usage report's rows sit at their buckets' start with no request times within them: read as minutes, a
    /// day's requests would land in one minute. Peaks are not forecast for them, a peak policy says why (a warning,
    /// never a pass), and a fallback on rate limits sends nothing over.
    @Test func usageReportBucketsHaveNoPeakMinute() throws {
        let folder = repositoryRoot + "/Scenarios/openai-usage-export"
        let result = runCLI(["check", "--format", "json",
                             "--set", #"rate_limits={"openai/gpt-4o-mini": {"rpm": 1}, "openai/gpt-4o": {"rpm": 1}}"#,
                             "--set", #"policies=[{"name": "headroom", "metric": "peak_rpm_share", "max": 0.8}]"#,
                             "--set", #"routes.default.fallback={"model": "openai/gpt-4o", "on": ["rate_limit"]}"#], in: folder)
        #expect(result.status == .success, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let baseline = try #require(report["baseline"] as? [String: Any])
        #expect((baseline["rate_limits"] as? [Any])?.isEmpty == true, "\(baseline["rate_limits"] ?? "")")
        let policy = try #require((report["policies"] as? [[String: Any]])?.first)
        #expect(policy["status"] as? String == "warn")
        #expect(policy["note"] as? String == ServingForecaster.aggregatePeaksNote)
        let fallbacks = try #require(baseline["fallbacks"] as? [String: [String: Any]], "\(baseline.keys.sorted())")
        #expect(!fallbacks.isEmpty && fallbacks.values.allSatisfy { $0["overflow_requests"] as? Double == 0 }, "\(fallbacks)")
    }

    /// The profile-timed requests are summed in arrays up to a bound, then by key: the summaries are the same whatever
    /// the bound, so no request is lost or counted twice when an array stops growing (40 routes of requests moved to
    /// another model, output lengths from 1 to 6,000 in no order).
    @Test(arguments: [0, 700, 9_000, 1 << 17])
    func profileTimedSumsDoNotDependOnTheArrayBound(denseLimit: Int) throws {
        var generator = SplitMix64(seed: 7)
        var lines: [String] = []
        for index in 0..<2_000 {
            let output = 1 + Int(generator.next() % 6_000)
            lines.append(#"{"timestamp": \#(1_767_225_600 + index), "model": "openai/gpt-4o", "route": "r\#(generator.next() % 40)", "input_tokens": 500, "output_tokens": \#(output), "latency_ms": \#(300 + output * 8), "ttft_ms": 300, "weight": \#(1 + generator.next() % 5)}"#)
        }
        let plan = #"{"version": 1, "traffic": {"path": "traffic.jsonl", "window_hours": 1}, "routes": {"*": {"model": "openai/gpt-4o-mini"}}}"#
        let folder = try PolicyEvaluatorTests.scratch(plan: plan, traffic: lines.joined(separator: "\n") + "\n")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let loaded = try PlanLoader.load("costgate.json", from: .workTree(root: folder))
        let traffic = try loaded.readTraffic(try loaded.trafficFiles(), skipBadRecords: false) { () throws(CostGateError) -> Data in Data() }
        let prompts = try PromptResolver.sizes(for: loaded, countingWith: loaded)
        let replay = try Replayer.replay(traffic, plan: loaded.plan, name: "head", catalog: loaded.plan.catalog, prompts: prompts,
                                         reference: loaded.plan, referencePrompts: prompts)
        func latency(_ limit: Int) -> ServingForecast.Latency? {
            var tally = ServingForecaster.LatencyTally(records: traffic.records.count, keepingSamples: false)
            var hosted = ServingForecaster.HostedLatency(catalog: replay.catalog, denseLimit: limit)
            hosted.add(traffic: traffic, replay: replay, slots: nil, slotNames: replay.modelNames, into: &tally)
            var notes: [String] = []
            _ = hosted.finish(slotNames: replay.modelNames, alsoUsed: [], evidence: .init(wholeSample: traffic), traffic: traffic,
                              notes: &notes, into: &tally)
            tally.closeBlock(weights: replay.weights)
            return tally.latency(traffic: traffic)
        }
        let expected = try #require(latency(Int.max / 2))
        let actual = try #require(latency(denseLimit))
        #expect(actual.e2e == expected.e2e && actual.ttft == expected.ttft && actual.tpot == expected.tpot && actual.coverage == expected.coverage)
        #expect(actual.byRoute.map(\.e2e) == expected.byRoute.map(\.e2e) && actual.byRoute.count == 40)
    }
}
