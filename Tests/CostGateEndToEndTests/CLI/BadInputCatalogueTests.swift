import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// Cases from the 207-case bad-input catalogue that crashed, gave a wrong number or an unclear message, run
/// through the whole command as a user would: each is an input error (exit 2) with nothing written, or a
/// finite figure that fails its budget; never a trap, never `null`, never a pass.
@Suite struct BadInputCatalogueTests {
    static let plan = #"{"version": 1, "traffic": {"path": "traffic.jsonl"}, "routes": {"*": {"model": "openai/gpt-4o"}}, "policies": [{"name": "budget", "metric": "monthly_cost", "max": 10}]}"#

    /// A scratch repository folder (with a `.git` folder, so it is its own root) holding `files`.
    private func scratch(_ files: [String: String]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("costgate-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/.git", withIntermediateDirectories: true)
        for (name, text) in files { try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        return folder
    }

    private func line(_ timestamp: String, input: String = "100", weight: String? = nil, latency: String? = nil) -> String {
        var text = #"{"timestamp": \#(timestamp), "input_tokens": \#(input), "output_tokens": 10"#
        if let weight { text += #", "weight": \#(weight)"# }
        if let latency { text += #", "latency_ms": \#(latency)"# }
        return text + "}\n"
    }

    /// Each of these traffic files crashed, made the forecast null or infinite, or passed a $10 budget.
    @Test(arguments: [
        ("two records with weight 1e308", "weight"),
        ("one record with weight 1e300", "weight"),
        ("latency_ms 1e308", "latency_ms"),
        ("timestamps -1e308 and 1e308", "timestamp"),
        ("a window of 5e-324 s", "window_hours"),
        ("input_tokens at Int64.max", "input_tokens"),
    ])
    func trafficBeyondBoundsIsAnInputError(name: String, field: String) throws {
        let traffic: String
        switch name {
        case "two records with weight 1e308": traffic = line("1", weight: "1e308") + line("2", weight: "1e308")
        case "one record with weight 1e300": traffic = line("1", weight: "1e300") + line("2")
        case "latency_ms 1e308": traffic = line("1", latency: "1e308") + line("2")
        case "timestamps -1e308 and 1e308": traffic = line("-1e308") + line("1e308")
        case "a window of 5e-324 s": traffic = line("0") + line("5e-324")
        default: traffic = line("1", input: "9223372036854775807") + line("2")
        }
        let folder = try scratch(["costgate.json": Self.plan, "traffic.jsonl": traffic])
        let result = runCLI(["check", "--format", "markdown", "--output", "report.md"], in: folder)
        #expect(result.status == .badInput, "\(name): \(result.stdout)")
        #expect(result.stderr.contains(field), "\(name): \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/report.md"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).allSatisfy { !$0.hasSuffix(".tmp") })
    }

    /// One record stamped 0 (a missing time written as the epoch) among a day's records made the window 55 years:
    /// the forecast fell to $0.00 and the $10 budget passed. The span is refused, read in blocks or whole (a plan with
    /// `rate_limits` keeps the whole sample), with the same message; with `window_hours` the sample is read as before.
    @Test func aStrayTimestampIsNotTakenForTheWindow() throws {
        let day = 1_759_708_800
        let traffic = line("0") + (0..<60).map { line(String(day + $0 * 60)) }.joined()
        let wholeRead = Self.plan.replacingOccurrences(of: #""policies""#, with: #""rate_limits": {"openai/gpt-4o": {"rpm": 10000}}, "policies""#)
        var messages: [String] = []
        for plan in [Self.plan, wholeRead] {
            let folder = try scratch(["costgate.json": plan, "traffic.jsonl": traffic])
            let result = runCLI(["check", "--format", "markdown", "--output", "report.md"], in: folder)
            #expect(result.status == .badInput, "\(result.stdout)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/report.md"))
            messages.append(result.stderr)
        }
        #expect(messages[0] == messages[1])
        #expect(messages[0].contains("costgate.json: 'traffic.window_hours': expected a window: the timestamps of traffic.jsonl span 20,367 days, "
            + "and 20,366 days of that hold no record, between 1970-01-01T00:00Z (1 record up to that minute) and 2025-10-06T00:00Z "
            + "(60 records from that minute on)"), "\(messages[0])")
        let declared = Self.plan.replacingOccurrences(of: #""path": "traffic.jsonl""#, with: #""path": "traffic.jsonl", "window_hours": 1"#)
        let folder = try scratch(["costgate.json": declared, "traffic.jsonl": traffic])
        #expect(runCLI(["check", "--format", "json"], in: folder).status == .policyFailure)
    }

    /// The largest inputs within bounds give finite figures, and the budget fails.
    @Test func extremeButValidTrafficFailsItsBudget() throws {
        let traffic = line("1", input: "1000000000000", weight: "1e12") + line("2", input: "1000000000000", weight: "1e12")
        let folder = try scratch(["costgate.json": Self.plan, "traffic.jsonl": traffic])
        for format in ["json", "markdown", "text"] {
            let result = runCLI(["check", "--format", format], in: folder)
            #expect(result.status == .policyFailure, "\(result.stderr)")
            if format == "json" {
                let report = try #require(try parseJSON(result.stdout) as? [String: Any])
                let baseline = try #require(report["baseline"] as? [String: Any])
                let cost = try #require(baseline["monthly_cost"] as? Double)
                #expect(cost.isFinite && cost > 1e24)
            }
        }
    }

    /// A quality score next to 0 (within the 0 to 1 bound) makes cost per quality infinite: an input error whose
    /// message names the scores, not the weights and prices, and no report. With the score on one team's records
    /// only, the whole forecast is finite but a policy on that team's cost per quality is not: an input error too,
    /// not a failing or passing policy without a figure.
    @Test(arguments: [
        ("", "cost_per_quality is not a finite number"),
        (#""max": 100"#, "cost_per_quality of policy 'value' is not a finite number"),
        (#""min": 0"#, "cost_per_quality of policy 'value' is not a finite number"),
    ])
    func qualityScoresNextToZeroAreAnInputErrorNamingThem(bound: String, message: String) throws {
        let traffic = line("1").replacingOccurrences(of: "}", with: #", "quality": 1e-320, "team": "x"}"#)
            + line("2").replacingOccurrences(of: "}", with: bound.isEmpty ? "}" : #", "quality": 0.9, "team": "y"}"#)
        let plan = bound.isEmpty ? Self.plan : Self.plan.replacingOccurrences(
            of: #"{"name": "budget", "metric": "monthly_cost", "max": 10}"#,
            with: #"{"name": "value", "metric": "cost_per_quality", \#(bound), "where": {"team": "x"}}"#)
        let folder = try scratch(["costgate.json": plan, "traffic.jsonl": traffic])
        let result = runCLI(["check", "--format", "markdown", "--output", "report.md"], in: folder)
        #expect(result.status == .badInput, "\(bound): \(result.stdout)")
        #expect(result.stderr.contains(message + "; the records' quality scores are so close to 0"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/report.md"))
    }

    /// An unknown policy metric with no close name lists the metrics there are.
    @Test func anUnknownMetricListsTheMetrics() throws {
        let plan = Self.plan.replacingOccurrences(of: #""metric": "monthly_cost""#, with: #""metric": "latency_p95_ms""#)
        let folder = try scratch(["costgate.json": plan, "traffic.jsonl": line("1") + line("2")])
        let result = runCLI(["validate"], in: folder)
        #expect(result.status == .badInput)
        #expect(result.stderr.contains("unknown metric 'latency_p95_ms'; expected one of 'monthly_cost', "), "\(result.stderr)")
        #expect(result.stderr.contains("'e2e_p95_ms'"), "\(result.stderr)")
    }

    /// A head prompt 100 tokens larger on a record at the token bound: no overflow trap.
    @Test func promptDeltaOnTheLargestRecordDoesNotOverflow() throws {
        let base = #"{"version": 1, "traffic": {"path": "traffic.jsonl"}, "routes": {"*": {"model": "openai/gpt-4o", "prompt_tokens": 100}}}"#
        let head = base.replacingOccurrences(of: "\"prompt_tokens\": 100", with: "\"prompt_tokens\": 200")
        let folder = try scratch(["costgate.json": head, "base.json": base,
                                  "traffic.jsonl": line("1", input: "1000000000000") + line("2")])
        let result = runCLI(["check", "--base-plan", "base.json", "--format", "json"], in: folder)
        #expect(result.status == .success, "\(result.stderr)")
    }

    @Test func aDeeplyDottedSetKeyIsRefusedAtOnce() throws {
        let folder = try scratch(["costgate.json": Self.plan, "traffic.jsonl": line("1") + line("2")])
        let key = Array(repeating: "a", count: 65_000).joined(separator: ".")
        let result = runCLI(["whatif", "--set", key + "=1"], in: folder)
        #expect(result.status == .badInput)
        #expect(result.stderr.contains("65000 segments; a plan path has at most 16"))
        #expect(result.stderr.count < 400)
    }

    @Test func aPlanWithAByteOrderMarkIsRead() throws {
        let folder = try scratch(["costgate.json": "\u{FEFF}" + Self.plan, "traffic.jsonl": line("1") + line("2")])
        let result = runCLI(["validate"], in: folder)
        #expect(result.status == .success, "\(result.stderr)")
    }

    @Test func aDirectoryAsThePlanOrTrafficSaysSo() throws {
        let folder = try scratch(["costgate.json": Self.plan.replacingOccurrences(of: "traffic.jsonl", with: "logs")])
        try FileManager.default.createDirectory(atPath: folder + "/plan.json", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/logs", withIntermediateDirectories: true)
        let plan = runCLI(["validate", "--plan", "plan.json"], in: folder)
        #expect(plan.status == .badInput && plan.stderr.contains("plan.json: is a directory, not a file"), "\(plan.stderr)")
        let traffic = runCLI(["validate"], in: folder)
        #expect(traffic.status == .badInput && traffic.stderr.contains("logs: is a folder with no traffic file in it"), "\(traffic.stderr)")
    }

    @Test func baseRefOutsideAGitRepositorySaysSo() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("costgate-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Self.plan.write(toFile: folder + "/costgate.json", atomically: true, encoding: .utf8)
        try (line("1") + line("2")).write(toFile: folder + "/traffic.jsonl", atomically: true, encoding: .utf8)
        let result = runCLI(["check", "--base-ref", "main"], in: folder)
        #expect(result.status == .badInput)
        #expect(result.stderr.contains("needs a git repository"), "\(result.stderr)")
    }

    @Test func aPolicyWithMinAboveMaxIsAPlanError() throws {
        let plan = Self.plan.replacingOccurrences(of: #""max": 10}"#, with: #""max": 10, "min": 20}"#)
        let folder = try scratch(["costgate.json": plan, "traffic.jsonl": line("1") + line("2")])
        let result = runCLI(["check"], in: folder)
        #expect(result.status == .badInput)
        #expect(result.stderr.contains("'policies[0].min': expected a 'min' no greater than 'max' (10), found 20"), "\(result.stderr)")
    }

    @Test func controlBytesInAnArgumentAreEscapedInTheMessage() throws {
        let result = runCLI(["check", "--plan", "\u{1B}]0;pwned\u{07}.json"], in: FileManager.default.temporaryDirectory.path)
        #expect(result.status == .badInput)
        #expect(!result.stderr.unicodeScalars.dropLast().contains { $0.value < 0x20 }, "\(result.stderr)")
        #expect(result.stderr.contains(#"\u{1B}]0;pwned\u{7}"#))
    }
}
