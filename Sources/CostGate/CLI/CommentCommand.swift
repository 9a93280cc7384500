import Foundation

/// `costgate comment github|gitlab`: posts or updates the report as one comment on the pull or merge request.
enum CommentCommand: Command {
    static let name = "comment"
    static let summary = "Post the Markdown report as a pull/merge request comment (github, gitlab)"

    static let options = OptionTable(command: name, options: [
        .value("body-file", "FILE", help: "The Markdown report to post (costgate check --format markdown --output FILE)."),
        .value("behavior", "MODE", allowed: CommentPublisher.Behavior.allCases.map(\.rawValue),
               help: "update (default): edit costgate's latest comment, or post one; new: always post;",
               "hide-and-new: collapse the old ones as outdated (GitHub), then post; delete-and-new."),
        .value("tag", "NAME", help: "Tell several costgate comments on one request apart (default: default)."),
        .value("repository", "OWNER/NAME", help: "GitHub: the repository (default: $GITHUB_REPOSITORY)."),
        .value("pull-request", "N", help: "GitHub: the pull request (default: from $GITHUB_EVENT_PATH)."),
        .value("project", "ID", help: "GitLab: the project id or path (default: $CI_PROJECT_ID)."),
        .value("merge-request", "IID", help: "GitLab: the merge request (default: $CI_MERGE_REQUEST_IID)."),
        .value("head-sha", "SHA", help: "The commit the report is for (default: the event's head, $CI_COMMIT_SHA or $GITHUB_SHA)."),
        .flag("dry-run", help: "Print what would be sent instead of sending it."),
    ], positionals: .optional("PLATFORM"), helpColumn: 28)

    static let help = options.help("""
    Usage: costgate comment github|gitlab --body-file FILE [options]

    Puts the report on the pull or merge request as one comment, found again by its hidden
    marker (which holds --tag, the head commit and the time). Only the token's own comments
    are edited; an unchanged body is not sent again; a comment written for a newer commit
    is left alone. 5xx answers and rate limits are retried with backoff.

    GitHub reads GITHUB_TOKEN, GITHUB_API_URL (default https://api.github.com) and
    GITHUB_GRAPHQL_URL; GitLab reads GITLAB_TOKEN and CI_API_V4_URL (default
    https://gitlab.com/api/v4). COSTGATE_COMMENT_TIME (seconds since 1970, e.g. the
    commit time) replaces the run's time in the marker. No token is ever printed.

    """, """
    Exit status: 0 posted, updated or left alone, 2 bad input, a refused token or a missing permission.

    """)

    static func run(_ arguments: [String], context: CommandContext) throws -> ExitCode {
        let options = try options.parse(arguments)
        guard let platformName = options.positionals.first else {
            throw CostGateError.usage("name the platform: costgate comment github|gitlab --body-file FILE")
        }
        guard let bodyPath = options.value("body-file") else { throw CostGateError.usage("--body-file FILE is required") }
        let behavior = CommentPublisher.Behavior(rawValue: options.value("behavior") ?? "update") ?? .update
        let tag = options.value("tag") ?? "default"
        guard CommentMarker.isValidTag(tag) else {
            throw CostGateError.usage("--tag takes letters, digits, '.', '_' and '-' (at most 64)")
        }
        guard let data = FileManager.default.contents(atPath: context.resolve(bodyPath)) else {
            throw CostGateError.io(path: bodyPath, reason: "cannot read the report")
        }
        let report = String(decoding: data, as: UTF8.self)
        let environment = context.environment
        let dryRun = options.flag("dry-run")
        let delay = environment["COSTGATE_RETRY_DELAY_MS"].flatMap(Double.init).map { $0 / 1000 } ?? 1
        let client = HTTPClient(initialDelay: delay)
        let event = try githubEvent(environment)
        let platform: any CommentPlatform
        let token: String?
        var sha = options.value("head-sha")
        switch platformName {
        case "github":
            token = environment["GITHUB_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
            guard let repository = options.value("repository") ?? environment["GITHUB_REPOSITORY"],
                  repository.split(separator: "/").count == 2, repository.allSatisfy({ $0.isLetter || $0.isNumber || "-_./".contains($0) }) else {
                throw CostGateError.usage("give --repository OWNER/NAME (or run where GITHUB_REPOSITORY is set)")
            }
            let number = try options.int("pull-request", in: 1...Int(Int32.max)) ?? event?["pull_request"]?["number"]?.doubleValue.map { Int($0) }
            guard let number else { throw CostGateError.usage("give --pull-request N (or run on a pull_request event)") }
            sha = sha ?? event?["pull_request"]?["head"]?["sha"]?.stringValue ?? environment["GITHUB_SHA"]
            let api = try apiRoot(environment["GITHUB_API_URL"], default: "https://api.github.com", variable: "GITHUB_API_URL")
            let graphQL = try apiRoot(environment["GITHUB_GRAPHQL_URL"], default: api + "/graphql", variable: "GITHUB_GRAPHQL_URL")
            platform = GitHubComments(apiBase: api, graphQLURL: URL(string: graphQL)!, repository: repository, pullRequest: number,
                                      token: token ?? "", client: client)
        case "gitlab":
            token = environment["GITLAB_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
            guard let project = options.value("project") ?? environment["CI_PROJECT_ID"], !project.isEmpty else {
                throw CostGateError.usage("give --project ID (or run where CI_PROJECT_ID is set)")
            }
            let iid = try options.int("merge-request", in: 1...Int(Int32.max)) ?? environment["CI_MERGE_REQUEST_IID"].flatMap { Int($0) }
            guard let iid else { throw CostGateError.usage("give --merge-request IID (or run in a merge request pipeline)") }
            sha = sha ?? environment["CI_COMMIT_SHA"]
            let api = try apiRoot(environment["CI_API_V4_URL"], default: "https://gitlab.com/api/v4", variable: "CI_API_V4_URL")
            platform = GitLabComments(apiBase: api, project: project, mergeRequest: iid, token: token ?? "", client: client)
        default:
            throw CostGateError.unknown("platform", platformName, in: "comment", known: ["github", "gitlab"])
        }
        if token == nil, !dryRun {
            throw CostGateError.usage("set \(platformName == "github" ? "GITHUB_TOKEN" : "GITLAB_TOKEN") to a token that may comment")
        }
        let cleanSHA = (sha ?? "").filter { $0.isHexDigit }
        let time = environment["COSTGATE_COMMENT_TIME"].flatMap { Int($0) } ?? Int(Date().timeIntervalSince1970)
        let publisher = CommentPublisher(platform: platform, behavior: behavior, marker: CommentMarker(tag: tag, sha: String(cleanSHA.prefix(40)), time: time),
                                         dryRun: dryRun, offline: token == nil)
        for line in try publisher.publish(report) { context.stdout(line + "\n") }
        return .success
    }

    /// The pull request event GitHub Actions saved, if any.
    private static func githubEvent(_ environment: [String: String]) throws(CostGateError) -> JSONValue? {
        guard let path = environment["GITHUB_EVENT_PATH"], !path.isEmpty, let data = FileManager.default.contents(atPath: path) else { return nil }
        return try JSONParser.parse([UInt8](data), file: path)
    }

    /// An API root from the environment: http(s), no trailing slash.
    private static func apiRoot(_ value: String?, default fallback: String, variable: String) throws(CostGateError) -> String {
        var root = value.flatMap { $0.isEmpty ? nil : $0 } ?? fallback
        while root.hasSuffix("/") { root.removeLast() }
        guard let url = URL(string: root), url.scheme == "https" || url.scheme == "http", url.host != nil else {
            throw .usage("\(variable) must be an http(s) URL")
        }
        return root
    }
}
