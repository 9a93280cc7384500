import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// The router and cache section in each report format: names from the plan and traffic are escaped, the
/// lines add up, and a `where.model` policy on a router route says what it cannot select.
@Suite struct ArchitectureSectionTests {
    /// Runs `check` in a fresh folder holding a two-record sample and a plan whose tier is named `name`.
    static func check(tierName name: String, format: String, policies: String = "[]") throws -> CLIResult {
        let folder = NSTemporaryDirectory() + "costgate-architecture-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let traffic = [
            #"{"timestamp": 0, "route": "help|desk", "model": "openai/gpt-4o", "input_tokens": 1000, "output_tokens": 100, "outcome": "success"}"#,
            #"{"timestamp": 3600, "route": "help|desk", "model": "openai/gpt-4o", "input_tokens": 3000, "output_tokens": 300, "outcome": "failure"}"#,
        ].joined(separator: "\n") + "\n"
        try traffic.write(toFile: folder + "/traffic.jsonl", atomically: true, encoding: .utf8)
        let tierName = String(decoding: try JSONSerialization.data(withJSONObject: name, options: .fragmentsAllowed), as: UTF8.self)
        let plan = """
        {"version": 1, "traffic": {"path": "traffic.jsonl", "window_hours": 1},
         "models": {"acme/embed": {"input_per_mtok": 0.02, "output_per_mtok": 0}},
         "routes": {"help|desk": {"router": {"classifier": {"model": "openai/gpt-4.1-nano", "prompt_tokens": 10},
                                           "tiers": [{"name": \(tierName), "model": "openai/gpt-4o-mini", "share": 0.5},
                                                     {"name": "big", "model": "openai/gpt-4o", "share": 0.5}]},
                                "semantic_cache": {"hit_rate": 0.5, "embedding": {"model": "acme/embed"}, "store": {"price_per_hour": 1}}}},
         "policies": \(policies)}
        """
        try plan.write(toFile: folder + "/costgate.json", atomically: true, encoding: .utf8)
        return runCLI(["check", "--plan", "costgate.json", "--format", format], in: folder)
    }

    @Test func markdownEscapesTierAndRouteNames() throws {
        let result = try Self.check(tierName: "*cheap*|<b>", format: "markdown")
        #expect(result.status == .success, "\(result.stderr)")
        #expect(result.stdout.contains("#### Router and cache: `help|desk`"), "\(result.stdout)")
        #expect(!result.stdout.contains("*cheap*|<b>"))
        #expect(result.stdout.contains(Markdown.escape("*cheap*|<b>")))
        #expect(result.stdout.contains("Cost per successful outcome:"))
    }

    @Test func jsonCarriesTiersAndCacheUnderTheRoute() throws {
        let result = try Self.check(tierName: "small", format: "json")
        let document = try #require(try parseJSON(result.stdout) as? [String: Any])
        let baseline = try #require(document["baseline"] as? [String: Any])
        let route = try #require((baseline["by_route"] as? [String: Any])?["help|desk"] as? [String: Any])
        let tiers = try #require(route["tiers"] as? [String: [String: Any]])
        let cache = try #require(route["cache"] as? [String: Any])
        let classifier = try #require(route["classifier"] as? [String: Any])
        #expect(Set(tiers.keys) == ["small", "big"])
        // The tiers, classifier and cache lines add up to the route.
        var lines = (classifier["monthly_cost"] as? Double ?? .nan) + (cache["monthly_cost"] as? Double ?? .nan)
        for tier in tiers.values { lines += tier["monthly_cost"] as? Double ?? .nan }
        let total = try #require(route["monthly_cost"] as? Double)
        #expect(abs(lines - total) <= 1e-9 * total)
        // The store is $1 an hour for the default 30 days.
        #expect(abs((cache["store_cost"] as? Double ?? 0) - 720) < 1e-6)
        #expect(cache["hit_rate"] as? Double == 0.5)
        // One of two records succeeded: cost per success is the cost of both over one success, as a month.
        let outcomes = try #require(baseline["outcomes"] as? [String: Any])
        #expect(abs((outcomes["cost_per_success"] as? Double ?? 0) * (outcomes["successes"] as? Double ?? 0)
                    - (baseline["monthly_cost"] as? Double ?? 1)) < 1e-6)
    }

    @Test func aModelFilterOnARouterRouteSaysWhatItMisses() throws {
        let policies = #"[{"name": "mini", "metric": "monthly_cost", "max": 1000000, "where": {"model": "openai/gpt-4o-mini"}}]"#
        let result = try Self.check(tierName: "small", format: "text", policies: policies)
        #expect(result.stdout.contains("are not matched by where.model"), "\(result.stdout)")
    }
}
