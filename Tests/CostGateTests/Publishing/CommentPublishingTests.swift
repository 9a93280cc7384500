import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// `costgate comment` end to end: the real command, Foundation's networking and a loopback HTTP server that
/// behaves like GitHub's and GitLab's comment APIs.
@Suite(.serialized) struct CommentPublishingTests {
    static let report = "<!-- costgate -->\n### ✅ costgate: Monthly cost falls by $1.00\n\nbody\n"

    private func folder(report: String = Self.report) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("costgate-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try report.write(toFile: folder + "/report.md", atomically: true, encoding: .utf8)
        return folder
    }

    private func github(_ host: FakeCodeHost, _ extra: [String] = [], time: Int = 2_000, sha: String = "abc123", token: String? = nil,
                        report: String = Self.report) throws -> CLIResult {
        let environment = ["GITHUB_TOKEN": token ?? host.token, "GITHUB_API_URL": host.server.url, "GITHUB_GRAPHQL_URL": host.server.url + "/graphql",
                           "GITHUB_REPOSITORY": "acme/shop", "COSTGATE_COMMENT_TIME": String(time), "COSTGATE_RETRY_DELAY_MS": "1"]
        return runCLI(["comment", "github", "--pull-request", "7", "--body-file", "report.md", "--head-sha", sha] + extra,
                      in: try folder(report: report), environment: environment)
    }

    private func gitlab(_ host: FakeCodeHost, _ extra: [String] = [], time: Int = 2_000) throws -> CLIResult {
        let environment = ["GITLAB_TOKEN": host.token, "CI_API_V4_URL": host.server.url + "/api/v4", "CI_PROJECT_ID": "acme/shop",
                           "CI_MERGE_REQUEST_IID": "7", "CI_COMMIT_SHA": "abc123", "COSTGATE_COMMENT_TIME": String(time),
                           "COSTGATE_RETRY_DELAY_MS": "1"]
        return runCLI(["comment", "gitlab", "--body-file", "report.md"] + extra, in: try folder(), environment: environment)
    }

    @Test func githubCreatesThenUpdatesThenLeavesAnUnchangedBodyAlone() throws {
        let host = try FakeCodeHost(.github, user: nil)
        let first = try github(host)
        #expect(first.status == .success, "\(first.stderr)")
        #expect(host.comments.count == 1)
        #expect(host.comments[0].body.hasPrefix("<!-- costgate tag=default sha=abc123 time=1970-01-01T00:33:20Z -->\n### ✅"))
        #expect(!host.comments[0].body.contains("<!-- costgate -->"), "the renderer's marker is replaced, not doubled")
        let again = try github(host, time: 2_100)
        #expect(again.stdout.contains("unchanged"), "\(again.stdout)")
        #expect(!host.requests.contains { $0.method == "PATCH" })
        let changed = try github(host, time: 2_200, sha: "def456", report: Self.report + "more\n")
        #expect(changed.status == .success, "\(changed.stderr)")
        #expect(host.comments.count == 1)
        #expect(host.comments[0].body.contains("sha=def456") && host.comments[0].body.hasSuffix("more\n"))
        for result in [first, again, changed] { #expect(!(result.stdout + result.stderr).contains(host.token)) }
    }

    @Test func onlyOurOwnCommentsWithTheTagAreTouchedAcrossPages() throws {
        // 250 comments: someone quoting the marker, another tag, another user's copy, and ours on page 3.
        var comments = (1...246).map { FakeCodeHost.Comment(id: $0, author: "dev\($0)", bot: false, body: "lgtm \($0)") }
        comments.append(.init(id: 247, author: "dev", bot: false, body: "> <!-- costgate tag=default sha=000 time=1970-01-01T00:00:00Z -->\nquoted"))
        comments.append(.init(id: 248, author: "mallory", bot: false, body: "<!-- costgate tag=default sha=000 time=1970-01-01T00:00:00Z -->\nfake"))
        comments.append(.init(id: 249, author: "costgate-bot", bot: true, body: "<!-- costgate tag=other sha=000 time=1970-01-01T00:00:00Z -->\nother"))
        comments.append(.init(id: 250, author: "costgate-bot", bot: true, body: "<!-- costgate tag=default sha=000 time=1970-01-01T00:00:00Z -->\nold"))
        let host = try FakeCodeHost(.github, user: "costgate-bot", comments: comments)
        let result = try github(host)
        #expect(result.status == .success, "\(result.stderr)")
        #expect(host.requests.filter { $0.method == "GET" && $0.path.hasSuffix("/comments") }.count == 3)
        let patched = host.requests.filter { $0.method == "PATCH" }.map(\.path)
        #expect(patched == ["/repos/acme/shop/issues/comments/250"])
        #expect(host.comments.first { $0.id == 248 }?.body.hasSuffix("fake") == true)
    }

    @Test func anOlderRunLeavesANewerCommentAlone() throws {
        let newer = FakeCodeHost.Comment(id: 1, author: "github-actions[bot]", bot: true,
                                         body: "<!-- costgate tag=default sha=fff999 time=1970-01-01T01:00:00Z -->\nnewer")
        let host = try FakeCodeHost(.github, user: nil, comments: [newer])
        let result = try github(host, time: 60)
        #expect(result.status == .success)
        #expect(result.stdout.contains("newer commit"))
        #expect(host.comments[0].body.hasSuffix("newer"))
        #expect(host.requests.allSatisfy { $0.method == "GET" })
    }

    @Test func behaviorsNewHideAndDelete() throws {
        let old = FakeCodeHost.Comment(id: 1, author: "github-actions[bot]", bot: true,
                                       body: "<!-- costgate tag=default sha=000 time=1970-01-01T00:00:00Z -->\nold")
        let hide = try FakeCodeHost(.github, user: nil, comments: [old])
        #expect(try github(hide, ["--behavior", "hide-and-new"]).status == .success)
        #expect(hide.comments.count == 2 && hide.comments[0].hidden)
        #expect(hide.requests.contains { $0.path == "/graphql" && $0.body.contains("minimizeComment") && $0.body.contains("N1") })
        let delete = try FakeCodeHost(.github, user: nil, comments: [old])
        #expect(try github(delete, ["--behavior", "delete-and-new"]).status == .success)
        #expect(delete.comments.map(\.id) == [2])
        let new = try FakeCodeHost(.github, user: nil, comments: [old])
        #expect(try github(new, ["--behavior", "new"]).status == .success)
        #expect(new.comments.count == 2 && !new.comments[0].hidden)
    }

    @Test func transientFailuresAreRetriedAndRefusalsNameThePermission() throws {
        let flaky = try FakeCodeHost(.github, user: nil, failures: [502, 403, 500])
        let result = try github(flaky)
        #expect(result.status == .success, "\(result.stderr)")
        #expect(flaky.comments.count == 1)
        let refused = try FakeCodeHost(.github, user: nil)
        let bad = try github(refused, token: "wrong-token-XYZ")
        #expect(bad.status == .badInput)
        #expect(bad.stderr.contains("401") && bad.stderr.contains("GITHUB_TOKEN"), "\(bad.stderr)")
        #expect(!bad.stderr.contains("wrong-token-XYZ"))
    }

    @Test func aMissingPermissionExitsTwoNamingIt() throws {
        let host = try FakeCodeHost(.gitlab, user: "42")
        let environment = ["GITLAB_TOKEN": host.token, "CI_API_V4_URL": host.server.url + "/api/v4", "COSTGATE_RETRY_DELAY_MS": "1"]
        // A project the fake does not know answers 404; a GitHub repository whose token may not write answers 403.
        let missing = runCLI(["comment", "gitlab", "--project", "other/one", "--merge-request", "7", "--body-file", "report.md"],
                             in: try folder(), environment: environment)
        #expect(missing.status == .badInput && missing.stderr.contains("404"), "\(missing.stderr)")
        let readOnly = try FakeCodeHost(.github, user: "read-only")
        let denied = try github(readOnly)
        #expect(denied.status == .badInput)
        #expect(denied.stderr.contains("403") && denied.stderr.contains("pull-requests: write"), "\(denied.stderr)")
        #expect(!denied.stderr.contains(readOnly.token))
    }

    /// A repository that is not OWNER/NAME is a usage error that quotes what was given, and where it came from.
    @Test func aBadRepositoryIsQuotedInTheUsageError() throws {
        let host = try FakeCodeHost(.github, user: nil)
        let given = try github(host, ["--repository", "../../x"])
        #expect(given.status == .badInput)
        #expect(given.stderr.contains("give --repository OWNER/NAME") && given.stderr.contains("not '../../x'"), "\(given.stderr)")
        let fromEnvironment = runCLI(["comment", "github", "--pull-request", "7", "--body-file", "report.md", "--dry-run"],
                                     in: try folder(), environment: ["GITHUB_REPOSITORY": "no-slash", "GITHUB_TOKEN": host.token])
        #expect(fromEnvironment.status == .badInput)
        #expect(fromEnvironment.stderr.contains("not 'no-slash' (GITHUB_REPOSITORY)"), "\(fromEnvironment.stderr)")
        #expect(host.requests.isEmpty)
    }

    @Test func gitlabUpdatesOnlyTheTokensOwnNote() throws {
        let someone = FakeCodeHost.Comment(id: 1, author: "5", bot: false, body: "<!-- costgate tag=default sha=000 time=1970-01-01T00:00:00Z -->\ncopy")
        let ours = FakeCodeHost.Comment(id: 2, author: "42", bot: false, body: "<!-- costgate -->\nold template note")
        let host = try FakeCodeHost(.gitlab, user: "42", comments: [someone, ours])
        let result = try gitlab(host)
        #expect(result.status == .success, "\(result.stderr)")
        // Another user's note with the marker is left alone; the token's own note from the old template is updated.
        #expect(host.comments.count == 2)
        #expect(host.comments[0].body.hasSuffix("copy"))
        #expect(host.comments[1].body.hasPrefix("<!-- costgate tag=default sha=abc123 "))
        let second = try gitlab(host, ["--behavior", "update"], time: 2_500)
        #expect(second.stdout.contains("unchanged"), "\(second.stdout)")
        #expect(host.requests.contains { $0.headers["private-token"] == host.token })
        let hide = try gitlab(host, ["--behavior", "hide-and-new"])
        #expect(hide.status == .badInput && hide.stderr.contains("delete-and-new"))
    }

    @Test func dryRunSendsNothingAndPrintsNoToken() throws {
        let host = try FakeCodeHost(.github, user: nil)
        let result = try github(host, ["--dry-run"])
        #expect(result.status == .success)
        #expect(result.stdout.contains("would create a comment on pull request #7 in acme/shop"))
        #expect(result.stdout.contains("<!-- costgate tag=default sha=abc123"))
        #expect(!result.stdout.contains(host.token))
        #expect(host.comments.isEmpty)
        #expect(host.requests.allSatisfy { $0.method == "GET" })
    }
}
