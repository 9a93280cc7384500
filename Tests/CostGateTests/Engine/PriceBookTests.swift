import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// A plan's `prices` section end to end: discounts shown as list vs effective cost, confidential price books,
/// price files and a plan's own LiteLLM copy, deprecation warnings against a reference day from the inputs, and
/// reconciliation with provider-billed cost (`price_drift_pct`).
@Suite struct PriceBookTests {
    /// Writes a throwaway repository with `plan` and `traffic` (and any other files) and runs `costgate check`.
    static func check(plan: String, traffic: [String], files: [String: String] = [:], format: String = "json") throws -> CLIResult {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("costgate-pricebook-" + UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: folder + "/prices", withIntermediateDirectories: true)
        try plan.write(toFile: folder + "/costgate.json", atomically: true, encoding: .utf8)
        try traffic.joined(separator: "\n").write(toFile: folder + "/traffic.jsonl", atomically: true, encoding: .utf8)
        for (name, text) in files { try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        return runCLI(["check", "--plan", "costgate.json", "--base-plan", "costgate.json", "--format", format], in: folder)
    }

    static let traffic = (0..<20).map { index in
        let model = index % 2 == 0 ? "openai/gpt-4.1" : "anthropic/claude-sonnet-4.5"
        return #"{"timestamp": "2026-08-01T00:\#(String(format: "%02d", index)):00Z", "model": "\#(model)", "route": "chat", "input_tokens": \#(1000 + index * 100), "cached_input_tokens": 500, "output_tokens": 200}"#
    }

    static func plan(_ prices: String) -> String {
        #"{"version": 1, "traffic": {"path": "traffic.jsonl", "window_hours": 1}, "forecast": {"days": 30, "growth": 0}\#(prices)}"#
    }

    static func byModel(_ result: CLIResult) throws -> [String: Double] {
        let json = try #require(try parseJSON(result.stdout) as? [String: Any])
        let groups = try #require((json["baseline"] as? [String: Any])?["by_model"] as? [String: [String: Any]])
        return groups.mapValues { $0["monthly_cost"] as? Double ?? .nan }
    }

    static func prices(_ result: CLIResult) throws -> [String: Any] {
        let json = try #require(try parseJSON(result.stdout) as? [String: Any])
        return try #require((json["baseline"] as? [String: Any])?["prices"] as? [String: Any])
    }

    @Test func discountsTakeTheMostSpecificPatternAndShowListVsEffective() throws {
        let list = try Self.byModel(Self.check(plan: Self.plan(""), traffic: Self.traffic))
        let result = try Self.check(plan: Self.plan(#", "prices": {"discounts": {"openai/*": 0.2, "anthropic/claude-sonnet-4-5": 0.1, "*": 0.05}}"#),
                                    traffic: Self.traffic)
        #expect(result.status == .success, "\(result.stderr)")
        let effective = try Self.byModel(result)
        let gpt = try #require(list["openai/gpt-4.1"]), sonnet = try #require(list["anthropic/claude-sonnet-4.5"])
        #expect(abs(effective["openai/gpt-4.1"]! - gpt * 0.8) <= 1e-9 * gpt)
        #expect(abs(effective["anthropic/claude-sonnet-4.5"]! - sonnet * 0.9) <= 1e-9 * sonnet)
        let discounts = try #require(Self.prices(result)["discounts"] as? [[String: Any]])
        #expect(discounts.map { $0["pattern"] as? String } == ["anthropic/claude-sonnet-4-5", "openai/*"])
        #expect(abs((discounts[1]["list_monthly_cost"] as? Double ?? 0) - gpt) <= 1e-9 * gpt)
        let markdown = try Self.check(plan: Self.plan(#", "prices": {"discounts": {"openai/*": 0.2}}"#), traffic: Self.traffic, format: "markdown")
        #expect(markdown.stdout.contains("#### List vs effective cost"))
        #expect(markdown.stdout.contains("| `openai/gpt-4.1` | 20.0% |"))
    }

    @Test func aConfidentialPriceBookShowsOnlyTotals() throws {
        let prices = #", "prices": {"discounts": {"openai/*": 0.2}, "confidential": true}"#
        let json = try Self.check(plan: Self.plan(prices), traffic: Self.traffic)
        let facts = try Self.prices(json)
        #expect(facts["discounts"] == nil && facts["list_monthly_cost"] == nil)
        #expect(facts["confidential"] as? Bool == true)
        #expect(!json.stdout.contains("0.2,") && !json.stdout.contains("\"discount\""))
        for format in ["markdown", "text"] {
            let report = try Self.check(plan: Self.plan(prices), traffic: Self.traffic, format: format)
            #expect(!report.stdout.contains("List vs effective") && !report.stdout.contains("20.0%"))
            #expect(report.stdout.contains("confidential"))
        }
    }

    @Test func priceFilesAndAPlanLiteLLMCopyAreLayeredAboveTheBuiltInRows() throws {
        let files = [
            "prices/contract.json": #"{"openai/gpt-4.1": {"input_per_mtok": 1.5}}"#,
            "prices/litellm.json": #"{"acme-large": {"litellm_provider": "acme", "mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06}}"#,
        ]
        var traffic = Self.traffic
        traffic.append(#"{"timestamp": "2026-08-01T00:30:00Z", "model": "acme-large", "route": "chat", "input_tokens": 1000000, "output_tokens": 0}"#)
        let result = try Self.check(plan: Self.plan(#", "prices": {"files": ["prices/contract.json"], "litellm": "prices/litellm.json"}"#),
                                    traffic: traffic, files: files)
        #expect(result.status == .success, "\(result.stderr)")
        let costs = try Self.byModel(result)
        #expect(abs(costs["acme/acme-large"]! - 1.0 * 720) <= 1e-9)   // $1 per record, ×720 for a month
        let listed = try Self.byModel(Self.check(plan: Self.plan(""), traffic: Self.traffic))
        #expect(costs["openai/gpt-4.1"]! < listed["openai/gpt-4.1"]!)
        #expect(try Self.prices(result)["sources"] as? String == "price file prices/contract.json, then LiteLLM map prices/litellm.json, then built-in 2026-11-29")
    }

    @Test func deprecationIsJudgedAgainstTheSamplesEndOrAsOf() throws {
        let traffic = [#"{"timestamp": "2026-08-01T00:00:00Z", "model": "deepseek-chat", "route": "chat", "input_tokens": 1000, "output_tokens": 10}"#,
                       #"{"timestamp": "2026-08-01T00:10:00Z", "model": "deepseek-chat", "route": "chat", "input_tokens": 1000, "output_tokens": 10}"#]
        let past = try Self.check(plan: Self.plan(""), traffic: traffic)
        let warnings = try #require((try parseJSON(past.stdout) as? [String: Any])?["warnings"] as? [String])
        #expect(warnings.contains("model 'deepseek/deepseek-chat' is past its deprecation date 2026-07-24 (as of 2026-08-01); the provider may no longer serve it"))
        let ahead = try Self.check(plan: Self.plan(#", "prices": {"as_of": "2026-07-01"}"#), traffic: traffic)
        let aheadWarnings = try #require((try parseJSON(ahead.stdout) as? [String: Any])?["warnings"] as? [String])
        #expect(aheadWarnings.contains("model 'deepseek/deepseek-chat' is deprecated on 2026-07-24, within the forecast period that starts 2026-07-01"))
        let later = try Self.check(plan: Self.plan(#", "prices": {"as_of": "2026-01-01"}"#), traffic: traffic)
        let laterDeprecations = try Self.prices(later)["deprecations"] as? [Any]
        #expect(laterDeprecations?.isEmpty == true)
    }

    @Test func reconciliationReportsDriftAndFailsAStalePriceBook() throws {
        // gpt-4.1: 500 uncached + 500 cached + 200 output = 0.001 + 0.00025 + 0.0016 = $0.00285; billed 10% more.
        let traffic = (0..<4).map { index in
            #"{"timestamp": "2026-08-01T00:0\#(index):00Z", "model": "gpt-4.1", "route": "chat", "input_tokens": 1000, "cached_input_tokens": 500, "output_tokens": 200, "billed_cost_usd": 0.003135}"#
        }
        let plan = #"{"version": 1, "traffic": {"path": "traffic.jsonl", "window_hours": 1}, "policies": [{"name": "price book current", "metric": "price_drift_pct", "max": 5}]}"#
        let result = try Self.check(plan: plan, traffic: traffic)
        #expect(result.status == .policyFailure)
        let drift = try #require(Self.prices(result)["reconciliation"] as? [String: Any])
        let rows = try #require(drift["by_model"] as? [[String: Any]])
        #expect(rows.count == 1 && rows[0]["records"] as? Int == 4)
        #expect(abs((rows[0]["billed_usd"] as? Double ?? 0) - 0.01254) <= 1e-12)
        #expect(abs((rows[0]["priced_usd"] as? Double ?? 0) - 0.0114) <= 1e-12)
        #expect(abs((drift["price_drift_pct"] as? Double ?? 0) - 100.0 / 11) <= 1e-9)
        let markdown = try Self.check(plan: plan, traffic: traffic, format: "markdown")
        #expect(markdown.stdout.contains("#### Reconciliation with provider bills (head)"))
    }

    /// Five records of $2,000,000 each ($10M) are more picodollars than an Int64 holds: the priced total is still exact
    /// (it was cut to $9.22M, a 7.8% drift that failed a 5% policy against a bill that matches to the cent).
    @Test func reconciliationOfMoreThanNineMillionDollarsIsExact() throws {
        let traffic = (0..<5).map { index in
            #"{"timestamp": "2026-08-01T00:0\#(index):00Z", "model": "gpt-4.1", "route": "chat", "input_tokens": 1000000000000, "output_tokens": 0, "billed_cost_usd": 2000000}"#
        }
        let plan = #"{"version": 1, "traffic": {"path": "traffic.jsonl", "window_hours": 1}, "policies": [{"name": "price book current", "metric": "price_drift_pct", "max": 5}]}"#
        let result = try Self.check(plan: plan, traffic: traffic)
        #expect(result.status == .success, "\(result.stdout)")
        let drift = try #require(Self.prices(result)["reconciliation"] as? [String: Any])
        let rows = try #require(drift["by_model"] as? [[String: Any]])
        #expect(rows.first?["priced_usd"] as? Double == 10_000_000)
        #expect(drift["price_drift_pct"] as? Double == 0)
    }

    @Test func badPricesSectionsAreErrorsWithAPath() throws {
        let cases = [
            (#", "prices": {"discounts": {"openai/*": 1.5}}"#, "'prices.discounts.openai/*'"),
            (#", "prices": {"discounts": {"open*ai": 0.1}}"#, "a model id or a glob ending in '*'"),
            (#", "prices": {"as_of": "July"}"#, "a day as YYYY-MM-DD"),
            (#", "prices": {"litellm": "../outside.json"}"#, "outside"),
            (#", "prices": {"bogus": 1}"#, "bogus"),
        ]
        for (prices, message) in cases {
            let result = try Self.check(plan: Self.plan(prices), traffic: Self.traffic)
            #expect(result.status == .badInput, "\(prices)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains(message), "\(result.stderr)")
        }
    }
}
