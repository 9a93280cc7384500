import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// Every figure of the JSON report equals an independent decimal computation of the documented semantics
/// (`Fixtures/semantics/generate.py`, Python's decimal module), to a relative error of 1e-6 or better.
@Suite struct SemanticsTests {
    static let cases = (1...6).map { "case-\($0)" }

    @Test(arguments: cases)
    func reportMatchesIndependentComputation(name: String) throws {
        let folder = fixturesDirectory + "/semantics/" + name
        let expected = try #require(try parseJSON(String(contentsOfFile: folder + "/expected.json", encoding: .utf8)) as? [String: Any])
        let result = runCLI(["check", "--plan", "head.json", "--base-plan", "base.json", "--format", "json"], in: folder)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect(Int(result.status.rawValue) == expected["exit_status"] as? Int)
        let report = try #require(try parseJSON(result.stdout) as? [String: Any])
        #expect(report["result"] as? String == expected["result"] as? String)
        let baseline = try #require(report["baseline"] as? [String: Any])
        let head = try #require((report["candidates"] as? [[String: Any]])?.first)
        try compareForecast(baseline, try #require(expected["baseline"] as? [String: Any]), label: "\(name) baseline")
        try compareForecast(head, try #require(expected["head"] as? [String: Any]), label: "\(name) head")
        let policies = try #require(report["policies"] as? [[String: Any]])
        let expectedPolicies = try #require(expected["policies"] as? [[String: Any]])
        #expect(policies.count == expectedPolicies.count)
        for (actual, wanted) in zip(policies, expectedPolicies) {
            #expect(actual["name"] as? String == wanted["name"] as? String)
            #expect(actual["status"] as? String == wanted["status"] as? String, "\(name) policy \(wanted["name"] ?? "")")
            close(actual["actual"], wanted["actual"], "\(name) policy \(wanted["name"] ?? "") actual")
        }
        // The interval brackets the point.
        let low = try #require(head["monthly_cost_low"] as? Double)
        let high = try #require(head["monthly_cost_high"] as? Double)
        let point = try #require(head["monthly_cost"] as? Double)
        #expect(low <= point && point <= high)
    }

    private func compareForecast(_ actual: [String: Any], _ expected: [String: Any], label: String) throws {
        for key in ["monthly_cost", "requests", "cost_per_request", "quality", "cost_per_quality"] {
            close(actual[key], expected[key], "\(label) \(key)")
        }
        for breakdown in ["by_route", "by_model"] {
            let actualGroups = try #require(actual[breakdown] as? [String: [String: Any]], "\(label) \(breakdown)")
            let expectedGroups = try #require(expected[breakdown] as? [String: [String: Any]])
            #expect(Set(actualGroups.keys) == Set(expectedGroups.keys), "\(label) \(breakdown) keys")
            for (group, figures) in expectedGroups {
                close(actualGroups[group]?["monthly_cost"], figures["monthly_cost"], "\(label) \(breakdown).\(group).monthly_cost")
                close(actualGroups[group]?["requests"], figures["requests"], "\(label) \(breakdown).\(group).requests")
            }
        }
        let actualTags = try #require(actual["by_tag"] as? [String: [String: [String: Any]]])
        let expectedTags = try #require(expected["by_tag"] as? [String: [String: [String: Any]]])
        #expect(Set(actualTags.keys) == Set(expectedTags.keys), "\(label) tag keys")
        for (key, groups) in expectedTags {
            for (value, figures) in groups {
                close(actualTags[key]?[value]?["monthly_cost"], figures["monthly_cost"], "\(label) by_tag.\(key).\(value)")
            }
        }
    }

    /// Compares a report number with an expected decimal string at a relative error of 1e-6 (absolute 1e-9 near zero).
    private func close(_ actual: Any?, _ expected: Any?, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let expectedText = expected as? String, let wanted = Double(expectedText) else {
            #expect(actual == nil || actual is NSNull, "\(label): expected null, got \(String(describing: actual))", sourceLocation: sourceLocation)
            return
        }
        guard let value = actual as? Double ?? (actual as? Int).map(Double.init) else {
            Issue.record("\(label): expected \(expectedText), got \(String(describing: actual))", sourceLocation: sourceLocation)
            return
        }
        let error = abs(value - wanted) / max(abs(wanted), 1e-3)
        #expect(error <= 1e-6, "\(label): \(value) vs \(expectedText)", sourceLocation: sourceLocation)
    }
}
