import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// `costgate comment --comment-when`: the decision read from a real `check --json-output` report, and what a
/// quiet run does to an existing comment.
@Suite(.serialized) struct CommentWhenTests {
    /// A folder holding the bundled scenario's Markdown and JSON reports from one `check` run.
    private func reports(againstBase: Bool) throws -> String {
        let folder = try AzureAndBitbucketCommentTests.folder()
        let scenario = repositoryRoot + "/Scenarios/support-chatbot"
        let base = againstBase ? ["--base-plan", scenario + "/costgate.base.json"] : []
        let check = runCLI(["check", "--plan", scenario + "/costgate.json"] + base
                           + ["--format", "markdown", "--output", folder + "/report.md", "--json-output", folder + "/report.json"], in: folder)
        #expect(check.status == .success, "\(check.stderr)")
        return folder
    }

    private func comment(_ host: FakeCodeHost, in folder: String, _ extra: [String]) -> CLIResult {
        let environment = ["GITHUB_TOKEN": host.token, "GITHUB_API_URL": host.server.url, "GITHUB_REPOSITORY": "acme/shop",
                           "COSTGATE_COMMENT_TIME": "2000", "COSTGATE_RETRY_DELAY_MS": "1"]
        return runCLI(["comment", "github", "--pull-request", "7", "--body-file", "report.md", "--head-sha", "abc123"] + extra,
                      in: folder, environment: environment)
    }

    static let old = FakeCodeHost.Comment(id: 1, author: "github-actions[bot]", bot: true,
                                          body: "<!-- costgate tag=default sha=000 time=1970-01-01T00:00:00Z -->\nold figure")

    @Test func aRealChangePostsAndAThresholdKeepsItQuiet() throws {
        let folder = try reports(againstBase: true)
        let host = try FakeCodeHost(.github, user: nil)
        let posted = comment(host, in: folder, ["--comment-when", "changed", "--report", "report.json"])
        #expect(posted.status == .success, "\(posted.stderr)")
        #expect(host.comments.count == 1)
        let quiet = try FakeCodeHost(.github, user: nil)
        let high = comment(quiet, in: folder, ["--comment-when", "changed", "--report", "report.json", "--comment-threshold-usd", "1000000"])
        #expect(high.status == .success, "\(high.stderr)")
        #expect(high.stdout.contains("quiet: the change,") && high.stdout.contains("below --comment-threshold-usd $1,000,000.00"), "\(high.stdout)")
        #expect(quiet.comments.isEmpty && quiet.requests.allSatisfy { $0.method == "GET" })
        let percent = comment(quiet, in: folder, ["--comment-when", "changed", "--report", "report.json", "--comment-threshold-pct", "99"])
        #expect(percent.stdout.contains("below --comment-threshold-pct 99%"), "\(percent.stdout)")
        // The bundled change passes every policy, so --comment-when failed stays quiet too.
        let failed = comment(quiet, in: folder, ["--comment-when", "failed", "--report", "report.json"])
        #expect(failed.stdout.contains("quiet: the check passed"), "\(failed.stdout)")
        #expect(quiet.comments.isEmpty)
    }

    @Test func noChangeIsQuietButAnOldCommentIsRefreshedOrRemoved() throws {
        // The plan compared with itself: a change of $0, inside its interval.
        let folder = try reports(againstBase: false)
        let none = try FakeCodeHost(.github, user: nil)
        let quiet = comment(none, in: folder, ["--comment-when", "changed", "--report", "report.json"])
        #expect(quiet.stdout.contains("inside its forecast interval"), "\(quiet.stdout)")
        #expect(none.comments.isEmpty)
        // update: the stale figure is replaced, so the request never shows an old number.
        let stale = try FakeCodeHost(.github, user: nil, comments: [Self.old])
        let refreshed = comment(stale, in: folder, ["--comment-when", "changed", "--report", "report.json"])
        #expect(refreshed.status == .success, "\(refreshed.stderr)")
        #expect(stale.comments.count == 1 && !stale.comments[0].body.contains("old figure"))
        // delete-and-new: the old one goes and nothing new comes.
        let deleting = try FakeCodeHost(.github, user: nil, comments: [Self.old])
        let deleted = comment(deleting, in: folder, ["--comment-when", "changed", "--report", "report.json", "--behavior", "delete-and-new"])
        #expect(deleted.status == .success, "\(deleted.stderr)")
        #expect(deleting.comments.isEmpty)
        // always (the default) posts whatever the change.
        let always = try FakeCodeHost(.github, user: nil)
        #expect(comment(always, in: folder, []).status == .success)
        #expect(always.comments.count == 1)
    }

    @Test func badUseIsAnInputError() throws {
        let folder = try AzureAndBitbucketCommentTests.folder()
        try #"{"schema_version": 1}"#.write(toFile: folder + "/other.json", atomically: true, encoding: .utf8)
        let host = try FakeCodeHost(.github, user: nil)
        let noReport = comment(host, in: folder, ["--comment-when", "changed"])
        #expect(noReport.status == .badInput && noReport.stderr.contains("--report FILE"), "\(noReport.stderr)")
        let notAReport = comment(host, in: folder, ["--comment-when", "failed", "--report", "other.json"])
        #expect(notAReport.status == .badInput && notAReport.stderr.contains("other.json: 'result'"), "\(notAReport.stderr)")
        let thresholdAlone = comment(host, in: folder, ["--comment-threshold-usd", "5"])
        #expect(thresholdAlone.status == .badInput && thresholdAlone.stderr.contains("apply to --comment-when changed"))
        #expect(host.requests.isEmpty)
    }

    @Test(arguments: [
        // (result, change, low, high, percent, usd threshold, percent threshold, quiet?)
        ("fail", 0.0, -1.0, 1.0, 0.0, 0.0, 0.0, false),
        ("warn", 0.0, -1.0, 1.0, 0.0, 0.0, 0.0, false),
        ("pass", 5.0, -1.0, 9.0, 1.0, 0.0, 0.0, true),
        ("pass", 5.0, 4.0, 6.0, 1.0, 0.0, 0.0, false),
        ("pass", -5.0, -6.0, -4.0, -1.0, 5.01, 0.0, true),
        ("pass", -5.0, -6.0, -4.0, -1.0, 5.0, 0.0, false),
        ("pass", 5.0, 4.0, 6.0, 1.0, 0.0, 1.5, true),
    ])
    func changedDecidesFromTheResultTheIntervalAndEveryThreshold(_ row: (String, Double, Double, Double, Double, Double, Double, Bool)) throws {
        let report = try JSONParser.parse(Array("""
        {"result": "\(row.0)", "candidates": [{"delta": {"monthly_cost": \(row.1), "monthly_cost_low": \(row.2), \
        "monthly_cost_high": \(row.3), "monthly_cost_pct": \(row.4)}}]}
        """.utf8))
        let condition = CommentCondition(when: .changed, thresholdUSD: row.5, thresholdPercent: row.6)
        #expect((try condition.quietReason(report: report, file: "r.json") != nil) == row.7)
    }
}
