import Foundation
import Testing
@testable import CostGate
import CostGateTestSupport

/// `costgate comment azure-repos|bitbucket` end to end: the real command, Foundation's networking and a
/// loopback server that behaves like the Azure DevOps threads API and Bitbucket Cloud's comments API.
@Suite(.serialized) struct AzureAndBitbucketCommentTests {
    static let report = "<!-- costgate -->\n### ✅ costgate: Monthly cost falls by $1.00\n\nbody\n"

    static func folder(report: String = Self.report) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("costgate-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try report.write(toFile: folder + "/report.md", atomically: true, encoding: .utf8)
        return folder
    }

    private func azure(_ host: FakeCodeHost, _ extra: [String] = [], time: Int = 2_000, sha: String = "abc123", token: String? = nil,
                       report: String = Self.report) throws -> CLIResult {
        let environment = ["SYSTEM_ACCESSTOKEN": token ?? host.token, "SYSTEM_COLLECTIONURI": host.server.url + "/acme/",
                           "SYSTEM_TEAMPROJECT": "Shop Project", "BUILD_REPOSITORY_ID": "shop", "SYSTEM_PULLREQUEST_PULLREQUESTID": "7",
                           "SYSTEM_PULLREQUEST_SOURCECOMMITID": sha, "BUILD_SOURCEVERSION": "ffff0000",
                           "COSTGATE_COMMENT_TIME": String(time), "COSTGATE_RETRY_DELAY_MS": "1"]
        return runCLI(["comment", "azure-repos", "--body-file", "report.md"] + extra, in: try Self.folder(report: report), environment: environment)
    }

    private func bitbucket(_ host: FakeCodeHost, _ extra: [String] = [], time: Int = 2_000, sha: String = "abc123", token: String? = nil,
                           report: String = Self.report) throws -> CLIResult {
        let environment = ["BITBUCKET_TOKEN": token ?? host.token, "BITBUCKET_API_URL": host.server.url + "/2.0",
                           "BITBUCKET_WORKSPACE": "acme", "BITBUCKET_REPO_SLUG": "shop", "BITBUCKET_PR_ID": "7", "BITBUCKET_COMMIT": sha,
                           "COSTGATE_COMMENT_TIME": String(time), "COSTGATE_RETRY_DELAY_MS": "1"]
        return runCLI(["comment", "bitbucket", "--body-file", "report.md"] + extra, in: try Self.folder(report: report), environment: environment)
    }

    private static func azureMarker(_ sha: String, _ time: String = "1970-01-01T00:00:00Z", tag: String = "default") -> String {
        "[//]: # (costgate tag=\(tag) sha=\(sha) time=\(time))"
    }

    private static func bitbucketBody(_ text: String, sha: String, time: String = "1970-01-01T00:00:00Z", tag: String = "default") -> String {
        text + "\n\n*(costgate tag=\(tag) sha=\(sha) time=\(time))*\n"
    }

    @Test func azureCreatesAClosedThreadThenUpdatesItsFirstComment() throws {
        let host = try FakeCodeHost(.azure, user: "guid-bot")
        let first = try azure(host)
        #expect(first.status == .success, "\(first.stderr)")
        #expect(host.live.count == 1)
        #expect(host.live[0].body.hasPrefix(Self.azureMarker("abc123", "1970-01-01T00:33:20Z") + "\n### ✅"), "\(host.live[0].body)")
        #expect(!host.live[0].body.contains("<!-- costgate"))
        let post = try #require(host.requests.first { $0.method == "POST" })
        #expect(post.target.hasSuffix("/threads?api-version=7.1"))
        #expect(host.requests.allSatisfy { $0.headers["authorization"] == "Bearer " + host.token })
        let again = try azure(host, time: 2_100)
        #expect(again.stdout.contains("unchanged"), "\(again.stdout)")
        let changed = try azure(host, time: 2_200, sha: "def456", report: Self.report + "more\n")
        #expect(changed.status == .success, "\(changed.stderr)")
        let patch = try #require(host.requests.first { $0.method == "PATCH" })
        #expect(patch.path == host.list + "/1/comments/1" && patch.target.hasSuffix("?api-version=7.1"))
        #expect(host.live.count == 1 && host.live[0].body.contains("sha=def456") && host.live[0].body.hasSuffix("more\n"))
        for result in [first, again, changed] { #expect(!(result.stdout + result.stderr).contains(host.token)) }
    }

    @Test func azureReadsEveryPageAndTouchesOnlyItsOwnThreads() throws {
        var comments = (1...203).map { FakeCodeHost.Comment(id: $0, author: "dev\($0)", bot: false, body: "lgtm \($0)") }
        comments.append(.init(id: 204, author: "mallory", bot: false, body: Self.azureMarker("000") + "\nfake"))
        comments.append(.init(id: 205, author: "guid-bot", bot: true, body: Self.azureMarker("000", tag: "other") + "\nother"))
        comments.append(.init(id: 206, author: "guid-bot", bot: true, body: Self.azureMarker("000") + "\nold"))
        let host = try FakeCodeHost(.azure, user: "guid-bot", comments: comments)
        let result = try azure(host)
        #expect(result.status == .success, "\(result.stderr)")
        let lists = host.requests.filter { $0.method == "GET" && $0.path == host.list }
        #expect(lists.count == 3)
        #expect(lists.last?.query("continuationToken") == "200")
        #expect(host.requests.filter { $0.method == "PATCH" }.map(\.path) == [host.list + "/206/comments/1"])
        #expect(host.comments.first { $0.id == 204 }?.body.hasSuffix("fake") == true)
    }

    @Test func azureDeleteAndNewAndNoHiding() throws {
        let old = FakeCodeHost.Comment(id: 1, author: "build-service", bot: true, body: Self.azureMarker("000") + "\nold")
        // No /connectionData (403): the build service's threads are taken as ours.
        let host = try FakeCodeHost(.azure, user: nil, comments: [old])
        let result = try azure(host, ["--behavior", "delete-and-new"])
        #expect(result.status == .success, "\(result.stderr)")
        #expect(host.requests.contains { $0.method == "DELETE" && $0.path == host.list + "/1/comments/1" })
        #expect(host.live.map(\.id) == [2])
        let hide = try azure(host, ["--behavior", "hide-and-new"])
        #expect(hide.status == .badInput && hide.stderr.contains("Azure Repos cannot hide") && hide.stderr.contains("delete-and-new"))
    }

    @Test func azureRefusalsNameTheFix() throws {
        let host = try FakeCodeHost(.azure, user: "guid-bot")
        let rejected = try azure(host, token: "wrong-token-XYZ")
        #expect(rejected.status == .badInput)
        #expect(rejected.stderr.contains("203") && rejected.stderr.contains("$(System.AccessToken)"), "\(rejected.stderr)")
        #expect(!rejected.stderr.contains("wrong-token-XYZ"))
        let readOnly = try FakeCodeHost(.azure, user: "read-only")
        let denied = try azure(readOnly)
        #expect(denied.status == .badInput && denied.stderr.contains("403") && denied.stderr.contains("Contribute to pull requests"), "\(denied.stderr)")
        let flaky = try FakeCodeHost(.azure, user: "guid-bot", failures: [503, 429])
        let retried = try azure(flaky)
        #expect(retried.status == .success, "\(retried.stderr)")
        #expect(flaky.live.count == 1)
    }

    @Test func bitbucketWritesAFooterMarkerPagesByNextAndUpdatesOnlyItsOwn() throws {
        var comments = (1...150).map { FakeCodeHost.Comment(id: $0, author: "{dev\($0)}", bot: false, body: "lgtm \($0)") }
        comments.append(.init(id: 151, author: "{mallory}", bot: false, body: Self.bitbucketBody("fake", sha: "000")))
        comments.append(.init(id: 152, author: "{dev}", bot: false, body: "> " + Self.bitbucketBody("quoted", sha: "000") + "thanks"))
        comments.append(.init(id: 153, author: "{bot}", bot: true, body: Self.bitbucketBody("old", sha: "000")))
        let host = try FakeCodeHost(.bitbucket, user: "{bot}", comments: comments)
        let result = try bitbucket(host)
        #expect(result.status == .success, "\(result.stderr)")
        #expect(host.requests.filter { $0.method == "GET" && $0.path == host.list }.count == 2)
        let put = host.requests.filter { $0.method == "PUT" }
        #expect(put.map(\.path) == [host.list + "/153"])
        let ours = try #require(host.comments.first { $0.id == 153 })
        #expect(ours.body.hasPrefix("### ✅ costgate"))
        #expect(ours.body.hasSuffix("\n\n*(costgate tag=default sha=abc123 time=1970-01-01T00:33:20Z)*\n"), "\(ours.body)")
        #expect(host.comments.first { $0.id == 151 }?.body.hasPrefix("fake") == true)
        let again = try bitbucket(host, time: 2_100)
        #expect(again.stdout.contains("unchanged"), "\(again.stdout)")
        #expect(!(result.stdout + result.stderr + again.stdout + again.stderr).contains(host.token))
    }

    @Test func bitbucketFollowsNextOnlyOnItsOwnHost() throws {
        let comments = (1...120).map { FakeCodeHost.Comment(id: $0, author: "{dev}", bot: false, body: "lgtm \($0)") }
        let host = try FakeCodeHost(.bitbucket, user: "{bot}", comments: comments, nextBase: "http://127.0.0.2:9")
        let result = try bitbucket(host)
        #expect(result.status == .success, "\(result.stderr)")
        #expect(host.requests.filter { $0.method == "GET" && $0.path == host.list }.count == 1)
    }

    @Test func bitbucketLimitsNewerCommitsAndRefusals() throws {
        let big = "<!-- costgate -->\n" + String(repeating: "x", count: 40_000) + "\n"
        let host = try FakeCodeHost(.bitbucket, user: "{bot}")
        let tooBig = try bitbucket(host, report: big)
        #expect(tooBig.status == .badInput && tooBig.stderr.contains("32768") && tooBig.stderr.contains("--max-comment-chars"), "\(tooBig.stderr)")
        #expect(host.requests.isEmpty)
        let newer = FakeCodeHost.Comment(id: 1, author: "{bot}", bot: true, body: Self.bitbucketBody("newer", sha: "fff999", time: "1970-01-01T01:00:00Z"))
        let guarded = try FakeCodeHost(.bitbucket, user: "{bot}", comments: [newer])
        let old = try bitbucket(guarded, time: 60)
        #expect(old.status == .success && old.stdout.contains("newer commit"), "\(old.stdout)")
        #expect(guarded.requests.allSatisfy { $0.method == "GET" })
        let rejected = try bitbucket(host, token: "wrong-token-XYZ")
        #expect(rejected.status == .badInput && rejected.stderr.contains("401") && rejected.stderr.contains("BITBUCKET_TOKEN"), "\(rejected.stderr)")
        #expect(!rejected.stderr.contains("wrong-token-XYZ"))
        let readOnly = try FakeCodeHost(.bitbucket, user: "read-only")
        let denied = try bitbucket(readOnly)
        #expect(denied.status == .badInput && denied.stderr.contains("pullrequest:write"), "\(denied.stderr)")
        let hide = try bitbucket(host, ["--behavior", "hide-and-new"])
        #expect(hide.status == .badInput && hide.stderr.contains("Bitbucket cannot hide"))
    }

    @Test func personalAccessTokensAndAppPasswordsUseBasicAuthentication() throws {
        let azureHost = try FakeCodeHost(.azure, user: "guid-bot")
        let environment = ["AZURE_DEVOPS_EXT_PAT": azureHost.token, "SYSTEM_COLLECTIONURI": azureHost.server.url + "/acme",
                           "COSTGATE_RETRY_DELAY_MS": "1"]
        let azureRun = runCLI(["comment", "azure-repos", "--project", "Shop Project", "--repository", "shop", "--pull-request", "7",
                               "--body-file", "report.md"], in: try Self.folder(), environment: environment)
        #expect(azureRun.status == .success, "\(azureRun.stderr)")
        #expect(azureHost.live.count == 1)
        #expect(azureHost.requests.allSatisfy { $0.headers["authorization"]?.hasPrefix("Basic ") == true })
        let bitbucketHost = try FakeCodeHost(.bitbucket, user: "{bot}")
        let bitbucketRun = runCLI(["comment", "bitbucket", "--repository", "acme/shop", "--pull-request", "7", "--body-file", "report.md"],
                                  in: try Self.folder(),
                                  environment: ["BITBUCKET_TOKEN": bitbucketHost.token, "BITBUCKET_USERNAME": "ci-user",
                                                "BITBUCKET_API_URL": bitbucketHost.server.url + "/2.0/", "COSTGATE_RETRY_DELAY_MS": "1"])
        #expect(bitbucketRun.status == .success, "\(bitbucketRun.stderr)")
        #expect(bitbucketHost.comments.count == 1)
        #expect(bitbucketHost.requests.allSatisfy { $0.headers["authorization"]?.hasPrefix("Basic ") == true })
        for result in [azureRun, bitbucketRun] { #expect(!(result.stdout + result.stderr).contains(azureHost.token)) }
        // Without any token, a real run says which variable to set.
        let none = runCLI(["comment", "azure-repos", "--project", "p", "--repository", "r", "--pull-request", "7", "--body-file", "report.md"],
                          in: try Self.folder(), environment: ["SYSTEM_COLLECTIONURI": "https://dev.azure.com/acme/"])
        #expect(none.status == .badInput && none.stderr.contains("SYSTEM_ACCESSTOKEN"), "\(none.stderr)")
    }

    @Test func dryRunsSendNothing() throws {
        let azureHost = try FakeCodeHost(.azure, user: "guid-bot")
        let azureRun = try azure(azureHost, ["--dry-run"])
        #expect(azureRun.status == .success)
        #expect(azureRun.stdout.contains("would create a comment on pull request 7 in Shop Project/shop"), "\(azureRun.stdout)")
        #expect(azureHost.requests.allSatisfy { $0.method == "GET" })
        let bitbucketHost = try FakeCodeHost(.bitbucket, user: "{bot}")
        let bitbucketRun = try bitbucket(bitbucketHost, ["--dry-run"])
        #expect(bitbucketRun.stdout.contains("would create a comment on pull request #7 in acme/shop"), "\(bitbucketRun.stdout)")
        #expect(bitbucketHost.requests.allSatisfy { $0.method == "GET" })
        #expect(!(azureRun.stdout + bitbucketRun.stdout).contains(azureHost.token))
    }
}
