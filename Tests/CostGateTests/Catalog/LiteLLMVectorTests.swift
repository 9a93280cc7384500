import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// costgate prices each (model, usage, tier) case as LiteLLM's own `cost_per_token` does, to 1e-9 relative
/// (`Fixtures/litellm/generate.py` ran the `litellm` package against its bundled map). Cases the script marks
/// with a documented `difference` must differ, so the README's list of deliberate differences stays true.
@Suite struct LiteLLMVectorTests {
    static let file = fixturesDirectory + "/litellm/vectors.json"

    struct Case {
        var model: String, shape: String, tier: String, difference: String?
        var input: Int64, cached: Int64, write: Int64, write1h: Int64, output: Int64, reasoning: Int64
        var litellm: Double
    }

    static func cases() throws -> (version: String, cases: [Case]) {
        let root = try #require(try parseJSON(String(contentsOfFile: file, encoding: .utf8)) as? [String: Any])
        let list = try #require(root["cases"] as? [[String: Any]])
        let cases = try list.map { item -> Case in
            func int(_ key: String) throws -> Int64 { Int64(try #require(item[key] as? Int)) }
            return Case(model: try #require(item["model"] as? String), shape: try #require(item["shape"] as? String),
                        tier: try #require(item["tier"] as? String), difference: item["difference"] as? String,
                        input: try int("input_tokens"), cached: try int("cached_tokens"), write: try int("cache_write_tokens"),
                        write1h: try int("cache_write_1h_tokens"), output: try int("output_tokens"), reasoning: try int("reasoning_tokens"),
                        litellm: try #require(Double(item["litellm_cost_usd"] as? String ?? "")))
        }
        return (try #require(root["litellm_version"] as? String), cases)
    }

    /// costgate's price of a case in USD, nil when the catalog has no such model or tier.
    static func price(_ item: Case, catalog: PriceCatalog) -> Double? {
        guard let model = catalog.lookup(item.model), let tier = ServiceTier(recorded: item.tier),
              // A tier the model has no rates for bills at standard rates, as the replay does.
              let rates = model.billedRates(tier, inputTokens: item.input) ?? model.billedRates(.standard, inputTokens: item.input),
              let cost = rates.picodollars(input: item.input, cached: item.cached, cacheWrite: item.write, cacheWrite1h: item.write1h,
                                          output: item.output, reasoning: item.reasoning) else { return nil }
        return Double(cost) * 1e-12
    }

    static func matches(_ ours: Double, _ theirs: Double) -> Bool {
        abs(ours - theirs) <= 1e-9 * max(abs(theirs), 1e-12)
    }

    @Test func vectorsComeFromTheBundledRelease() throws {
        #expect(try Self.cases().version == LiteLLMPriceMap.bundledVersion)
    }

    @Test func everyCaseMatchesLiteLLMOrIsADocumentedDifference() throws {
        let (_, cases) = try Self.cases()
        let catalog = PriceCatalog.standard
        var matched = 0
        var differences: [String: Int] = [:]
        var providers = Set<String>()
        for item in cases {
            let ours = try #require(Self.price(item, catalog: catalog), "\(item.model) \(item.tier): not priced")
            let label = "\(item.model) \(item.shape) \(item.tier): costgate \(ours), LiteLLM \(item.litellm)"
            if let difference = item.difference {
                #expect(!Self.matches(ours, item.litellm), "documented difference '\(difference)' no longer differs: \(label)")
                differences[difference, default: 0] += 1
            } else {
                #expect(Self.matches(ours, item.litellm), "\(label)")
                if Self.matches(ours, item.litellm) { matched += 1 }
                providers.insert(catalog.lookup(item.model)!.provider)
            }
        }
        #expect(matched >= 200)
        #expect(providers.count >= 8, "providers: \(providers.sorted())")
        print("LiteLLM vectors: \(matched) of \(cases.count) match to 1e-9 relative across \(providers.count) providers; documented differences: \(differences.sorted { $0.key < $1.key })")
    }
}
