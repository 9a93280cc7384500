import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// costgate runs on untrusted pull requests: hostile names stay harmless and bad input writes nothing.
@Suite struct UntrustedInputTests {
    /// Makes a scratch repository folder with a plan and traffic.
    private func scratch(traffic: String, plan: String = #"{"version": 1, "traffic": {"path": "traffic.jsonl", "window_hours": 1}, "routes": {"*": {"model": "openai/gpt-4o-mini"}}}"#) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("costgate-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try traffic.write(toFile: folder + "/traffic.jsonl", atomically: true, encoding: .utf8)
        try plan.write(toFile: folder + "/costgate.json", atomically: true, encoding: .utf8)
        return folder
    }

    @Test func hostileRouteNameReachesMarkdownHarmless() throws {
        let hostile = "@someone|<img src=x onerror=alert(1)> [link](http://x) #12 `code` *bold*\n| --- |"
        let line = #"{"timestamp": 1700000000, "model": "openai/gpt-4o", "route": \#(JSONWriter.quote(hostile)), "input_tokens": 100, "output_tokens": 10, "team": "<script>alert(1)</script>"}"#
        let folder = try scratch(traffic: line + "\n")
        let result = runCLI(["check", "--format", "markdown"], in: folder)
        #expect(result.status == .success, "\(result.stderr)")
        // A backslash before punctuation makes it text (MarkdownTests checks this through GitHub's renderer), so
        // the checks below look at the Markdown with every escaped character replaced.
        let markdown = result.stdout.replacing(/\\./, with: "E")
        #expect(!markdown.contains("<img"))
        #expect(!markdown.contains("<script"))
        #expect(!markdown.contains("@someone"))
        #expect(!markdown.contains("](http"))
        #expect(!markdown.contains("#12"), "an issue reference survived")
        // No table row gains or loses a cell: every row of a table has as many unescaped pipes as its header.
        for table in markdown.components(separatedBy: "\n\n") where table.hasPrefix("|") {
            let rows = table.split(separator: "\n")
            let cells = rows.map { $0.filter { $0 == "|" }.count }
            #expect(Set(cells).count == 1, "\(table)")
        }
        // The only HTML is costgate's own marker, details and sub tags.
        let tags = markdown.matches(of: /<[a-zA-Z!\/][^>]*>/).map { String(markdown[$0.range]) }
        #expect(Set(tags).isSubset(of: ["<!-- costgate -->", "<details>", "<summary>", "</summary>", "</details>", "<sub>", "</sub>"]), "\(tags)")
    }

    @Test func badRecordStopsWithLineAndFieldAndWritesNothing() throws {
        var lines: [String] = []
        for index in 1...60 {
            let tokens = index == 42 ? #""many""# : "120"
            lines.append(#"{"timestamp": \#(1_700_000_000 + index), "model": "openai/gpt-4o", "route": "chat", "input_tokens": \#(tokens), "output_tokens": 10}"#)
        }
        let folder = try scratch(traffic: lines.joined(separator: "\n") + "\n")
        let report = folder + "/report.md"
        let result = runCLI(["check", "--format", "markdown", "--output", report], in: folder)
        #expect(result.status == .badInput)
        #expect(result.stderr.contains("traffic.jsonl:42"), "\(result.stderr)")
        #expect(result.stderr.contains("input_tokens"))
        #expect(result.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: report))

        let skipping = runCLI(["check", "--format", "json", "--skip-bad-records"], in: folder)
        #expect(skipping.status == .success)
        let json = try #require(try parseJSON(skipping.stdout) as? [String: Any])
        #expect(json["skipped_records"] as? Int == 1)
    }

    @Test(arguments: [
        (#""path": "../outside.jsonl""#, "outside the repository"),
        (#""path": "/etc/passwd""#, "absolute paths are not allowed"),
    ])
    func planFilesStayInsideTheRepository(pathField: String, message: String) throws {
        let folder = try scratch(traffic: "", plan: #"{"version": 1, "traffic": {\#(pathField), "window_hours": 1}}"#)
        let result = runCLI(["check"], in: folder)
        #expect(result.status == .badInput)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func symlinkOutOfTheRepositoryIsRefused() throws {
        let folder = try scratch(traffic: "")
        try FileManager.default.removeItem(atPath: folder + "/traffic.jsonl")
        try FileManager.default.createSymbolicLink(atPath: folder + "/traffic.jsonl", withDestinationPath: "/etc/hostname")
        let result = runCLI(["check"], in: folder)
        #expect(result.status == .badInput)
        #expect(result.stderr.contains("outside the repository"), "\(result.stderr)")
    }

    @Test(arguments: [
        (#"{"version": 1, "traffic": {"path": "traffic.jsonl"}, "routes": {"chat": {"model": "openai/gpt-4o-mnii"}}}"#, "did you mean 'openai/gpt-4o-mini'"),
        (#"{"version": 1, "traffic": {"path": "traffic.jsonl"}, "routes": {"chat": {"modle": "openai/gpt-4o"}}}"#, "did you mean 'model'"),
        (#"{"version": 1, "traffic": {"path": "traffic.jsonl"}, "policies": [{"metric": "monthly_cots", "max": 1}]}"#, "did you mean 'monthly_cost'"),
        (#"{"version": 1, "traffic": {"path": "traffic.jsonl"}, "policies": [{"metric": "monthly_cost", "max": 1, "where": {"tema": "x"}}]}"#, "did you mean 'team'"),
    ])
    func unknownNamesGetSuggestions(plan: String, suggestion: String) throws {
        let line = #"{"timestamp": 1700000000, "model": "openai/gpt-4o", "route": "chat", "input_tokens": 100, "output_tokens": 10, "team": "a"}"#
        let folder = try scratch(traffic: line + "\n" + line.replacingOccurrences(of: "1700000000", with: "1700003600") + "\n", plan: plan)
        let result = runCLI(["check"], in: folder)
        #expect(result.status == .badInput)
        #expect(result.stderr.contains(suggestion), "\(result.stderr)")
    }

    @Test func unsafeBaseRefIsRejectedBeforeGitRuns() throws {
        let folder = try scratch(traffic: "")
        for ref in ["--output=/tmp/x", "main;rm -rf /", "a b", "HEAD..main"] {
            let result = runCLI(["check", "--base-ref", ref], in: folder)
            #expect(result.status == .badInput)
            #expect(result.stderr.contains("not a valid git ref"), "\(ref): \(result.stderr)")
        }
    }

    @Test func outputFileIsReplacedWholeOnEveryRun() throws {
        let line = #"{"timestamp": 1700000000, "model": "openai/gpt-4o", "route": "chat", "input_tokens": 100, "output_tokens": 10}"#
        let folder = try scratch(traffic: line + "\n")
        for _ in 0..<2 {
            let result = runCLI(["check", "--format", "json", "--output", "report.json"], in: folder)
            #expect(result.status == .success, "\(result.stderr)")
            let written = try String(contentsOfFile: folder + "/report.json", encoding: .utf8)
            #expect(written.hasPrefix("{") && written.hasSuffix("}\n"))
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func markdownEscapeNeutralisesEverySpecialCharacter() {
        let escaped = Markdown.escape("a|b<c>&d@e#f`g*h_i[j](k)\n!l\u{202E}m")
        #expect(escaped == "a\\|b\\<c\\>\\&d@\u{200D}e\\#\u{200D}f\\`g\\*h\\_i\\[j\\]\\(k\\) \\!lm")
    }
}
