import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// The plan is read by one strict reader, every section typed before any traffic is read.
@Suite struct PlanParserTests {
    /// A plan with one self-hosted route, as JSON text with `patch` applied at dotted paths.
    private func planJSON(_ patch: [(String, JSONValue)] = []) throws -> JSONValue {
        var json = try JSONParser.parse(Array("""
        {"version": 1, "traffic": {"path": "missing.jsonl", "window_hours": 1},
         "deployments": {"llama8b": {"model": "meta-llama/Llama-3.1-8B-Instruct", "gpu": "H100",
                                     "engine": {"max_num_seqs": 128}, "replicas": 2}},
         "routes": {"chat": {"deployment": "llama8b"}, "*": {"model": "openai/gpt-4o-mini"}},
         "policies": [{"name": "budget", "metric": "monthly_cost", "max": 100}]}
        """.utf8), file: "costgate.json")
        for (path, value) in patch { json = json.setting(path.dottedPathSegments, to: value) }
        return json
    }

    private func parseError(_ patch: [(String, JSONValue)]) throws -> CostGateError? {
        do {
            _ = try PlanParser.parse(try planJSON(patch), file: "costgate.json")
            return nil
        } catch let error as CostGateError {
            return error
        }
    }

    /// `catalog` is built once and kept; changing what it is built from (the plan's models, discounts or base
    /// catalog) builds it again for that plan only, and a copy taken before still has the old one.
    @Test func theCatalogFollowsEveryChangeToWhatItIsBuiltFrom() throws {
        var plan = try PlanParser.parse(try planJSON(), file: "costgate.json")
        let mini = try plan.catalog.resolve("openai/gpt-4o-mini", context: "test")
        #expect(plan.catalog.models.count == plan.basePrices.models.count)
        let before = plan
        plan.models.append(ModelPrice(id: "acme/house-model", rates: mini.rates, date: "2026-12-01", source: "test"))
        #expect(try plan.catalog.resolve("acme/house-model", context: "test").id == "acme/house-model")
        #expect(throws: CostGateError.self) { try before.catalog.resolve("acme/house-model", context: "test") }
        plan.prices.discounts = [.init(pattern: "openai/*", fraction: 0.5)]
        let half = try plan.catalog.resolve("openai/gpt-4o-mini", context: "test").rates.input.picodollarsPerToken
        #expect(half * 2 == mini.rates.input.picodollarsPerToken)
        #expect(try before.catalog.resolve("openai/gpt-4o-mini", context: "test").rates.input == mini.rates.input)
        plan.basePrices = PriceCatalog([])
        #expect(plan.catalog.models.map(\.id) == ["acme/house-model"])
        #expect(before.catalog.models.count == before.basePrices.models.count)
    }

    @Test func deploymentsAreTyped() throws {
        let plan = try PlanParser.parse(try planJSON(), file: "costgate.json")
        let deployment = try #require(plan.deployment(named: "llama8b"))
        #expect(plan.deployments.map(\.name) == ["llama8b"])
        #expect(deployment.model.id == "meta-llama/Llama-3.1-8B-Instruct")
        #expect(deployment.engine.maxNumSeqs == 128)
        #expect(deployment.replicas == .fixed(2))
    }

    /// The traffic file does not exist: the error is still the deployment's, so the plan was checked first.
    @Test(arguments: [
        ("deployments.llama8b.engine.max_num_seqs", JSONValue.number(0), "'deployments.llama8b.engine.max_num_seqs': expected an integer from 1 to 65536, found number 0"),
        ("deployments.llama8b.replicas", JSONValue.object([("min", .number(3)), ("max", .number(1))]), "'deployments.llama8b.replicas.max': expected at least min (3) and 1"),
        ("deployments.llama8b.architecture", JSONValue.object([("hidden_size", .number(10))]), "'deployments.llama8b.architecture.num_hidden_layers'"),
        ("routes.chat.deployment", JSONValue.string("llama8"), "'routes.chat.deployment': unknown deployment 'llama8'; did you mean 'llama8b'?"),
    ])
    func badDeploymentIsReportedBeforeTrafficIsRead(path: String, value: JSONValue, message: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("costgate-plan-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try JSONWriter.write(try planJSON([(path, value)])).write(toFile: folder + "/costgate.json", atomically: true, encoding: .utf8)
        for command in [["check"], ["validate"], ["breakdown"]] {
            let result = runCLI(command, in: folder)
            #expect(result.status == .badInput, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("costgate.json: " + message), "\(command): \(result.stderr)")
            #expect(!result.stderr.contains("missing.jsonl"), "\(command) read the traffic first: \(result.stderr)")
        }
    }

    @Test(arguments: [
        "traffic.path", "traffic.format", "traffic.defaults.route", "traffic.columns.timestamp", "routes.chat.model",
        "routes.chat.prompt_file", "policies", "deployments.llama8b.model", "deployments.llama8b.gpu",
        "deployments.llama8b.instance", "deployments.llama8b.dtype", "deployments.llama8b.engine.kv_cache_dtype",
        "deployments.llama8b.replicas.metric",
    ])
    func emptyStringsAreRejectedEverywhere(path: String) throws {
        var patch: [(String, JSONValue)] = [(path, .string(""))]
        var expectedPath = path
        if path == "policies" {
            patch = [(path, .array([.object([("name", .string("")), ("metric", .string("monthly_cost")), ("max", .number(1))])]))]
            expectedPath = "policies[0].name"
        }
        if path == "routes.chat.model" { patch.insert(("routes.chat", .object([])), at: 0) }
        if path == "routes.chat.prompt_file" { patch.insert(("routes.chat", .object([("model", .string("openai/gpt-4o"))])), at: 0) }
        if path.hasPrefix("deployments.llama8b.replicas.") { patch.insert(("deployments.llama8b.replicas", .object([])), at: 0) }
        let error = try parseError(patch)
        #expect(error == .badPlan(file: "costgate.json", path: expectedPath, expected: "a non-empty string", found: "string ''"),
                "\(String(describing: error))")
    }

    @Test(arguments: [
        ("forecast.days", 0.0, "a number of days from 0.001 to 3660"),
        // A growth of -1 forecast no traffic at all, so every budget passed.
        ("forecast.growth", -1, "a growth fraction from -0.99 to 1000 (0.10 = +10%; -1 would forecast no traffic, and any budget would pass)"),
        ("forecast.replicates", 50, "a number of replicates from 100 to 100000"),
        ("forecast.confidence", 1, "a confidence from 0.5 to 0.999"),
        ("traffic.sample_rate", 0, "a sample rate from 0.000000001 to 1"),
        ("quality.chat.llama8b", 2, "a quality score from 0 to 1"),
        ("routes.chat.max_output_tokens", -1, "an integer from 0 to 9007199254740992"),
        ("deployments.llama8b.tensor_parallel", 128, "an integer from 1 to 64"),
        ("deployments.llama8b.spot_share", 1.5, "a spot share from 0 to 1"),
        ("deployments.llama8b.engine.gpu_memory_utilization", 0, "a memory share from 0.05 to 1"),
        ("deployments.llama8b.replicas", 0, "a replica count from 1 to 10000"),
    ])
    func rangeErrorsStateBothBounds(path: String, value: Double, expected: String) throws {
        let error = try parseError([(path, .number(value))])
        guard case .badPlan(let file, let found, let text, _) = error else {
            Issue.record("expected a badPlan error, got \(String(describing: error))")
            return
        }
        #expect(file == "costgate.json")
        #expect(found == path)
        #expect(text == expected)
    }

    @Test(arguments: [
        ("deployments.llama8b.replica", "'deployments.llama8b.replica'", "replicas"),
        ("deployments.llama8b.engine.max_num_seq", "'deployments.llama8b.engine.max_num_seq'", "max_num_seqs"),
        ("forecast.dayz", "'forecast.dayz'", "days"),
        ("routes.chat.modle", "'routes.chat.modle'", "model"),
    ])
    func unknownKeysGetTheirPathAndASuggestion(path: String, context: String, suggestion: String) throws {
        let error = try parseError([(path, .number(1))])
        guard case .unknownName(let kind, _, let location, let suggestions, _) = error else {
            Issue.record("expected an unknown-name error, got \(String(describing: error))")
            return
        }
        #expect(kind == "key")
        #expect(location == "costgate.json: " + context)
        #expect(suggestions.contains(suggestion))
    }

    /// Found by the `pipeline` fuzzer (twelfth session, input `pipeline-crash-55323520…`): a discount given as null
    /// read as absent, and the parser force-unwrapped it. It is a plan error naming the pattern.
    @Test func aNullDiscountIsAPlanError() throws {
        let error = try parseError([("prices", .object([("discounts", .object([("openai/semantic_cache", .null)]))]))])
        #expect(error?.description.contains("'prices.discounts.openai/semantic_cache': expected a discount from 0 to 0.99") == true,
                "\(String(describing: error))")
        #expect(error?.description.contains("found null") == true)
    }

    @Test func rangeBoundsPrintAsPlainDecimals() {
        #expect(PlanObject.format(1e-9) == "0.000000001")
        #expect(PlanObject.format(0.05) == "0.05")
        #expect(PlanObject.format(1e12) == "1000000000000")
        #expect(PlanObject.format(-1) == "-1")
    }
}
