import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// Each record's cost equals, to the picodollar, the provider's bill computed independently from fully written-out
/// rate tables (`Fixtures/billing/generate.py`, Python's decimal module): cache writes (5 min, 1 h), Anthropic's
/// token convention, batch cached rates, batch and long-context tiers at and past the threshold, flex and priority,
/// and plan overrides that keep what they do not name.
@Suite struct BillingTests {
    static let folder = fixturesDirectory + "/billing"

    static func replay(plan planFile: String = "plan.json", traffic trafficFile: String = "traffic.jsonl") throws -> Replay {
        let planData = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + planFile))
        let plan = try PlanParser.parse(JSONParser.parse([UInt8](planData), file: planFile), file: planFile)
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + trafficFile))
        let traffic = try TrafficReader.read(data, spec: plan.traffic, file: trafficFile, skipBadRecords: false)
        return try Replayer.replay(traffic, plan: plan, name: "plan", catalog: plan.catalog, prompts: PromptSizes(),
                                   reference: plan, referencePrompts: PromptSizes())
    }

    @Test func everyRecordCostsWhatTheProviderBills() throws {
        let replay = try Self.replay()
        let expected = try #require(try parseJSON(String(contentsOfFile: Self.folder + "/expected.json", encoding: .utf8)) as? [[String: Any]])
        #expect(expected.count == replay.picodollars.count)
        #expect(expected.count >= 400)
        for vector in expected {
            let line = try #require(vector["line"] as? Int)
            let text = try #require(vector["picodollars"] as? String)
            let wanted = try #require(Int64(text))
            #expect(replay.picodollars[line - 1] == wanted, "line \(line): \(vector["note"] ?? "")")
        }
    }

    @Test func theIssuesWorkedExamples() throws {
        let replay = try Self.replay()
        #expect(replay.picodollars[0] == 210_000_000_000)     // Sonnet 4.5, raw Anthropic counts: $0.21
        #expect(replay.picodollars[1] == 1_372_500_000_000)   // 150k + 60k written + 1k out, past 200k: long-context tier
        #expect(replay.picodollars[3] == 64_000_000_000)      // gpt-4.1 batch with 80k cached: $0.064
    }

    @Test func aRecordTierTheModelLacksIsBilledAtStandardWithAWarning() throws {
        let replay = try Self.replay()
        #expect(replay.warnings.contains { $0.contains("name the flex tier, which the model has no rates for") })
    }

    @Test func aSourceDeclaresAnthropicsConvention() throws {
        let spec = TrafficSpec(path: "t.jsonl", format: .jsonl)
        var anthropic = spec
        anthropic.tokenConvention = .anthropic
        let line = #"{"timestamp": 1, "model": "anthropic/claude-sonnet-4.5", "input_tokens": 60000, "cached_input_tokens": 60000, "cache_write_1h_input_tokens": 10, "output_tokens": 1000}"#
        let records = try TrafficReader.read(Data(line.utf8), spec: anthropic, file: "t.jsonl", skipBadRecords: false).records
        #expect(records.first?.inputTokens == 120_010)
        // In OpenAI's convention the same counts are a contradiction: reads and writes exceed the input they are part of.
        #expect {
            _ = try TrafficReader.read(Data(line.utf8), spec: spec, file: "t.jsonl", skipBadRecords: false)
        } throws: { "\($0)".contains("t.jsonl:1") && "\($0)".contains("cache_write_1h_input_tokens") }
    }

    @Test func aPlanOverrideKeepsWhatItDoesNotName() throws {
        let json = try JSONParser.parse(Array(#"{"input_per_mtok": 1.5}"#.utf8), file: "p")
        let model = try PlanParser.parseModel(json, id: "anthropic/claude-sonnet-4.5", path: "models.x", file: "p")
        let builtIn = try #require(PriceCatalog.builtIn.lookup("anthropic/claude-sonnet-4.5"))
        #expect(model.rates.input == Rate(perMillion: 1.5))
        #expect(model.rates.cachedInput == builtIn.rates.cachedInput)
        #expect(model.batchRates == builtIn.batchRates)
        #expect(model.longContext == builtIn.longContext)
        #expect(model.encoding == builtIn.encoding && model.tokenizerRatio == builtIn.tokenizerRatio)
        #expect(model.date == "plan")
    }

    @Test(arguments: [
        (#"{"input_per_mtok": 1, "output_per_mtok": 2, "flex_input_per_mtok": 1}"#, "both flex_input_per_mtok and flex_output_per_mtok"),
        (#"{"input_per_mtok": 1, "output_per_mtok": 2, "long_context": {"input_per_mtok": 2, "output_per_mtok": 3}}"#,
         "the input-token threshold of the tier"),
        (#"{"input_per_mtok": 1, "output_per_mtok": 2, "batch_input_per_mtok": 0.0000001}"#, "at most six decimals"),
        (#"{"input_per_mtok": 1, "output_per_mtok": 2, "long_context": {"threshold": 10, "input_per_mtok": 2, "output_per_mtok": 3, "flex_input_per_mtok": 1, "flex_output_per_mtok": 1}}"#,
         "flex rates on the model too"),
    ])
    func badModelRatesAreNamed(text: String, message: String) throws {
        let json = try JSONParser.parse(Array(text.utf8), file: "p")
        #expect {
            _ = try PlanParser.parseModel(json, id: "acme/x", path: "models.acme/x", file: "p")
        } throws: { "\($0)".contains(message) }
    }

    @Test func aRouteTierTheModelLacksIsAPlanError() throws {
        let plan = #"{"version": 1, "traffic": {"path": "t.jsonl"}, "routes": {"*": {"model": "anthropic/claude-haiku-4.5", "service_tier": "flex"}}}"#
        let parsed = try PlanParser.parse(JSONParser.parse(Array(plan.utf8), file: "p"), file: "p")
        let line = #"{"timestamp": 1, "input_tokens": 10, "output_tokens": 1}"#
        let traffic = try TrafficReader.read(Data(line.utf8), spec: parsed.traffic, file: "t.jsonl", skipBadRecords: false)
        #expect {
            _ = try Replayer.replay(traffic, plan: parsed, name: "p", catalog: parsed.catalog, prompts: PromptSizes(),
                                    reference: parsed, referencePrompts: PromptSizes())
        } throws: { "\($0)".contains("a model with flex rates") }
    }
}
