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
}
