import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import CostGate
import CostGateTestSupport

/// What `check` writes for CI tools: JUnit, Code Quality, GitHub annotations and the job summary.
@Suite struct CIOutputsTests {
    static let arguments = ["check", "--plan", "Scenarios/quality-gate/costgate.json", "--base-plan", "Scenarios/quality-gate/costgate.base.json"]

    @Test func annotationsPointAtThePolicyLineAndTheSummaryIsAppended() throws {
        let summary = FileManager.default.temporaryDirectory.appendingPathComponent("summary-\(UUID().uuidString).md").path
        let environment = ["GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": summary, "CI": "true"]
        let result = runCLI(Self.arguments + ["--format", "json"], in: repositoryRoot, environment: environment)
        #expect(result.status == .policyFailure)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.contains("::error file=Scenarios/quality-gate/costgate.json,line=13,title=costgate policy failed::value for money (head): cost_per_quality_delta_pct is +49.7%25, limit ≤ +5.0%25"),
                "\(result.stderr)")
        #expect(lines.contains { $0.hasPrefix("::warning file=Scenarios/quality-gate/costgate.json,line=14,title=costgate policy warned::answer quality") })
        _ = runCLI(Self.arguments, in: repositoryRoot, environment: environment)
        let written = try String(contentsOfFile: summary, encoding: .utf8)
        #expect(written.components(separatedBy: MarkdownReportRenderer.marker).count == 3, "appended once per run")
        #expect(parseJSONSucceeds(result.stdout), "stdout stays the JSON report")
        let quiet = runCLI(Self.arguments + ["--format", "json"], in: repositoryRoot, environment: ["CI": "true"])
        #expect(quiet.stderr.isEmpty)
    }

    @Test func annotationMessagesCannotInjectCommands() {
        #expect(GitHubAnnotations.data("a%b\nc\r::error::x\u{202E}") == "a%25b%0Ac%0D::error::x")
        #expect(GitHubAnnotations.property("a,b:c") == "a%2Cb%3Ac")
    }

    @Test func junitIsWellFormedXMLAndCodeQualityIsJSON() throws {
        let junit = runCLI(Self.arguments + ["--format", "junit"], in: repositoryRoot, environment: ["CI": "true"])
        let parser = XMLParser(data: Data(junit.stdout.utf8))
        #expect(parser.parse(), "\(String(describing: parser.parserError))")
        #expect(JUnitReportRenderer.escape("<a&\"b'>\u{1}\u{202E}") == "&lt;a&amp;&quot;b&apos;&gt;")
        let quality = runCLI(Self.arguments + ["--format", "codequality"], in: repositoryRoot, environment: ["CI": "true"])
        let issues = try #require(try parseJSON(quality.stdout) as? [[String: Any]])
        #expect(issues.count == 2)
        #expect(Set(issues.map { $0["severity"] as? String ?? "" }) == ["major", "minor"])
        #expect(issues.allSatisfy { (($0["fingerprint"] as? String)?.count ?? 0) == 16 })
    }

    private func parseJSONSucceeds(_ text: String) -> Bool { (try? parseJSON(text)) != nil }
}
