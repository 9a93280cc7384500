import Foundation

/// `costgate comment github|gitlab|azure-repos|bitbucket`: posts or updates the report as one comment on the
/// pull or merge request.
enum CommentCommand: Command {
    static let name = "comment"
    static let summary = "Post the Markdown report as a pull/merge request comment (github, gitlab, azure-repos, bitbucket)"
    static let platforms = ["github", "gitlab", "azure-repos", "bitbucket"]

    static let options = OptionTable(command: name, options: [
        .value("body-file", "FILE", help: "The Markdown report to post (costgate check --format markdown --output FILE)."),
        .value("behavior", "MODE", allowed: CommentPublisher.Behavior.allCases.map(\.rawValue),
               help: "update (default): edit costgate's latest comment, or post one; new: always post;",
               "hide-and-new: collapse the old ones as outdated (GitHub), then post; delete-and-new."),
        .value("tag", "NAME", help: "Tell several costgate comments on one request apart (default: default)."),
        .value("comment-when", "WHEN", allowed: CommentCondition.When.allCases.map(\.rawValue),
               help: "always (default); changed: only when a policy did not pass or the monthly change is",
               "outside its forecast interval and over the thresholds; failed: only when the check failed.",
               "Needs --report."),
        .value("report", "FILE", help: "The same run's JSON report (check --json-output FILE), read by --comment-when."),
        .value("comment-threshold-usd", "USD", help: "With --comment-when changed: the least monthly change in USD (default 0)."),
        .value("comment-threshold-pct", "PCT", help: "With --comment-when changed: the least monthly change in percent (default 0)."),
        .value("repository", "REPO", help: "GitHub OWNER/NAME ($GITHUB_REPOSITORY); Azure Repos: the repository id or name",
               "($BUILD_REPOSITORY_ID); Bitbucket WORKSPACE/SLUG ($BITBUCKET_WORKSPACE/$BITBUCKET_REPO_SLUG)."),
        .value("pull-request", "N", help: "GitHub (from $GITHUB_EVENT_PATH), Azure Repos ($SYSTEM_PULLREQUEST_PULLREQUESTID),",
               "Bitbucket ($BITBUCKET_PR_ID): the pull request."),
        .value("project", "ID", help: "GitLab: the project id or path ($CI_PROJECT_ID); Azure Repos: the team project",
               "($SYSTEM_TEAMPROJECT)."),
        .value("merge-request", "IID", help: "GitLab: the merge request (default: $CI_MERGE_REQUEST_IID)."),
        .value("head-sha", "SHA", help: "The commit the report is for (default: from the platform's CI variables)."),
        .flag("dry-run", help: "Print what would be sent instead of sending it."),
    ], positionals: .optional("PLATFORM"), helpColumn: 32)

    static let help = options.help("""
    Usage: costgate comment github|gitlab|azure-repos|bitbucket --body-file FILE [options]

    Puts the report on the pull or merge request as one comment, found again by its hidden
    marker (which holds --tag, the head commit and the time). Only the token's own comments
    are edited; an unchanged body is not sent again; a comment written for a newer commit
    is left alone. 5xx answers and rate limits are retried with backoff.

    GitHub reads GITHUB_TOKEN, GITHUB_API_URL (default https://api.github.com) and
    GITHUB_GRAPHQL_URL; GitLab reads GITLAB_TOKEN and CI_API_V4_URL (default
    https://gitlab.com/api/v4); Azure Repos reads SYSTEM_ACCESSTOKEN (or a personal access
    token in AZURE_DEVOPS_EXT_PAT) and SYSTEM_COLLECTIONURI; Bitbucket reads BITBUCKET_TOKEN
    (an access token; with BITBUCKET_USERNAME, an app password or API token) and
    BITBUCKET_API_URL (default https://api.bitbucket.org/2.0). COSTGATE_COMMENT_TIME (seconds
    since 1970, e.g. the commit time) replaces the run's time in the marker. No token is
    ever printed.

    With --comment-when changed or failed, a quiet run posts no new comment, but update still
    refreshes an existing one, and delete-and-new / hide-and-new remove or hide the old ones,
    so the request never shows a stale figure.

    """, """
    Exit status: 0 posted, updated or left alone, 2 bad input, a refused token or a missing permission.

    """)

    static func run(_ arguments: [String], context: CommandContext) throws -> ExitCode {
        let options = try options.parse(arguments)
        guard let platformName = options.positionals.first else {
            throw CostGateError.usage("name the platform: costgate comment \(platforms.joined(separator: "|")) --body-file FILE")
        }
        guard let bodyPath = options.value("body-file") else { throw CostGateError.usage("--body-file FILE is required") }
        let behavior = CommentPublisher.Behavior(rawValue: options.value("behavior") ?? "update") ?? .update
        let tag = options.value("tag") ?? "default"
        guard CommentMarker.isValidTag(tag) else {
            throw CostGateError.usage("--tag takes letters, digits, '.', '_' and '-' (at most 64)")
        }
        let quietReason = try quietReason(options, context: context)
        guard let data = FileManager.default.contents(atPath: context.resolve(bodyPath)) else {
            throw CostGateError.io(path: bodyPath, reason: "cannot read the report")
        }
        let report = String(decoding: data, as: UTF8.self)
        let environment = context.environment
        let dryRun = options.flag("dry-run")
        let delay = environment["COSTGATE_RETRY_DELAY_MS"].flatMap(Double.init).map { $0 / 1000 } ?? 1
        let target = try platform(platformName, options: options, environment: environment, client: HTTPClient(initialDelay: delay))
        if target.token == nil, !dryRun {
            throw CostGateError.usage("set \(target.tokenVariable) to a token that may comment")
        }
        let cleanSHA = (target.sha ?? "").filter { $0.isHexDigit }
        let time = environment["COSTGATE_COMMENT_TIME"].flatMap { Int($0) } ?? Int(Date().timeIntervalSince1970)
        let publisher = CommentPublisher(platform: target.platform, behavior: behavior,
                                         marker: CommentMarker(tag: tag, sha: String(cleanSHA.prefix(40)), time: time),
                                         dryRun: dryRun, offline: target.token == nil, quietReason: quietReason)
        for line in try publisher.publish(report) { context.stdout(line + "\n") }
        return .success
    }

    /// Why `--comment-when` keeps this run quiet, from the JSON report `--report` names; nil to post.
    private static func quietReason(_ options: ParsedOptions, context: CommandContext) throws(CostGateError) -> String? {
        let when = CommentCondition.When(rawValue: options.value("comment-when") ?? "always") ?? .always
        var condition = CommentCondition(when: when)
        condition.thresholdUSD = try options.double("comment-threshold-usd") ?? 0
        condition.thresholdPercent = try options.double("comment-threshold-pct") ?? 0
        if when != .changed, options.value("comment-threshold-usd") != nil || options.value("comment-threshold-pct") != nil {
            throw .usage("--comment-threshold-usd and --comment-threshold-pct apply to --comment-when changed")
        }
        guard when != .always else { return nil }
        guard let path = options.value("report") else {
            throw .usage("--comment-when \(when.rawValue) reads the check's JSON report: add --report FILE (costgate check --json-output FILE)")
        }
        guard let data = FileManager.default.contents(atPath: context.resolve(path)) else {
            throw .io(path: path, reason: "cannot read the JSON report")
        }
        return try condition.quietReason(report: try JSONParser.parse([UInt8](data), file: path), file: path)
    }
}
