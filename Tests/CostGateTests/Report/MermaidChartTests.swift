import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// The Mermaid chart of cost by route: its fence cannot be broken by a route name, and Mermaid itself
/// (11.16, run in headless Chromium by `Fixtures/mermaid/validate.py`, by hand) parsed every chart in
/// `charts.json` and drew each label as we wrote it (`rendered.json`, committed; this test needs no browser).
@Suite struct MermaidChartTests {
    static let directory = URL(fileURLWithPath: fixturesDirectory).appendingPathComponent("mermaid")

    static func row(_ name: String, _ base: Double, _ head: Double) -> Comparison.Row {
        Comparison.Row(name: name, baseCost: base, headCost: head, headRequests: 1, change: head - base)
    }

    /// One chart per hostile name, and one with more routes than fit (the rest become "other").
    static var charts: [(name: String, chart: String)] {
        var result = MarkdownTests.hostileNames.map { name in
            (name, MermaidChart.costByRoute([row(name, 1234.5, 99.25), row("search", 10, 12)], base: "base", head: "head")!)
        }
        let many = (1...9).map { row("route-\($0)", Double($0) * 100, Double($0) * 90) }
        result.append(("nine routes", MermaidChart.costByRoute(many, base: "main\"]%%", head: "pr`1`\n") ?? ""))
        return result
    }

    struct Vector: Codable {
        var name: String
        var chart: String
        var ok: Bool?
        var error: String?
        var labels: [String]?
    }

    @Test func chartsMatchTheGolden() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(Self.charts.map { Vector(name: $0.name, chart: $0.chart) }), as: UTF8.self) + "\n"
        Golden.assertGolden(json, at: Self.directory.appendingPathComponent("charts.json"))
    }

    @Test func aRouteNameCannotBreakTheFenceOrTheSyntax() {
        for (name, chart) in Self.charts {
            let lines = chart.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.first == "```mermaid" && lines.dropLast().last == "```" && lines.last == "", "\(name.debugDescription)")
            let body = lines.dropFirst().dropLast(2)
            #expect(body.allSatisfy { !$0.contains("`") }, "a backtick inside the fence for \(name.debugDescription)")
            #expect(body.first == "xychart-beta horizontal")
            let keywords = body.dropFirst().map { $0.split(separator: " ").first.map(String.init) ?? "" }
            #expect(keywords == ["title", "x-axis", "y-axis", "bar"], "\(name.debugDescription): \(keywords)")
            // Every quote opens or closes a label: an even number per line, none escaped.
            for line in body { #expect(line.filter { $0 == "\"" }.count % 2 == 0 && !line.contains("\\")) }
            #expect(!chart.contains("%%") && !chart.contains(";"), "\(name.debugDescription)")
        }
    }

    @Test func moreRoutesThanFitAreSummedIntoOther() throws {
        let chart = try #require(Self.charts.last?.chart)
        #expect(chart.contains("\"other (4 routes) main____\"") && chart.contains("\"other (4 routes) pr_1_\""))
        // Routes 6...9 cost 3,000 on the base side and 2,700 on the head side.
        #expect(chart.contains("3000.00") && chart.contains("2700.00"))
        #expect(chart.components(separatedBy: "\", \"").count == 2 * MermaidChart.maxRoutes)
    }

    @Test func mermaidParsedEveryChartAndDrewTheLabelsAsWritten() throws {
        let data = try Data(contentsOf: Self.directory.appendingPathComponent("rendered.json"))
        let vectors = try JSONDecoder().decode([Vector].self, from: data)
        let charts = Self.charts
        #expect(vectors.count == charts.count, "re-run Fixtures/mermaid/validate.py after re-recording")
        for (vector, current) in zip(vectors, charts) {
            #expect(vector.chart == current.chart, "stale vector for \(current.name.debugDescription): run validate.py")
            #expect(vector.ok == true, "Mermaid rejected the chart for \(current.name.debugDescription): \(vector.error ?? "")")
            let xAxis = current.chart.split(separator: "\n").first { $0.hasPrefix("    x-axis") }.map(String.init) ?? ""
            let written = xAxis.split(separator: "\"").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
            #expect(vector.labels == written, "labels drawn for \(current.name.debugDescription)")
        }
    }

    @Test func theChartIsDroppedFirstWhenTheBudgetIsTight() throws {
        let full = MarkdownReportRenderer(maxCharacters: 1_000_000)
        let scenario = "Scenarios/support-chatbot/"
        let result = runCLI(["check", "--plan", scenario + "costgate.json", "--base-plan", scenario + "costgate.base.json", "--format", "markdown",
                             "--max-comment-chars", "1000000"], in: repositoryRoot)
        #expect(result.stdout.contains("```mermaid\nxychart-beta horizontal\n"))
        #expect(full.maxCharacters == 1_000_000)
        let withoutChart = result.stdout.replacingOccurrences(of: #"\n```mermaid\n[^`]*```\n"#, with: "", options: .regularExpression)
        let tight = runCLI(["check", "--plan", scenario + "costgate.json", "--base-plan", scenario + "costgate.base.json", "--format", "markdown",
                            "--max-comment-chars", String(withoutChart.utf16.count)], in: repositoryRoot)
        #expect(tight.stdout == withoutChart, "only the chart goes when the rest fits")
    }
}
