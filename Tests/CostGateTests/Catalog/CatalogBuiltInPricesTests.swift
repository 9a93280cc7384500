import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

@Suite struct CatalogBuiltInPricesTests {
    let catalog = PriceCatalog.builtIn

    /// Reference points that must hold exactly: id, input, cached input, output (USD per 1M tokens).
    @Test(arguments: [
        ("openai/gpt-4o", "2.5", "1.25", "10"),
        ("openai/gpt-4o-mini", "0.15", "0.075", "0.6"),
        ("anthropic/claude-sonnet-4.5", "3", "0.3", "15"),
        ("anthropic/claude-haiku-4.5", "1", "0.1", "5"),
        ("google/gemini-2.5-flash", "0.3", "0.03", "2.5"),
    ])
    func referencePricesHoldExactly(id: String, input: String, cached: String, output: String) throws {
        let model = try #require(catalog.lookup(id))
        #expect(Format.rateDecimal(model.rates.input) == input)
        #expect(model.rates.cachedInput.map(Format.rateDecimal) == cached)
        #expect(Format.rateDecimal(model.rates.output) == output)
    }

    @Test func sonnetLongContextSwitchesEveryRateAbove200k() throws {
        let model = try #require(catalog.lookup("anthropic/claude-sonnet-4.5"))
        let at = model.rates(forInput: 200_000)
        let above = model.rates(forInput: 200_001)
        #expect(at == model.rates)
        #expect(above.input == Rate(perMillion: 6))
        #expect(above.cachedInput == Rate(perMillion: 0.60))
        #expect(above.output == Rate(perMillion: 22.50))
        #expect(above.cacheWrite == Rate(perMillion: 7.50))
        // A 300k-input request is billed entirely at the higher tier: 300k × $6 + 1k × $22.50 per 1M.
        let cost = above.picodollars(input: 300_000, cached: 0, output: 1_000, reasoning: 0)
        let expected: Int64 = 300_000 * 6_000_000 + 1_000 * 22_500_000
        #expect(cost == expected)
    }

    @Test func geminiProLongContextTier() throws {
        let model = try #require(catalog.lookup("gemini-2.5-pro"))
        let above = model.rates(forInput: 250_000)
        #expect(above.input == Rate(perMillion: 2.50))
        #expect(above.output == Rate(perMillion: 15))
        #expect(model.rates(forInput: 100_000).input == Rate(perMillion: 1.25))
    }

    @Test func anthropicCacheWriteIsOneAndAQuarterInput() {
        for model in catalog.models where model.provider == "anthropic" {
            #expect(model.rates.cacheWrite?.picodollarsPerToken == model.rates.input.picodollarsPerToken * 5 / 4, "\(model.id)")
        }
    }

    @Test func everyRowHasADateAndASource() {
        for model in catalog.models {
            #expect(model.date.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil, "\(model.id) date \(model.date)")
            let parts = model.date.split(separator: "-").compactMap { Int($0) }
            #expect(parts.count == 3 && (1...12).contains(parts[1]) && (1...31).contains(parts[2]), "\(model.id)")
            #expect(!model.source.trimmingCharacters(in: .whitespaces).isEmpty, "\(model.id)")
            #expect(model.source.hasPrefix("https://"), "\(model.id) source should start with its URL")
        }
    }

    @Test func idsAndAliasesAreUnique() {
        var ids = Set<String>()
        for model in catalog.models {
            #expect(ids.insert(model.id.lowercased()).inserted, "duplicate id \(model.id)")
            #expect(model.id.split(separator: "/").count >= 2, "\(model.id) is not provider/model")
        }
        // An alias names one model within its provider; a bare alias may be shared across providers on purpose
        // (it is then ambiguous), but never shadows another row's id or bare name.
        var aliasesByProvider: [String: Set<String>] = [:]
        let bareNames = Set(catalog.models.map { $0.name.lowercased() })
        for model in catalog.models {
            for alias in model.aliases.map({ $0.lowercased() }) {
                #expect(aliasesByProvider[model.provider, default: []].insert(alias).inserted,
                        "alias \(alias) repeated within \(model.provider)")
                #expect(!ids.contains(alias), "alias \(alias) of \(model.id) is another row's id")
                #expect(!bareNames.contains(alias), "alias \(alias) of \(model.id) is a row's bare name")
            }
        }
    }

    @Test func batchIsNeverAboveStandardAndCachedNeverAboveInput() {
        for model in catalog.models {
            for rates in [model.rates, model.longContext?.rates].compactMap({ $0 }) {
                if let cached = rates.cachedInput { #expect(cached <= rates.input, "\(model.id) cached") }
                if let write = rates.cacheWrite { #expect(write >= rates.input, "\(model.id) cache write") }
                #expect(rates.input.picodollarsPerToken > 0 && rates.output.picodollarsPerToken > 0, "\(model.id)")
            }
            if let batch = model.batchRates {
                #expect(batch.input <= model.rates.input, "\(model.id) batch input")
                #expect(batch.output <= model.rates.output, "\(model.id) batch output")
            }
            if let tier = model.longContext {
                #expect(tier.rates.input >= model.rates.input && tier.rates.output >= model.rates.output, "\(model.id)")
            }
        }
    }

    @Test func tokenizersAreExactOnlyForOpenAI() {
        for model in catalog.models {
            if model.provider == "openai" {
                #expect(model.tokenizerExact && model.tokenizerRatio == 1, "\(model.id)")
                let legacy = model.name.hasPrefix("gpt-4-turbo") || model.name.hasPrefix("gpt-3.5")
                #expect(model.encoding == (legacy ? "cl100k_base" : "o200k_base"), "\(model.id)")
            } else {
                #expect(!model.tokenizerExact && model.encoding == "o200k_base", "\(model.id)")
                #expect(model.tokenizerRatio >= 1 && model.tokenizerRatio < 2, "\(model.id)")
            }
        }
    }

    @Test(arguments: [
        "openai/gpt-4o", "openai/gpt-4o-mini", "openai/gpt-4.1", "openai/gpt-4.1-mini", "openai/gpt-4.1-nano",
        "openai/o3", "openai/o3-mini", "openai/o4-mini", "openai/gpt-5", "openai/gpt-5-mini", "openai/gpt-5-nano",
        "openai/gpt-4-turbo", "openai/gpt-3.5-turbo", "anthropic/claude-opus-4.1", "anthropic/claude-sonnet-4",
        "anthropic/claude-sonnet-4.5", "anthropic/claude-haiku-4.5", "anthropic/claude-3.5-haiku",
        "google/gemini-2.5-pro", "google/gemini-2.5-flash", "google/gemini-2.5-flash-lite", "google/gemini-2.0-flash",
        "mistral-large", "mistral-medium", "mistral-small", "codestral", "deepseek/deepseek-chat",
        "deepseek/deepseek-reasoner", "together/meta-llama-3.1-70b-instruct-turbo",
        "together/meta-llama-3.1-8b-instruct-turbo", "groq/llama-3.3-70b-versatile",
    ])
    func requiredModelsArePresent(name: String) {
        #expect(catalog.lookup(name) != nil)
    }
}
