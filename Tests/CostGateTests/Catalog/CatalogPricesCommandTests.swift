import Testing
@testable import CostGate
import CostGateTestSupport

@Suite struct CatalogPricesCommandTests {
    @Test func textOutputMatchesGolden() {
        let run = CatalogTesting.run(["prices", "gpt-4o", "--source", "builtin", "--format", "text"])
        #expect(run.status == .success)
        #expect(run.stderr.isEmpty)
        CatalogTesting.assertGolden(run.stdout, named: "prices-gpt-4o.txt")
    }

    @Test func jsonOutputMatchesGolden() {
        let run = CatalogTesting.run(["prices", "gpt-4o", "--source", "builtin", "--format", "json"])
        #expect(run.status == .success)
        CatalogTesting.assertGolden(run.stdout, named: "prices-gpt-4o.json")
    }

    @Test func helpMatchesGolden() {
        let run = CatalogTesting.run(["prices", "--help"])
        #expect(run.status == .success)
        CatalogTesting.assertGolden(run.stdout, named: "help-prices.txt")
    }

    @Test func jsonListsEveryModelWithExactNumbers() throws {
        let all = CatalogTesting.run(["prices", "--format=json"])
        #expect(try JSONParser.parse(Array(all.stdout.utf8)).arrayValue?.count == PriceCatalog.standard.models.count)
        let run = CatalogTesting.run(["prices", "--source", "builtin", "--format=json"])
        #expect(run.status == .success)
        let value = try JSONParser.parse(Array(run.stdout.utf8))
        let rows = try #require(value.arrayValue)
        #expect(rows.count == PriceCatalog.builtIn.models.count)
        let mini = try #require(rows.first { $0["id"]?.stringValue == "openai/gpt-4o-mini" })
        #expect(mini["cached_input_per_mtok"] == .number(0.075, text: "0.075"))
        guard case .number(_, let text)? = mini["cached_input_per_mtok"] else { throw CancellationError() }
        #expect(text == "0.075")
        #expect(mini["batch"]?["output_per_mtok"]?.doubleValue == 0.30)
        #expect(mini["tokenizer"]?["exact"]?.boolValue == true)
        let sonnet = try #require(rows.first { $0["id"]?.stringValue == "anthropic/claude-sonnet-4.5" })
        #expect(sonnet["long_context"]?["threshold"]?.doubleValue == 200_000)
        #expect(sonnet["long_context"]?["output_per_mtok"]?.doubleValue == 22.5)
    }

    @Test func csvHasAHeaderAndOneLinePerModel() {
        let run = CatalogTesting.run(["prices", "claude", "--source", "builtin", "--format", "csv"])
        #expect(run.status == .success)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("id,input_per_mtok,cached_input_per_mtok,") == true)
        #expect(lines.count == 1 + PriceCatalog.builtIn.search("claude").count)
        #expect(lines.contains { $0.hasPrefix("anthropic/claude-haiku-4.5,1,0.1,1.25,5,5,0.5,2.5,,") })
    }

    @Test(arguments: [["prices", "--bogus"], ["prices", "--format", "xml"], ["prices", "--format"], ["prices", "a", "b"]])
    func badUsageExitsTwoNamingTheValidOptions(arguments: [String]) {
        let run = CatalogTesting.run(arguments)
        #expect(run.status == .badInput)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("costgate prices: "))
        if arguments.contains("--bogus") { #expect(run.stderr.contains("--format text|json|csv")) }
        if arguments.contains("xml") { #expect(run.stderr.contains("unknown format 'xml'")) }
    }

    @Test func anUnknownQuerySuggestsAModel() {
        let run = CatalogTesting.run(["prices", "gpt-4o-mnii"])
        #expect(run.status == .badInput)
        #expect(run.stderr.contains("did you mean 'openai/gpt-4o-mini'"))
    }

    @Test func helpDescribesTheOptions() {
        let run = CatalogTesting.run(["prices", "--help"])
        #expect(run.status == .success)
        #expect(run.stdout.contains("Usage: costgate prices [QUERY] [--source all|builtin|litellm] [--format text|json|csv]"))
    }

    @Test func theLiteLLMSnapshotIsListedWithItsVersionAndDate() throws {
        let run = CatalogTesting.run(["prices", "gpt-5.1", "--source", "litellm"])
        #expect(run.status == .success)
        #expect(run.stdout.contains("Source: LiteLLM 1.110.2 price map (bundled snapshot, 2026-11-29)"))
        #expect(run.stdout.contains("\nopenai/gpt-5.1 "))
        #expect(run.stdout.contains("\nazure/gpt-5.1 "))
        #expect(!run.stdout.contains("built-in catalog"))
        let json = CatalogTesting.run(["prices", "openai/gpt-5.1", "--format", "json"])
        let row = try #require(JSONParser.parse(Array(json.stdout.utf8)).arrayValue?.first { $0["id"]?.stringValue == "openai/gpt-5.1" })
        #expect(row["deprecation_date"]?.stringValue == "2027-04-01")
        #expect(row["source"]?.stringValue == "LiteLLM 1.110.2 price map, key 'gpt-5.1'")
    }
}
