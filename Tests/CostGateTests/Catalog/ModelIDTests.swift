import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// One rule names a model everywhere: pricing, recorded latency, quality scores, rate limits and policy filters.
@Suite struct ModelIDTests {
    let catalog = PriceCatalog.builtIn

    @Test(arguments: [
        // Catalog ids, bare names, provider-native spellings (dashes for dots), dated snapshots, -latest.
        ("openai/gpt-4o", "openai/gpt-4o"),
        ("gpt-4o", "openai/gpt-4o"),
        ("gpt-4o-2024-08-06", "openai/gpt-4o"),
        ("claude-sonnet-4-5", "anthropic/claude-sonnet-4.5"),
        ("claude-sonnet-4-5-20250929", "anthropic/claude-sonnet-4.5"),
        ("claude-haiku-4-5-20251001", "anthropic/claude-haiku-4.5"),
        ("claude-3-5-haiku-latest", "anthropic/claude-3.5-haiku"),
        ("anthropic/claude-sonnet-4-5", "anthropic/claude-sonnet-4.5"),
        ("gpt-4-1-mini", "openai/gpt-4.1-mini"),
        // LiteLLM model keys: provider/model, with LiteLLM's provider names.
        ("openai/gpt-4o-2024-08-06", "openai/gpt-4o"),
        ("anthropic/claude-haiku-4-5-20251001", "anthropic/claude-haiku-4.5"),
        ("gemini/gemini-2.5-flash", "google/gemini-2.5-flash"),
        ("together_ai/meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo", "together/meta-llama-3.1-70b-instruct-turbo"),
        ("groq/llama-3.1-8b-instant", "groq/llama-3.1-8b-instant"),
        ("mistral/codestral-latest", "mistral/codestral-2501"),
    ])
    func namesResolveToOneRow(name: String, id: String) throws {
        #expect(catalog.lookup(name)?.id == id)
        #expect(try catalog.resolve(name, context: "plan.json").id == id)
    }

    @Test(arguments: [
        // A snapshot the catalog does not list may be priced differently: it is not guessed from its date.
        ("gpt-4o-2024-05-13", "openai/gpt-4o"),
        // A provider prefix narrows the match: OpenAI has no Claude.
        ("openai/claude-sonnet-4.5", "anthropic/claude-sonnet-4.5"),
        ("gpt-4o-mnii", "openai/gpt-4o-mini"),
    ])
    func unknownNamesSuggest(name: String, suggestion: String) {
        #expect(catalog.lookup(name) == nil)
        #expect(catalog.suggestions(for: name).contains(suggestion), "\(catalog.suggestions(for: name))")
    }

    @Test func ambiguousBareNameListsItsCandidates() {
        #expect(throws: CostGateError.unknownName(
            kind: "model (ambiguous: name the provider)", name: "llama-3.1-8b", context: "plan.json",
            suggestions: ["groq/llama-3.1-8b-instant", "together/meta-llama-3.1-8b-instruct-turbo"])) {
            try catalog.resolve("llama-3.1-8b", context: "plan.json")
        }
    }

    @Test(arguments: [
        ("gpt-4o-2024-08-06", "openai/gpt-4o", true),
        ("claude-sonnet-4-5-20250929", "anthropic/claude-sonnet-4.5", true),
        ("gpt-4o", "openai/gpt-4o-mini", false),
        // Names outside the catalog match by spelling, a missing provider matching any.
        ("Llama-3.1-8B-Instruct", "meta-llama/Llama-3.1-8B-Instruct", true),
        ("acme/model-x", "other/model-x", false),
        // An ambiguous bare name resolves to no row, so it is not any one of its candidates.
        ("llama-3.1-8b", "groq/llama-3.1-8b-instant", false),
    ])
    func sameModel(a: String, b: String, same: Bool) {
        #expect(catalog.sameModel(a, b) == same)
        #expect(catalog.sameModel(b, a) == same)
    }

    @Test func openModelsFollowTheSameSpellingRule() {
        #expect(ModelCatalog.model("meta-llama/Llama-3.1-8B-Instruct")?.id == "meta-llama/Llama-3.1-8B-Instruct")
        #expect(ModelCatalog.model("META-LLAMA/llama-3-1-8b-instruct")?.id == "meta-llama/Llama-3.1-8B-Instruct")
        #expect(ModelCatalog.model("Llama-3.1-8B-Instruct")?.id == "meta-llama/Llama-3.1-8B-Instruct")
        #expect(ModelCatalog.model("Llama-3.1-8B-Instruc") == nil)
    }

    @Test func noTwoBuiltInRowsShareASpelling() {
        // Dots and dashes are one spelling: no two rows may differ only there, or a name would turn ambiguous.
        for model in catalog.models {
            for name in [model.id, model.name] + model.aliases {
                #expect(catalog.lookup(name)?.id == model.id || name.hasPrefix("llama-3.1-8b"), "\(name) of \(model.id)")
            }
        }
    }

    /// A policy's `where: model` and a rate limit's key accept any spelling of the model, as pricing does.
    @Test(arguments: ["openai/gpt-4o-mini", "gpt-4o-mini", "gpt-4o-mini-2024-07-18", "openai/gpt-4o-mini-2024-07-18"])
    func policyFiltersAndRateLimitsUseTheSameRule(spelling: String) throws {
        let folder = repositoryRoot + "/Scenarios/self-hosted-llama"
        let policies = #"policies=[{"name": "mini", "metric": "monthly_cost", "max": 1e9, "where": {"model": "\#(spelling)"}},"#
            + #"{"name": "peak", "metric": "peak_rpm_share", "max": 1e9, "where": {"model": "\#(spelling)"}}]"#
        let result = runCLI(["check", "--plan", "costgate.base.json", "--base-plan", "costgate.base.json", "--format", "json",
                             "--set", policies, "--set", #"rate_limits={"\#(spelling)": {"rpm": 5000}}"#], in: folder)
        #expect(result.status == .success, "\(result.stderr)")
        let report = try #require(try parseJSON(result.stdout) as? [String: Any])
        let results = try #require(report["policies"] as? [[String: Any]])
        #expect(results.count == 2)
        for policy in results {
            #expect(policy["actual"] as? Double ?? 0 > 0, "\(policy)")
            // The only note allowed is the peak's sampling error (this scenario samples a fifth of its traffic).
            #expect(policy["note"] == nil || policy["note"] is NSNull || (policy["note"] as? String)?.hasPrefix("the peak minute rests on") == true,
                    "\(policy)")
        }
    }

    /// A recorded dated name keeps its recorded latency (it used to get the published profile's TTFT instead),
    /// and is priced at its catalog row.
    @Test(arguments: ["gpt-4o-2024-08-06", "gpt-4o", "openai/gpt-4o-2024-08-06"])
    func recordedDatedNameKeepsItsLatencyAndPrice(recorded: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("costgate-modelid-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var lines: [String] = []
        for index in 0..<30 {
            lines.append(#"{"timestamp": \#(1_700_000_000 + index * 60), "model": "\#(recorded)", "route": "chat", "input_tokens": 1000, "output_tokens": 200, "ttft_ms": 111, "latency_ms": 2111}"#)
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: folder + "/traffic.jsonl", atomically: true, encoding: .utf8)
        try #"{"version": 1, "traffic": {"path": "traffic.jsonl", "window_hours": 1}}"#
            .write(toFile: folder + "/costgate.json", atomically: true, encoding: .utf8)
        let result = runCLI(["check", "--format", "json"], in: folder)
        #expect(result.status == .success, "\(result.stderr)")
        let report = try #require(try parseJSON(result.stdout) as? [String: Any])
        let head = try #require((report["candidates"] as? [[String: Any]])?.first)
        let ttft = try #require((head["latency"] as? [String: Any])?["ttft_ms"] as? [String: Any])
        #expect(ttft["p50"] as? Double == 111, "\(ttft)")
        // 30 requests an hour for 30 days at gpt-4o's $2.50 in / $10 out per 1M tokens.
        let monthly = try #require(head["monthly_cost"] as? Double)
        let expected = 30.0 * 24 * 30 * (1000 * 2.5 + 200 * 10) / 1e6
        #expect(abs(monthly - expected) < 1e-6 * expected, "\(monthly) vs \(expected)")
    }

    /// Plain-ASCII names take a byte path; its result is the `Character` path's, for every ASCII byte and for
    /// names with letters beyond ASCII (which take the `Character` path).
    @Test func theCanonicalFormOfASCIINamesIsTheCharacterPaths() {
        func characterPath(_ text: String) -> String { String(text.lowercased().map { $0 == "." ? "-" : $0 }) }
        let everyASCII = String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self)
        for text in [everyASCII, "Claude-Sonnet-4.5", "", ".", "GPT-4.1-MINI", "İstanbul.Model", "ÉCOLE.v2", "a\u{0}.B"] {
            #expect(ModelID.canonical(text[...]) == characterPath(text), "\(text.debugDescription)")
        }
        // A substring in the middle of its string, as `ModelID.init` passes the part after the provider.
        let qualified = "OpenAI/GPT-4.1"
        #expect(ModelID(qualified).canonical == "openai/gpt-4-1")
    }
}
