import Testing
@testable import CostGate
import CostGateTestSupport

@Suite struct PriceCatalogTests {
    let catalog = PriceCatalog.builtIn

    @Test(arguments: [
        ("gpt-4o", "openai/gpt-4o"),
        ("GPT-4o-Mini", "openai/gpt-4o-mini"),
        ("gpt-4o-2024-08-06", "openai/gpt-4o"),
        ("claude-sonnet-4-5", "anthropic/claude-sonnet-4.5"),
        ("claude-sonnet-4-5-20250929", "anthropic/claude-sonnet-4.5"),
        ("claude-haiku-4.5", "anthropic/claude-haiku-4.5"),
        ("gemini-2.5-flash", "google/gemini-2.5-flash"),
        ("deepseek-chat", "deepseek/deepseek-chat"),
        ("llama-3.3-70b", "groq/llama-3.3-70b-versatile"),
        ("meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo", "together/meta-llama-3.1-70b-instruct-turbo"),
    ])
    func bareNamesAndAliasesResolveUniquely(name: String, id: String) throws {
        #expect(catalog.lookup(name)?.id == id)
        #expect(try catalog.resolve(name, context: "plan.json: routes.chat.model").id == id)
    }

    @Test func aLlamaOnTwoHostsIsAmbiguous() {
        #expect(catalog.lookup("llama-3.1-8b") == nil)
        #expect(catalog.lookup("groq/llama-3.1-8b-instant")?.id == "groq/llama-3.1-8b-instant")
        #expect(throws: CostGateError.unknownName(
            kind: "model (ambiguous: name the provider)", name: "llama-3.1-8b", context: "plan.json",
            suggestions: ["groq/llama-3.1-8b-instant", "together/meta-llama-3.1-8b-instruct-turbo"])) {
            try catalog.resolve("llama-3.1-8b", context: "plan.json")
        }
    }

    @Test(arguments: [
        ("gpt-4o-mnii", "openai/gpt-4o-mini"),
        ("openai/gpt-4o-mnii", "openai/gpt-4o-mini"),
        ("claude-sonet-4.5", "anthropic/claude-sonnet-4.5"),
        ("gemini-2.5-flsh", "google/gemini-2.5-flash"),
    ])
    func typosSuggestTheClosestId(typo: String, expected: String) {
        do {
            _ = try catalog.resolve(typo, context: "plan.json")
            Issue.record("\(typo) resolved")
        } catch {
            guard case .unknownName(_, let name, _, let suggestions, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(name == typo)
            #expect(suggestions.first == expected, "\(suggestions)")
            #expect(error.description.contains("did you mean '\(expected)'"))
        }
    }

    @Test func aPlanRowReplacesABuiltInOneAndKeepsItsNames() {
        var catalog = self.catalog
        catalog.add(ModelPrice(id: "openai/gpt-4o", rates: TokenRates(input: 2, output: 8), date: "2026-01-01",
                               source: "plan.json", aliases: ["my-4o"]))
        #expect(catalog.lookup("gpt-4o")?.rates.input == Rate(perMillion: 2))
        #expect(catalog.lookup("my-4o")?.id == "openai/gpt-4o")
        #expect(catalog.models.count == PriceCatalog.builtIn.models.count)
    }

    @Test func searchMatchesIdsAndAliases() {
        #expect(catalog.search("gpt-4o").map(\.id) == ["openai/gpt-4o", "openai/gpt-4o-mini"])
        #expect(catalog.search("claude-sonnet-4-5").map(\.id) == ["anthropic/claude-sonnet-4.5"])
        #expect(catalog.search(nil).count == catalog.models.count)
    }

    /// Discounts on the standard catalog (built-in rows over the LiteLLM snapshot, thousands of rows): each row gets
    /// what the pattern-by-pattern rule gives it, worked out here from the row's own id: an exact id beats every
    /// glob, a longer glob beats a shorter one, the first of two equal ones wins, `*` is the shortest glob.
    @Test func discountsGiveEveryRowItsMostSpecificPattern() {
        let discounts: [PriceSettings.Discount] = [
            .init(pattern: "*", fraction: 0.01),
            .init(pattern: "openai/*", fraction: 0.02),
            .init(pattern: "openai/gpt-4*", fraction: 0.03),
            .init(pattern: "OpenAI/GPT-4o*", fraction: 0.04),
            .init(pattern: "openai/gpt-4o*", fraction: 0.05),
            .init(pattern: "openai/gpt-4o-mini", fraction: 0.06),
            .init(pattern: "openai/GPT-4o-mini", fraction: 0.07),
            .init(pattern: "anthropic/claude-sonnet-4-5", fraction: 0.08),
            .init(pattern: "azure/*", fraction: 0.5),
        ]
        var settings = PriceSettings()
        settings.discounts = discounts
        var discounted = PriceCatalog.standard
        discounted.applyDiscounts(settings)
        #expect(discounted.models.count == PriceCatalog.standard.models.count)

        func expected(_ id: String) -> Double? {
            let model = ModelID(id).canonical
            var best: (fraction: Double, specificity: Int)?
            for discount in discounts {
                let pattern = discount.pattern == "*" ? "*" : ModelID(discount.pattern).canonical
                let specificity: Int
                if pattern.hasSuffix("*") {
                    let prefix = String(pattern.dropLast())
                    guard model.hasPrefix(prefix) else { continue }
                    specificity = prefix.count
                } else {
                    guard pattern == model else { continue }
                    specificity = Int.max
                }
                if best == nil || specificity > best!.specificity { best = (discount.fraction, specificity) }
            }
            return best?.fraction
        }
        var fractions: [Double: Int] = [:]
        for (row, original) in zip(discounted.models, PriceCatalog.standard.models) {
            #expect(row.id == original.id)
            let fraction = expected(original.id)
            #expect(row == (fraction.map { original.discounted(by: $0) } ?? original), "\(original.id)")
            fractions[fraction ?? 0, default: 0] += 1
        }
        // Every pattern but the second exact spelling of gpt-4o-mini and the equal-length second gpt-4o glob wins somewhere.
        #expect(Set(fractions.keys) == [0.01, 0.02, 0.03, 0.04, 0.06, 0.08, 0.5])
        #expect(discounted.lookup("openai/gpt-4o-mini")?.rates == PriceCatalog.standard.lookup("openai/gpt-4o-mini")?.discounted(by: 0.06).rates)
    }
}
