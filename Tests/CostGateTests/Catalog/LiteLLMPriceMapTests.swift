import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// The LiteLLM price map as a price source: how its entries become rows, how names resolve across the layers,
/// and what it leaves out.
@Suite struct LiteLLMPriceMapTests {
    let catalog = PriceCatalog.standard

    @Test func theBundledSnapshotLoadsWithItsVersionAndDate() {
        let map = LiteLLMPriceMap.bundled
        #expect(map.version == "1.110.2")
        #expect(map.date == "2026-11-29")
        #expect(map.rows.count > 3000)
        #expect(map.label == "LiteLLM 1.110.2 price map (bundled snapshot, 2026-11-29)")
        // tiered_pricing tables and several thresholds are left out and counted, never priced approximately.
        #expect(map.skipped["LiteLLM tiered_pricing table (not a per-token rate)"] == 5)
        #expect(map.skipped["several long-context thresholds"] == 5)
        #expect(catalog.litellmMaps.map(\.label) == [map.label])
    }

    @Test(arguments: [
        ("gpt-5.1", "openai/gpt-5.1"),                       // LiteLLM's unprefixed key: OpenAI's model
        ("openai/gpt-5.1", "openai/gpt-5.1"),
        ("azure/gpt-5.1", "azure/gpt-5.1"),                  // Azure bills its own rates
        ("bedrock/anthropic.claude-sonnet-4-5-20250929-v1:0", "bedrock/anthropic.claude-sonnet-4-5-20250929-v1:0"),
        ("anthropic.claude-sonnet-4-5-20250929-v1:0", "bedrock/anthropic.claude-sonnet-4-5-20250929-v1:0"),
        ("us.anthropic.claude-sonnet-4-5-20250929-v1:0", "bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0"),
        ("claude-opus-4-6", "anthropic/claude-opus-4-6"),
        ("gpt-4o", "openai/gpt-4o"),                         // the built-in row wins over LiteLLM's
        ("claude-sonnet-4-5-20250929", "anthropic/claude-sonnet-4.5"),
        ("gemini/gemini-2.5-pro", "google/gemini-2.5-pro"),
    ])
    func providerNamesResolveThroughEveryLayer(name: String, id: String) {
        #expect(catalog.lookup(name)?.id == id)
    }

    @Test func aBareNameOnlyPrefixedEntriesShareIsAmbiguous() {
        #expect(catalog.lookup("mistral-large-3") == nil)
        #expect(catalog.lookup("mistral/mistral-large-3")?.id == "mistral/mistral-large-3")
        #expect(catalog.lookup("azure_ai/mistral-large-3")?.id == "azure_ai/mistral-large-3")
    }

    @Test func builtInRowsKeepTheirRatesAndGainTheDeprecationDate() throws {
        let pro = try #require(catalog.lookup("google/gemini-2.5-pro"))
        #expect(pro.source.contains("ai.google.dev"))              // the hand-kept row
        #expect(pro.flexRates == TokenRates(input: 0.625, cached: 0.125, output: 5))        // the row's own tiers,
        #expect(pro.longContext?.priorityRates == TokenRates(input: 4.5, cached: 0.45, output: 27))  // not LiteLLM's
        #expect(catalog.lookup("deepseek-chat")?.deprecationDate == "2026-07-24")
        #expect(catalog.lookup("deepseek-chat")?.rates.cacheWrite == nil)  // not LiteLLM's 0
    }

    @Test func everyTokenDimensionIsMapped() throws {
        let json = """
        {"acme/m": {"litellm_provider": "acme", "mode": "chat", "input_cost_per_token": 2e-06, "output_cost_per_token": 1e-05,
          "cache_read_input_token_cost": 2e-07, "cache_creation_input_token_cost": 2.5e-06,
          "cache_creation_input_token_cost_above_1hr": 4e-06, "output_cost_per_reasoning_token": 1.2e-05,
          "input_cost_per_token_batches": 1e-06, "output_cost_per_token_batches": 5e-06,
          "input_cost_per_token_above_128k_tokens": 4e-06, "output_cost_per_token_above_128k_tokens": 1.5e-05,
          "input_cost_per_token_above_128k_tokens_batches": 2e-06,
          "input_cost_per_token_flex": 1e-06, "input_cost_per_token_priority": "3.5e-6",
          "input_cost_per_token_above_128k_tokens_flex": 3e-06,
          "deprecation_date": "2027-01-31", "max_input_tokens": 256000},
         "plain": {"litellm_provider": "acme", "mode": "chat", "input_cost_per_token": 1e-07, "output_cost_per_token": 1.41953125e-07},
         "image": {"litellm_provider": "acme", "mode": "image_generation", "output_cost_per_image": 0.04},
         "tiered": {"litellm_provider": "acme", "mode": "chat", "input_cost_per_token": 1e-06, "tiered_pricing": []}}
        """
        let map = try LiteLLMPriceMap.parse(Array(json.utf8), file: "t.json", version: "unknown", date: "unknown", origin: "t.json")
        #expect(map.rows.count == 2)
        #expect(map.skipped == ["no input_cost_per_token": 1, "LiteLLM tiered_pricing table (not a per-token rate)": 1])
        let m = try #require(map.rows.first { $0.price.id == "acme/m" }?.price)
        #expect(m.rates == TokenRates(input: 2, cached: 0.2, cacheWrite: 2.5, cacheWrite1h: 4, output: 10, reasoning: 12))
        #expect(m.longContext?.threshold == 128_000)
        #expect(m.longContext?.rates.input == Rate(perMillion: 4))
        #expect(m.longContext?.rates.cachedInput == Rate(perMillion: 0.2))   // no tier rate listed: the standard one
        #expect(m.longContext?.batchRates?.input == Rate(perMillion: 2))
        #expect(m.batchRates?.output == Rate(perMillion: 5))
        #expect(m.batchRates?.reasoning == Rate(perMillion: 5))             // LiteLLM's batch bills reasoning as output
        #expect(m.flexRates?.output == Rate(perMillion: 10))                // absent flex output: the standard rate
        #expect(m.priorityRates?.input == Rate(perMillion: 3.5))            // a rate written as a string
        // Above the threshold a tier takes its own long-context key, else the standard long-context one.
        #expect(m.longContext?.flexRates?.input == Rate(perMillion: 3))
        #expect(m.longContext?.flexRates?.output == Rate(perMillion: 15))
        #expect(m.longContext?.priorityRates?.input == Rate(perMillion: 4))
        #expect(m.billedRates(.flex, inputTokens: 128_000)?.input == Rate(perMillion: 1))   // at the threshold: flat flex
        #expect(m.billedRates(.flex, inputTokens: 128_001)?.input == Rate(perMillion: 3))
        #expect(m.deprecationDate == "2027-01-31")
        #expect(m.contextWindow == 256_000)
        #expect(!m.roundedOnImport)
        let plain = try #require(map.rows.first { $0.price.id == "acme/plain" })
        #expect(plain.unprefixed)
        #expect(plain.price.roundedOnImport)                               // 141953.125 picodollars a token
    }

    @Test func aBadRateNamesTheEntryAndField() {
        let json = #"{"m": {"litellm_provider": "acme", "input_cost_per_token": true}}"#
        #expect(throws: CostGateError.badPlan(file: "p.json", path: "m.input_cost_per_token", expected: "a rate in USD per token", found: "true")) {
            try LiteLLMPriceMap.parse(Array(json.utf8), file: "p.json", version: "unknown", date: "unknown", origin: "p.json")
        }
    }

    @Test func theTokenizerFamilyIsFoundAnywhereInTheKey() {
        #expect(LiteLLMPriceMap.Entry.tokenizerRatio(provider: "bedrock", key: "us.anthropic.Claude-Sonnet-4") == TokenizerRatio.claude)
        #expect(LiteLLMPriceMap.Entry.tokenizerRatio(provider: "x", key: "vertex_ai/gemini") == TokenizerRatio.gemini)
        #expect(LiteLLMPriceMap.Entry.tokenizerRatio(provider: "x", key: "codestral-2508") == TokenizerRatio.mistral)
        #expect(LiteLLMPriceMap.Entry.tokenizerRatio(provider: "x", key: "llam") == 1)
        #expect(LiteLLMPriceMap.Entry.tokenizerRatio(provider: "x", key: "") == 1)
        #expect("a_tokens".containsASCII("_tokens") && !"a_token".containsASCII("_tokens") && "__tokens".containsASCII("_tokens"))
        #expect("é_tokensé".containsASCII("_tokens") && !"".containsASCII("x") && "x".containsASCII(""))
    }
}
