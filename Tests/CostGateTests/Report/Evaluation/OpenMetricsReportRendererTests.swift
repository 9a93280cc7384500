import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// `--format openmetrics`: golden files for two scenarios, and those files as the reference parser read them
/// (`Fixtures/openmetrics/parsed.json`, written by `Fixtures/openmetrics/validate.py` with `prometheus-client`;
/// this test needs no Python).
@Suite struct OpenMetricsReportRendererTests {
    static let scenarios = ["support-chatbot", "self-hosted-llama"]
    static let directory = URL(fileURLWithPath: fixturesDirectory).appendingPathComponent("openmetrics")

    static func render(_ scenario: String) -> CLIResult {
        runCLI(["check", "--plan", "Scenarios/\(scenario)/costgate.json", "--base-plan", "Scenarios/\(scenario)/costgate.base.json",
                "--format", "openmetrics"], in: repositoryRoot, environment: ["CI": "true"])
    }

    @Test(arguments: scenarios)
    func openMetricsMatchesTheGolden(scenario: String) {
        let result = Self.render(scenario)
        #expect(result.status == .success, "\(result.stderr)")
        #expect(result.stdout.hasSuffix("# EOF\n"))
        Golden.assertGolden(result.stdout, at: Self.directory.appendingPathComponent("\(scenario).txt"))
    }

    struct Parsed: Decodable {
        var file: String
        var text: String
        var families: [String]
        var samples: Int
    }

    @Test func theReferenceParserReadTheGoldens() throws {
        let parsed = try JSONDecoder().decode([Parsed].self, from: Data(contentsOf: Self.directory.appendingPathComponent("parsed.json")))
        #expect(parsed.map(\.file) == Self.scenarios.map { "\($0).txt" })
        for entry in parsed {
            let golden = try String(contentsOf: Self.directory.appendingPathComponent(entry.file), encoding: .utf8)
            #expect(entry.text == golden, "\(entry.file) changed since validate.py ran; run it again")
            #expect(entry.families.contains("costgate_monthly_cost_usd") && entry.families.contains("costgate_policy_passed"))
            #expect(entry.samples == golden.split(separator: "\n").filter { !$0.hasPrefix("#") }.count)
        }
    }

    @Test func labelValuesAreEscaped() {
        #expect(OpenMetricsReportRenderer.escape("a\"b\\c\nd\u{202E}") == "a\\\"b\\\\c\\nd")
        #expect(OpenMetricsReportRenderer.number(.infinity) == "NaN")
    }
}
