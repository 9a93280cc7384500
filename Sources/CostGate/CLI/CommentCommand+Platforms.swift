import Foundation

/// Where `costgate comment` posts: each platform's client, built from options and the CI's own variables.
extension CommentCommand {
    /// A platform client with the token it found (nil when none is set) and the head commit.
    struct Target {
        var platform: any CommentPlatform
        var token: String?
        /// The variable that should hold the token, for the "set …" message.
        var tokenVariable: String
        var sha: String?
    }

    static func platform(_ name: String, options: ParsedOptions, environment: [String: String], client: HTTPClient) throws(CostGateError) -> Target {
        func variable(_ key: String) -> String? { environment[key].flatMap { $0.isEmpty ? nil : $0 } }
        let sha = options.value("head-sha")
        switch name {
        case "github":
            let token = variable("GITHUB_TOKEN")
            let event = try githubEvent(environment)
            let flag = options.value("repository")
            let given = flag ?? variable("GITHUB_REPOSITORY")
            guard let repository = given, isSlug(repository) else {
                // Quoted (and cut, control bytes escaped) as every echoed value is.
                let found = given.map { ", not " + excerpt($0) + (flag == nil ? " (GITHUB_REPOSITORY)" : "") } ?? ""
                throw .usage("give --repository OWNER/NAME (or run where GITHUB_REPOSITORY is set)" + found)
            }
            let number = try options.int("pull-request", in: 1...Int(Int32.max)) ?? event?["pull_request"]?["number"]?.doubleValue.map { Int($0) }
            guard let number else { throw .usage("give --pull-request N (or run on a pull_request event)") }
            let api = try apiRoot(variable("GITHUB_API_URL"), default: "https://api.github.com", variable: "GITHUB_API_URL")
            let graphQL = try apiRoot(variable("GITHUB_GRAPHQL_URL"), default: api + "/graphql", variable: "GITHUB_GRAPHQL_URL")
            return Target(platform: GitHubComments(apiBase: api, graphQLURL: URL(string: graphQL)!, repository: repository, pullRequest: number,
                                                   token: token ?? "", client: client),
                          token: token, tokenVariable: "GITHUB_TOKEN",
                          sha: sha ?? event?["pull_request"]?["head"]?["sha"]?.stringValue ?? variable("GITHUB_SHA"))
        case "gitlab":
            let token = variable("GITLAB_TOKEN")
            guard let project = options.value("project") ?? variable("CI_PROJECT_ID"), !project.isEmpty else {
                throw .usage("give --project ID (or run where CI_PROJECT_ID is set)")
            }
            let iid = try options.int("merge-request", in: 1...Int(Int32.max)) ?? variable("CI_MERGE_REQUEST_IID").flatMap { Int($0) }
            guard let iid else { throw .usage("give --merge-request IID (or run in a merge request pipeline)") }
            let api = try apiRoot(variable("CI_API_V4_URL"), default: "https://gitlab.com/api/v4", variable: "CI_API_V4_URL")
            return Target(platform: GitLabComments(apiBase: api, project: project, mergeRequest: iid, token: token ?? "", client: client),
                          token: token, tokenVariable: "GITLAB_TOKEN", sha: sha ?? variable("CI_COMMIT_SHA"))
        case "azure-repos":
            // System.AccessToken reaches a script only when the step maps it: env: SYSTEM_ACCESSTOKEN: $(System.AccessToken).
            let bearer = variable("SYSTEM_ACCESSTOKEN")
            let pat = variable("AZURE_DEVOPS_EXT_PAT")
            guard let collectionText = variable("SYSTEM_COLLECTIONURI") else {
                throw .usage("set SYSTEM_COLLECTIONURI to the organization URL (https://dev.azure.com/ORG/); Azure Pipelines sets it")
            }
            let collection = try apiRoot(collectionText, default: "", variable: "SYSTEM_COLLECTIONURI")
            guard let project = options.value("project") ?? variable("SYSTEM_TEAMPROJECT") else {
                throw .usage("give --project NAME (or run where SYSTEM_TEAMPROJECT is set)")
            }
            guard let repository = options.value("repository") ?? variable("BUILD_REPOSITORY_ID") ?? variable("BUILD_REPOSITORY_NAME") else {
                throw .usage("give --repository ID-OR-NAME (or run where BUILD_REPOSITORY_ID is set)")
            }
            let number = try options.int("pull-request", in: 1...Int(Int32.max)) ?? variable("SYSTEM_PULLREQUEST_PULLREQUESTID").flatMap { Int($0) }
            guard let number else { throw .usage("give --pull-request N (or run in a pull request build: SYSTEM_PULLREQUEST_PULLREQUESTID)") }
            return Target(platform: AzureReposComments(collection: collection, project: project, repository: repository, pullRequest: number,
                                                       token: bearer ?? pat ?? "", basic: bearer == nil && pat != nil, client: client),
                          token: bearer ?? pat, tokenVariable: "SYSTEM_ACCESSTOKEN (env: SYSTEM_ACCESSTOKEN: $(System.AccessToken))",
                          sha: sha ?? variable("SYSTEM_PULLREQUEST_SOURCECOMMITID") ?? variable("BUILD_SOURCEVERSION"))
        case "bitbucket":
            let token = variable("BITBUCKET_TOKEN")
            let fromEnvironment = variable("BITBUCKET_WORKSPACE").flatMap { workspace in variable("BITBUCKET_REPO_SLUG").map { workspace + "/" + $0 } }
            guard let repository = options.value("repository") ?? fromEnvironment, isSlug(repository) else {
                throw .usage("give --repository WORKSPACE/SLUG (or run where BITBUCKET_WORKSPACE and BITBUCKET_REPO_SLUG are set)")
            }
            let number = try options.int("pull-request", in: 1...Int(Int32.max)) ?? variable("BITBUCKET_PR_ID").flatMap { Int($0) }
            guard let number else { throw .usage("give --pull-request N (or run in a pull-requests pipeline: BITBUCKET_PR_ID)") }
            let api = try apiRoot(variable("BITBUCKET_API_URL"), default: "https://api.bitbucket.org/2.0", variable: "BITBUCKET_API_URL")
            return Target(platform: BitbucketComments(apiBase: api, repository: repository, pullRequest: number, token: token ?? "",
                                                      username: variable("BITBUCKET_USERNAME"), client: client),
                          token: token, tokenVariable: "BITBUCKET_TOKEN", sha: sha ?? variable("BITBUCKET_COMMIT"))
        default:
            throw .unknown("platform", name, in: "comment", known: platforms)
        }
    }

    /// `owner/name` with no character that could leave the path.
    private static func isSlug(_ text: String) -> Bool {
        text.split(separator: "/", omittingEmptySubsequences: false).count == 2
            && text.split(separator: "/").allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./".contains($0)) }
    }

    /// The pull request event GitHub Actions saved, if any.
    private static func githubEvent(_ environment: [String: String]) throws(CostGateError) -> JSONValue? {
        guard let path = environment["GITHUB_EVENT_PATH"], !path.isEmpty, let data = FileManager.default.contents(atPath: path) else { return nil }
        return try JSONParser.parse([UInt8](data), file: path)
    }

    /// An API root from the environment: http(s), no trailing slash.
    private static func apiRoot(_ value: String?, default fallback: String, variable: String) throws(CostGateError) -> String {
        var root = value ?? fallback
        while root.hasSuffix("/") { root.removeLast() }
        guard let url = URL(string: root), url.scheme == "https" || url.scheme == "http", url.host != nil else {
            throw .usage("\(variable) must be an http(s) URL")
        }
        return root
    }
}
