import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// The comment explains the change and fits its platform: rows ordered by their change, the rows that carry it
/// always shown, and a size budget that leaves out detail without breaking a table or `<details>`.
@Suite struct MarkdownReportRendererTests {
    /// A repository with 300 routes and `tagKeys` tag keys, where only the small route `tiny` changes model.
    private func wideRepository(tagKeys: Int) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("costgate-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var traffic = ""
        for index in 0..<300 {
            let route = index == 0 ? "tiny" : "route-\(index)"
            let tokens = index == 0 ? 50 : 20_000 + index
            var line = #"{"timestamp": \#(1_700_000_000 + index), "model": "openai/gpt-4o", "route": "\#(route)", "input_tokens": \#(tokens), "output_tokens": 10"#
            for key in 0..<tagKeys { line += #", "key\#(key)": "value-\#((index + key) % 40)""# }
            traffic += line + "}\n"
        }
        try traffic.write(toFile: folder + "/traffic.jsonl", atomically: true, encoding: .utf8)
        let plan = #"{"version": 1, "traffic": {"path": "traffic.jsonl", "window_hours": 1}, "routes": {%ROUTES%"*": {"model": "recorded"}},"#
            + #" "policies": [{"name": "budget", "metric": "monthly_cost", "max": 100000000}]}"#
        try plan.replacingOccurrences(of: "%ROUTES%", with: "").write(toFile: folder + "/base.json", atomically: true, encoding: .utf8)
        try plan.replacingOccurrences(of: "%ROUTES%", with: #""tiny": {"model": "openai/gpt-4o-mini"}, "#)
            .write(toFile: folder + "/costgate.json", atomically: true, encoding: .utf8)
        return folder
    }

    /// Checks the Markdown is whole: closed `<details>`, tables with as many cells in every row, the footer last.
    private func expectWellFormed(_ markdown: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(markdown.components(separatedBy: "<details>").count == markdown.components(separatedBy: "</details>").count,
                sourceLocation: sourceLocation)
        #expect(markdown.hasSuffix("</sub>\n"), sourceLocation: sourceLocation)
        let unescaped = markdown.replacing(/\\./, with: "E")
        for block in unescaped.components(separatedBy: "\n\n") where block.hasPrefix("|") {
            let cells = Set(block.split(separator: "\n").map { $0.filter { $0 == "|" }.count })
            #expect(cells.count == 1, "a broken table:\n\(block)", sourceLocation: sourceLocation)
        }
    }

    @Test func theRouteThatCarriesTheChangeComesFirstAmong300() throws {
        let folder = try wideRepository(tagKeys: 0)
        for format in ["markdown", "text"] {
            let result = runCLI(["check", "--base-plan", "base.json", "--format", format], in: folder)
            #expect(result.status == .success, "\(result.stderr)")
            let lines = result.stdout.split(separator: "\n")
            let header = try #require(lines.firstIndex { $0.contains("By route") })
            let firstRow = lines[(header + 1)...].first { $0.contains("tiny") || $0.contains("route-") }
            #expect(firstRow?.contains("tiny") == true, "\(format): \(firstRow ?? "")")
        }
    }

    /// The interval's level and the window are written as the plan gave them: a confidence of 0.999 read as a
    /// "100% interval" (rounded to a whole percentage), and a window under 18 seconds as "0.00 hours". The scale
    /// factor is grouped from 1,000 up (it read `×720000000.00`).
    @Test(arguments: [(0.999, 0.001, "99.9% interval", "Window: 3.6 s", "×720,000."),
                      (0.975, 0.000001, "97.5% interval", "Window: 0.0036 s", "×720,000,000."),
                      (0.9, 0.5, "90% interval", "Window: 0.50 hours", "×1,440."), (0.8765, 0.005, "87.65% interval", "Window: 18.0 s", "×144,000."),
                      (0.9, 25, "90% interval", "Window: 25.00 hours", "×28.80.")])
    func theIntervalLevelAndTheWindowKeepTheirDigits(confidence: Double, windowHours: Double, interval: String, window: String, scale: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("costgate-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try #"{"timestamp": 1700000000, "model": "openai/gpt-4o", "input_tokens": 100, "output_tokens": 10}"#
            .write(toFile: folder + "/traffic.jsonl", atomically: true, encoding: .utf8)
        try #"{"version": 1, "traffic": {"path": "traffic.jsonl", "window_hours": \#(windowHours)}, "forecast": {"confidence": \#(confidence)}}"#
            .write(toFile: folder + "/costgate.json", atomically: true, encoding: .utf8)
        for format in ["markdown", "html", "text"] {
            let result = runCLI(["check", "--format", format], in: folder)
            #expect(result.status == .success, "\(result.stderr)")
            #expect(result.stdout.contains(window), "\(format)")
            #expect(result.stdout.contains(format == "text" ? "Interval: " + interval.dropLast(" interval".count) : interval), "\(format)")
            #expect(!result.stdout.contains("100% interval") && !result.stdout.contains("0.00 hours"), "\(format)")
            #expect(result.stdout.contains(scale), "\(format)")
        }
    }

    @Test func carriersAreShownBeyondTheRowLimit() {
        let rows = (0..<40).map { Comparison.Row(name: "r\($0)", baseCost: 0, headCost: 1, headRequests: 1, change: 1) }
        // Forty equal movers each carry 2.5%: none reaches 5%, so the limit alone decides.
        #expect(Comparison.carriers(rows).isEmpty)
        let big = (0..<19).map { Comparison.Row(name: "r\($0)", baseCost: 0, headCost: 100, headRequests: 1, change: 100) }
        #expect(Comparison.carriers(big + rows).count == 19)
    }

    /// Every one of 300 routes moves a little, so none carries the change and most are left out of the table:
    /// the line that counts them also says what they add up to, and the shown rows plus that line make the total.
    @Test func theRowsLeftOutSayWhatTheyAddUpTo() throws {
        let folder = try wideRepository(tagKeys: 0)
        let head = #"{"version": 1, "traffic": {"path": "traffic.jsonl", "window_hours": 1}, "routes": {"*": {"model": "openai/gpt-4o-mini"}}}"#
        try head.write(toFile: folder + "/cheaper.json", atomically: true, encoding: .utf8)
        let result = runCLI(["check", "--base-plan", "base.json", "--plan", "cheaper.json", "--format", "markdown"], in: folder)
        #expect(result.status == .success, "\(result.stderr)")
        func dollars(_ text: some StringProtocol) throws -> Double {
            try #require(Double(String(text).filter { "0123456789.-".contains($0) }), "\(text)")
        }
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let header = try #require(lines.firstIndex { $0.hasPrefix("#### By route") })
        var shown = 0.0
        var rows = 0
        for line in lines[(header + 1)...] where line.hasPrefix("| route") || line.hasPrefix("| tiny") {
            shown += try dollars(line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }[3])
            rows += 1
        }
        let note = try #require(lines.first { $0.contains("more not shown") }, "\(result.stdout)")
        let match = try #require(note.wholeMatch(of: /(\d+) more not shown, together (\S+) → (\S+) \((\S+)\); see the JSON report\./))
        #expect(Int(match.1) == 300 - rows)
        let (base, after, hidden) = (try dollars(match.2), try dollars(match.3), try dollars(match.4))
        #expect(hidden < 0 && abs(after - base - hidden) <= 0.011, "\(note)")
        let json = runCLI(["check", "--base-plan", "base.json", "--plan", "cheaper.json", "--format", "json"], in: folder)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let candidate = try #require((report["candidates"] as? [[String: Any]])?.first)
        let total = try #require(candidate["monthly_cost"] as? Double) - (try #require(report["baseline"] as? [String: Any])["monthly_cost"] as! Double)
        // Each shown cell and the line are rounded to the cent.
        #expect(abs(shown + hidden - total) <= 0.005 * Double(rows + 1) + 1e-9, "shown \(shown) + left out \(hidden) against \(total)")
        // The HTML report says the same of the routes it leaves out (it shows 50).
        let html = runCLI(["check", "--base-plan", "base.json", "--plan", "cheaper.json", "--format", "html"], in: folder)
        #expect(html.status == .success, "\(html.stderr)")
        let htmlNote = try #require(html.stdout.firstMatch(of: /<p>(\d+) more not shown, together (\S+) → (\S+) \((\S+)\); see the JSON report\.<\/p>/),
                                    "\(html.stdout.suffix(2_000))")
        #expect(Int(htmlNote.1) == 250)
        #expect(try dollars(htmlNote.4) < 0)
    }

    /// A policy note is cut at 400 characters in the PR comment, so that a long "did you mean" survives but a
    /// plan cannot fill the comment with one note.
    @Test func aPolicyNoteIsCutAt400Characters() throws {
        let route = String(repeating: "z", count: 600)
        let plan = #"{"version": 1, "traffic": {"path": "traffic.jsonl", "window_hours": 1}, "routes": {"*": {"model": "openai/gpt-4o-mini"}}, "#
            + #""policies": [{"name": "long", "metric": "monthly_cost", "max": 10, "where": {"route": "\#(route)"}}]}"#
        let traffic = #"{"timestamp": 1767225600, "model": "openai/gpt-4o-mini", "route": "chat", "input_tokens": 90, "output_tokens": 10}"# + "\n"
        let folder = try PolicyEvaluatorTests.scratch(plan: plan, traffic: traffic)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let json = runCLI(["check", "--format", "json"], in: folder)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], "\(json.stderr)")
        let note = try #require((report["policies"] as? [[String: Any]])?.first?["note"] as? String)
        #expect(note.unicodeScalars.count > 600, "the JSON report keeps the whole note")
        let markdown = runCLI(["check", "--format", "markdown"], in: folder)
        let line = try #require(markdown.stdout.split(separator: "\n").first { $0.contains("no records match") }, "\(markdown.stdout)")
        // "no records match route=" is 23 characters of the 400 (its `=` escaped in Markdown): 377 of the route's follow.
        #expect(note.hasPrefix("no records match route=" + route))
        let cut = try #require(line.firstMatch(of: /— no records match route\\=(z+)…/), "\(line)")
        #expect(cut.1.count == 377)
    }

    @Test func aReportWith200TagKeysFitsGitHubsLimit() throws {
        let folder = try wideRepository(tagKeys: 200)
        let full = runCLI(["check", "--base-plan", "base.json", "--format", "markdown", "--max-comment-chars", "100000000"], in: folder)
        #expect(full.status == .success, "\(full.stderr)")
        #expect(full.stdout.utf16.count > MarkdownReportRenderer.githubLimit)
        for budget in [nil, 20_000, 4_000, 1_000] {
            let extra = budget.map { ["--max-comment-chars", String($0)] } ?? []
            let result = runCLI(["check", "--base-plan", "base.json", "--format", "markdown"] + extra, in: folder)
            #expect(result.status == .success, "\(result.stderr)")
            let markdown = result.stdout
            #expect(markdown.utf16.count <= budget ?? MarkdownReportRenderer.githubLimit, "\(markdown.utf16.count)")
            #expect(markdown.hasPrefix(MarkdownReportRenderer.marker))
            #expect(markdown.contains("costgate: Monthly cost falls"))
            #expect(markdown.contains("Shortened to fit"))
            #expect(markdown.contains("budget"), "the policies stay")
            if (budget ?? 100_000) >= 4_000 { #expect(markdown.contains("tiny"), "the route that carries the change stays") }
            expectWellFormed(markdown)
        }
    }

    @Test func budgetErrorsAreUsageErrors() throws {
        let folder = try wideRepository(tagKeys: 0)
        let small = runCLI(["check", "--base-plan", "base.json", "--format", "markdown", "--max-comment-chars", "10"], in: folder)
        #expect(small.status == .badInput)
        let json = runCLI(["check", "--base-plan", "base.json", "--format", "json", "--max-comment-chars", "5000"], in: folder)
        #expect(json.status == .badInput)
        #expect(json.stderr.contains("--max-comment-chars applies to --format markdown"))
    }
}
