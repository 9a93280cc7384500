import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import CostGate
import CostGateTestSupport

/// `check --format html`: one self-contained page, well-formed (it parses as XML), loading nothing, with every
/// name from the traffic and the plan shown as text, never as markup.
@Suite struct HTMLReportRendererTests {
    static let scenarios = [("support-chatbot", "check-support-chatbot.html"), ("self-hosted-llama", "check-self-hosted-llama.html")]

    static func page(_ scenario: String) -> String {
        let folder = "Scenarios/\(scenario)/"
        return runCLI(["check", "--plan", folder + "costgate.json", "--base-plan", folder + "costgate.base.json", "--format", "html"],
                      in: repositoryRoot).stdout
    }

    /// Parses `html` as XML and returns the document, recording an issue when it is not well-formed.
    static func parse(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) -> XMLDocument? {
        do {
            return try XMLDocument(xmlString: html, options: [])
        } catch {
            Issue.record("not well-formed: \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }

    /// Every element of the document, in document order.
    static func elements(_ document: XMLDocument) -> [XMLElement] {
        func walk(_ node: XMLNode) -> [XMLElement] {
            let children = (node.children ?? []).flatMap(walk)
            return (node as? XMLElement).map { [$0] + children } ?? children
        }
        return document.rootElement().map(walk) ?? []
    }

    /// Nothing is loaded from anywhere: only the report's own elements and attributes, no URL but the SVG
    /// namespace in any attribute, no `url(` or `@import` in the style.
    static func expectSelfContained(_ document: XMLDocument, sourceLocation: SourceLocation = #_sourceLocation) {
        let allowed: Set = ["html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "span", "table", "thead", "tbody", "tr", "th",
                            "td", "ul", "li", "code", "strong", "footer", "svg", "rect", "text", "path"]
        let attributes: Set = ["lang", "charset", "name", "content", "class", "xmlns", "width", "height", "viewBox", "role", "aria-label",
                               "x", "y", "fill", "text-anchor", "transform", "d", "stroke", "stroke-width"]
        for element in elements(document) {
            let name = element.localName ?? ""
            #expect(allowed.contains(name), "element <\(name)>", sourceLocation: sourceLocation)
            for attribute in element.attributes ?? [] {
                let key = attribute.name ?? ""
                let value = attribute.stringValue ?? ""
                #expect(attributes.contains(key), "attribute \(key) on <\(name)>", sourceLocation: sourceLocation)
                #expect(!value.contains("://") || value == "http://www.w3.org/2000/svg", "\(key)=\(value)", sourceLocation: sourceLocation)
            }
            if name == "style" {
                let css = element.stringValue ?? ""
                #expect(!css.contains("url(") && !css.contains("@import"), sourceLocation: sourceLocation)
            }
        }
    }

    /// One check per scenario (a debug build takes seconds over `self-hosted-llama`), its page checked both ways.
    @Test(arguments: scenarios)
    func thePageMatchesTheGoldenAndIsWellFormedSelfContainedWithItsCharts(scenario: String, golden: String) throws {
        let html = Self.page(scenario)
        Golden.assertGolden(html, at: URL(fileURLWithPath: fixturesDirectory + "/golden/" + golden))
        let document = try #require(Self.parse(html))
        Self.expectSelfContained(document)
        let charts = Self.elements(document).filter { $0.localName == "svg" }.compactMap { $0.attributes?.first { $0.name == "aria-label" }?.stringValue }
        var expected = ["Monthly cost by route", "End-to-end latency CDF"]
        if scenario == "self-hosted-llama" { expected.append("Replicas by hour") }
        #expect(charts == expected)
        let title = Self.elements(document).first { $0.localName == "h1" }?.stringValue ?? ""
        #expect(title.contains("costgate: Monthly cost"))
    }

    @Test func theLatencyCDFRisesToThe99thPercentile() {
        let points = LatencySummary.distribution((1...1000).map { (Double($0), 1) } + [(.nan, 1), (5, 0)])
        #expect(points.count == 100)
        #expect(points.first?.x == 1 && points.first?.y == 0)
        #expect(points[50].x == 500 && points[50].y == 0.5)
        #expect(points.last?.x == 990 && points.last?.y == 0.99)
        #expect(zip(points, points.dropFirst()).allSatisfy { $0.x <= $1.x && $0.y < $1.y })
    }

    @Test func hostileNamesAreTextNeverMarkup() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("costgate-html-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let names = MarkdownTests.hostileNames.filter { !$0.contains("\n") && !$0.contains("\t") }
        var traffic = ""
        for (index, name) in names.enumerated() {
            let route = try #require(String(data: JSONSerialization.data(withJSONObject: [name], options: [.fragmentsAllowed]), encoding: .utf8)).dropFirst().dropLast()
            traffic += #"{"timestamp": \#(1_700_000_000 + index), "model": "openai/gpt-4o", "route": \#(route), "input_tokens": \#(1000 + index), "output_tokens": 10, "team": \#(route)}"# + "\n"
        }
        try traffic.write(toFile: folder + "/traffic.jsonl", atomically: true, encoding: .utf8)
        let plan = #"{"version": 1, "traffic": {"path": "traffic.jsonl", "window_hours": 1}, "routes": {%ROUTES%"*": {"model": "recorded"}},"#
            + #" "policies": [{"name": "<script>alert(1)</script> & \"budget\"", "metric": "monthly_cost", "max": 1}]}"#
        try plan.replacingOccurrences(of: "%ROUTES%", with: "").write(toFile: folder + "/base.json", atomically: true, encoding: .utf8)
        try plan.replacingOccurrences(of: "%ROUTES%", with: #""@octocat": {"model": "openai/gpt-4o-mini"}, "#)
            .write(toFile: folder + "/costgate.json", atomically: true, encoding: .utf8)
        let result = runCLI(["check", "--base-plan", "base.json", "--format", "html"], in: folder)
        #expect(result.status == .policyFailure, "\(result.stderr)")
        let document = try #require(Self.parse(result.stdout))
        // The only elements and attributes are the report's own, whatever the names hold.
        Self.expectSelfContained(document)
        // Every route shows as written (control, bidi and zero-width characters dropped), in the route table.
        let cells = Set(Self.elements(document).filter { $0.localName == "td" }.compactMap(\.stringValue))
        for name in names {
            #expect(cells.contains(Markdown.sanitized(name, limit: 200)), "\(name.debugDescription) not shown as text")
        }
        #expect(cells.contains("<script>alert(1)</script> & \"budget\""))
    }
}
