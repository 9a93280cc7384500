import CostGateTestSupport
import Foundation
import Testing
@testable import CostGate

/// A check read a block at a time (`StreamingEvaluator`) reports what a whole read reports, byte for byte, in every
/// format: on every scenario, cut into blocks of 1 KiB and of the default size, and on a generated sample that uses
/// every field and policy the streaming check supports, with bad lines skipped across blocks.
@Suite struct StreamingEvaluatorTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Scenarios with a base plan, by folder name.
    static let scenarios: [String] = {
        let folder = root.appendingPathComponent("Scenarios").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: "\(folder)/\($0)/costgate.base.json") }.sorted()
    }()

    /// The evaluation of `head` against `base` (paths relative to `root`), read whole or in blocks of `blockBytes`.
    static func evaluate(head: String, base: String, root: String, blocks blockBytes: Int?,
                         skipBadRecords: Bool = false) throws(CostGateError) -> Evaluation {
        let headPlan = try PlanLoader.load(head, from: .workTree(root: root))
        let basePlan = try PlanLoader.load(base, from: .workTree(root: root))
        var options = Evaluator.Options()
        options.skipBadRecords = skipBadRecords
        options.readsBlocks = blockBytes != nil
        options.blockBytes = blockBytes ?? StreamingEvaluator.blockBytes
        var evaluator = Evaluator(options: options)
        return try evaluator.evaluate(command: "check", baseline: .init(name: "base", loaded: basePlan),
                                      candidates: [.init(name: "head", loaded: headPlan)], policySource: headPlan,
                                      baselineSource: .basePlan(base))
    }

    /// Every report format of `streamed` is `whole`'s.
    static func expectSameReports(_ streamed: Evaluation, _ whole: Evaluation, _ label: String) {
        for entry in Renderers.evaluation.entries {
            let expected = entry.renderer.document(whole)
            let actual = entry.renderer.document(streamed)
            #expect(actual == expected, "\(label), \(entry.name):\n\(Golden.diff(expected: expected, actual: actual))")
        }
    }

    /// The scenarios whose plans read their sample a block at a time (the others read it whole either way).
    static let streamingScenarios = ["azure-conversation", "helicone-export", "langfuse-export", "litellm-proxy", "otel-genai-spans",
                                     "price-book", "quality-gate", "support-chatbot"]

    @Test(arguments: streamingScenarios)
    func blocksReportWhatAWholeReadReports(scenario: String) throws {
        let head = "Scenarios/\(scenario)/costgate.json"
        let base = "Scenarios/\(scenario)/costgate.base.json"
        let whole = try Self.evaluate(head: head, base: base, root: Self.root.path, blocks: nil)
        // About sixteen blocks (the scenario tests read the default blocks, one for these samples).
        let traffic = try PlanLoader.load(head, from: .workTree(root: Self.root.path)).trafficFiles()
        let size = traffic.count == 1 ? (try? FileManager.default.attributesOfItem(atPath: Self.root.appendingPathComponent(traffic[0]).path)[.size] as? Int) ?? 0 : 0
        let blockBytes = max(1 << 10, size / 16)
        let streamed = try Self.evaluate(head: head, base: base, root: Self.root.path, blocks: blockBytes)
        Self.expectSameReports(streamed, whole, "\(scenario) in blocks of \(blockBytes) bytes")
    }

    /// The scenarios whose plans read their sample a block at a time: a change that sends one back to a whole read
    /// (or streams one that cannot) shows here.
    @Test func theScenariosThatCanReadBlocksDo() throws {
        var streaming: [String] = []
        for scenario in Self.scenarios {
            let plans = try ["costgate.base.json", "costgate.json"].map { (name) throws(CostGateError) in
                try PlanLoader.load("Scenarios/\(scenario)/\(name)", from: .workTree(root: Self.root.path))
            }
            if try StreamingEvaluator.sample(for: plans, policies: plans[1].plan.policies) != nil { streaming.append(scenario) }
        }
        #expect(streaming == Self.streamingScenarios)
    }

    /// A generated sample with tags (some absent), outcomes, quality scores, billed costs, unpriced models, a tier
    /// no model has, prompt changes and bad lines, under every policy the streaming check measures.
    @Test(arguments: [false, true])
    func aRichSampleReportsTheSameInBlocks(skippingBadLines: Bool) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("costgate-streaming-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = SplitMix64(seed: 20261130)
        let routes = ["chat", "search", "agent", "batch-jobs"]
        let models = ["gpt-4o-mini", "gpt-4o", "claude-3-5-haiku", "mystery-model-x", "gemini-2.5-flash"]
        let teams = ["core", "growth", "(none)", "ml"]
        var lines: [String] = []
        for index in 0..<3_000 {
            let route = routes[Int(generator.next() % 4)]
            let model = models[Int(generator.next() % 5)]
            let input = 100 + Int(generator.next() % 5_000)
            let output = Int(generator.next() % 800)
            var fields = ["\"timestamp\": \(1_700_000_000 + index * 7 + Int(generator.next() % 5))", "\"model\": \"\(model)\"",
                          "\"route\": \"\(route)\"", "\"input_tokens\": \(input)", "\"output_tokens\": \(output)"]
            if generator.next() % 3 == 0 { fields.append("\"cached_input_tokens\": \(input / 3)") }
            if generator.next() % 4 != 0 {
                let ttft = 100 + Double(generator.next() % 900)
                fields.append("\"ttft_ms\": \(ttft)")
                fields.append("\"latency_ms\": \(ttft + Double(output) * (5 + Double(generator.next() % 20)))")
            }
            if generator.next() % 5 == 0 { fields.append("\"status\": \"error\"") }
            if generator.next() % 2 == 0 { fields.append("\"quality\": \(Double(generator.next() % 100) / 100)") }
            if generator.next() % 3 == 0 { fields.append("\"outcome\": \"\(generator.next() % 2 == 0 ? "success" : "failure")\"") }
            if generator.next() % 4 == 0 { fields.append("\"billed_cost_usd\": \(Double(input) * 2.5e-7)") }
            if generator.next() % 6 == 0 { fields.append("\"service_tier\": \"flex\"") }
            if generator.next() % 2 == 0 { fields.append("\"weight\": \(1 + generator.next() % 30)") }
            var tags = ["\"customer\": \"c\(generator.next() % 40)\""]
            let team = teams[Int(generator.next() % 4)]
            if team != "(none)" { tags.append("\"team\": \"\(team)\"") }
            fields.append("\"tags\": {\(tags.joined(separator: ", "))}")
            lines.append("{" + fields.joined(separator: ", ") + "}")
            if skippingBadLines && index % 700 == 350 { lines.append("{\"timestamp\": \"not a time\", \"model\": \"gpt-4o\"}") }
        }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: folder.appendingPathComponent("traffic.jsonl"))
        let policies = """
            [{"name": "budget", "metric": "monthly_cost", "max": 1e9},
             {"name": "core", "metric": "monthly_cost", "max": 1e9, "where": {"team": "core"}},
             {"name": "no team high", "metric": "monthly_cost_high", "max": 1e9, "where": {"team": "(none)"}},
             {"name": "chat low", "metric": "monthly_cost_low", "min": 0, "where": {"route": "chat"}},
             {"name": "mini delta", "metric": "monthly_cost_delta", "max": 1e9, "where": {"model": "openai/gpt-4o-mini"}},
             {"name": "delta pct", "metric": "monthly_cost_delta_pct", "max": 500},
             {"name": "per request", "metric": "cost_per_request", "max": 1, "where": {"customer": "c7"}},
             {"name": "cpq", "metric": "cost_per_quality", "max": 1e9},
             {"name": "cpq delta", "metric": "cost_per_quality_delta_pct", "max": 1e9, "where": {"route": "search"}},
             {"name": "quality", "metric": "quality", "min": 0.1},
             {"name": "requests", "metric": "requests", "max": 1e12, "where": {"team": "nobody-has-this"}},
             {"name": "p95", "metric": "e2e_p95_ms", "max": 1e9},
             {"name": "ttft", "metric": "ttft_p50_ms", "max": 1e9},
             {"name": "gpu", "metric": "gpu_utilization", "max": 1, "severity": "warn"},
             {"name": "drift", "metric": "price_drift_pct", "max": 1e9, "where": {"model": "openai/gpt-4o"}},
             {"name": "tpm", "metric": "peak_tpm_share", "max": 1, "severity": "warn"}]
            """
        func plan(_ routes: String, prompt: Int) -> String {
            """
            {"version": 1, "traffic": {"path": "traffic.jsonl", "sample_rate": 0.25},
             "forecast": {"days": 30, "growth": 0.05, "replicates": 200},
             "routes": {\(routes), "agent": {"prompt_tokens": \(prompt)}, "batch-jobs": {"batch": true}, "typo-route": {}},
             "quality": {"chat": {"openai/gpt-4o-mini": 0.8}},
             "policies": \(policies)}
            """
        }
        try Data(plan("\"chat\": {\"model\": \"openai/gpt-4o\"}", prompt: 900).utf8).write(to: folder.appendingPathComponent("base.json"))
        try Data(plan("\"chat\": {\"model\": \"openai/gpt-4o-mini\", \"max_output_tokens\": 300}", prompt: 1_250).utf8)
            .write(to: folder.appendingPathComponent("head.json"))
        let whole = try Self.evaluate(head: "head.json", base: "base.json", root: folder.path, blocks: nil, skipBadRecords: skippingBadLines)
        #expect(whole.policies.count == 16)
        #expect(whole.skippedRecords == (skippingBadLines ? 4 : 0))
        for blockBytes in [700, 1 << 14, StreamingEvaluator.blockBytes] {
            let streamed = try Self.evaluate(head: "head.json", base: "base.json", root: folder.path, blocks: blockBytes,
                                             skipBadRecords: skippingBadLines)
            Self.expectSameReports(streamed, whole, "blocks of \(blockBytes) bytes")
        }
        let plans = try ["base.json", "head.json"].map { (name) throws(CostGateError) in try PlanLoader.load(name, from: .workTree(root: folder.path)) }
        #expect(try StreamingEvaluator.sample(for: plans, policies: plans[1].plan.policies)?.path == "traffic.jsonl")
    }

    /// `--base-ref`: the base plan reads the traffic at a commit, the head in the work tree. When both hold the same bytes
    /// the sample is read once, a block at a time, and the report (which names the base's copy, `main:traffic.jsonl`) is
    /// the whole reads'; when the work tree's traffic differs, each side reads its own, whole.
    @Test func aBaseRefReadingTheSameBytesReadsBlocks() throws {
        let traffic = (0..<300).map { index in
            #"{"timestamp": \#(1_700_000_000 + index * 60), "model": "openai/gpt-4o", "route": "\#(index % 3 == 0 ? "chat" : "search")", "input_tokens": \#(900 + index), "output_tokens": 100, "latency_ms": 1500, "ttft_ms": 300}"#
        }.joined(separator: "\n") + "\n"
        func plan(_ model: String) -> String {
            #"{"version": 1, "traffic": {"path": "traffic.jsonl"}, "routes": {"chat": {"model": "\#(model)"}, "typo": {}}, "policies": [{"name": "chat", "metric": "monthly_cost", "max": 1e9, "where": {"route": "chat"}}]}"#
        }
        let folder = try GitFixture.repository(["costgate.json": plan("openai/gpt-4o"), "traffic.jsonl": traffic])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try GitFixture.write(["costgate.json": plan("openai/gpt-4o-mini")], in: folder)
        func evaluate(blocks: Int?) throws(CostGateError) -> Evaluation {
            let head = try PlanLoader.load("costgate.json", from: .workTree(root: folder))
            let base = try PlanLoader.load("costgate.json", from: try FileSource.gitRef("main", root: folder))
            var options = Evaluator.Options()
            options.readsBlocks = blocks != nil
            options.blockBytes = blocks ?? StreamingEvaluator.blockBytes
            var evaluator = Evaluator(options: options)
            return try evaluator.evaluate(command: "check", baseline: .init(name: "base", loaded: base), candidates: [.init(name: "head", loaded: head)],
                                          policySource: head, baselineSource: .gitRef("main"))
        }
        let plans = [try PlanLoader.load("costgate.json", from: try FileSource.gitRef("main", root: folder)),
                     try PlanLoader.load("costgate.json", from: .workTree(root: folder))]
        let sample = try #require(try StreamingEvaluator.sample(for: plans, policies: plans[1].plan.policies))
        #expect(sample.source.commit == nil && sample.names == ["main:traffic.jsonl", "traffic.jsonl"])
        let whole = try evaluate(blocks: nil)
        #expect(whole.trafficSource == "main:traffic.jsonl")
        #expect(whole.warnings.contains { $0.contains("matches no record in main:traffic.jsonl") })
        Self.expectSameReports(try evaluate(blocks: 2_000), whole, "--base-ref in blocks of 2,000 bytes")

        // The work tree's traffic changes: each side must read its own.
        try GitFixture.write(["traffic.jsonl": traffic + #"{"timestamp": 1700099999, "model": "openai/gpt-4o", "route": "chat", "input_tokens": 5, "output_tokens": 5}"# + "\n"], in: folder)
        #expect(try StreamingEvaluator.sample(for: plans, policies: plans[1].plan.policies) == nil)
    }

    /// A bad line in a later block fails the check with the message a whole read gives: one the reader finds
    /// (negative tokens) and one the replay finds (a request costing more than 9.2 million USD).
    @Test(arguments: [("\"input_tokens\": -4, \"output_tokens\": 5", "input_tokens"),
                      ("\"input_tokens\": 10, \"output_tokens\": 1000000000000", "output_tokens")])
    func aBadLineInALaterBlockFailsAsAWholeRead(tokens: String, field: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("costgate-streaming-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var lines = (0..<400).map { "{\"timestamp\": \(1_700_000_000 + $0), \"model\": \"gpt-4o\", \"route\": \"chat\", \"input_tokens\": 10, \"output_tokens\": 5}" }
        lines[333] = "{\"timestamp\": \(1_700_000_333), \"model\": \"gpt-4o\", \"route\": \"chat\", \(tokens)}"
        try Data(lines.joined(separator: "\n").utf8).write(to: folder.appendingPathComponent("traffic.jsonl"))
        try Data(#"{"version": 1, "traffic": {"path": "traffic.jsonl"}}"#.utf8).write(to: folder.appendingPathComponent("plan.json"))
        func message(_ blocks: Int?) -> String {
            do {
                _ = try Self.evaluate(head: "plan.json", base: "plan.json", root: folder.path, blocks: blocks)
                return "no error"
            } catch {
                return error.description
            }
        }
        let whole = message(nil)
        #expect(whole.contains("traffic.jsonl:334: field '\(field)'"), "\(whole)")
        #expect(message(512) == whole)
    }
}
