import Foundation

/// The comments of one Bitbucket Cloud pull request over REST 2.0, paged by following `next`.
///
/// Bitbucket's Markdown shows HTML comments literally, so the marker is a small last line instead; it
/// cannot hide comments, so `hide-and-new` is refused.
struct BitbucketComments: CommentPlatform {
    let service = "Bitbucket"
    let limit = 32_768
    let canHide = false
    let markerStyle = CommentMarker.Style.footer
    /// Bitbucket shows HTML tags as text.
    let rendersHTML = false
    /// The API root without a trailing slash (`https://api.bitbucket.org/2.0`).
    var apiBase: String
    /// `workspace/repo_slug`.
    var repository: String
    var pullRequest: Int
    var session: RESTSession

    var target: String { "pull request #\(pullRequest) in \(repository)" }

    /// Creates the client; with `username` the token is an app password or API token sent with HTTP Basic,
    /// else an access token sent as a Bearer token.
    init(apiBase: String, repository: String, pullRequest: Int, token: String, username: String?, client: HTTPClient) {
        self.apiBase = apiBase
        self.repository = repository
        self.pullRequest = pullRequest
        let authorization = username.map { "Basic " + Data(($0 + ":" + token).utf8).base64EncodedString() } ?? "Bearer " + token
        session = RESTSession(service: "Bitbucket", headers: ["Authorization": authorization],
                              unauthorized: "set BITBUCKET_TOKEN to a repository, project or workspace access token "
                                  + "(or BITBUCKET_USERNAME and an app password or API token in BITBUCKET_TOKEN)",
                              forbidden: "the token needs the `pullrequest:write` scope (access token: Pull requests > Write)", client: client)
    }

    private var pullRequestPath: String { apiBase + "/repositories/\(repository)/pullrequests/\(pullRequest)/comments" }

    func currentUser() throws(CostGateError) -> String? {
        guard let answer = try? session.call("GET", URL(string: apiBase + "/user")!) else { return nil }
        return answer.json["uuid"]?.stringValue
    }

    func comments() throws(CostGateError) -> [HostedComment] {
        var all: [HostedComment] = []
        var next = URL(string: pullRequestPath + "?pagelen=100")!
        for _ in 1...1_000 {
            let answer = try session.call("GET", next)
            for item in answer.json["values"]?.arrayValue ?? [] where item["deleted"]?.boolValue != true {
                // Replies and comments on a line of the diff are people's, never the report.
                guard item["parent"] == nil || item["parent"] == .null, item["inline"] == nil || item["inline"] == .null,
                      let id = item["id"]?.doubleValue else { continue }
                let user = item["user"]
                all.append(HostedComment(id: String(Int(id)), nodeID: "", author: user?["uuid"]?.stringValue ?? "",
                                         authorIsBot: user?["type"]?.stringValue == "app_user",
                                         body: item["content"]?["raw"]?.stringValue ?? ""))
            }
            // The token goes only where the comments are: a `next` on another host is not followed.
            guard let link = answer.json["next"]?.stringValue, link.hasPrefix(pullRequestPath + "?"), let url = URL(string: link) else { break }
            next = url
        }
        return all
    }

    func create(body: String) throws(CostGateError) {
        try session.call("POST", URL(string: pullRequestPath)!, body: .object([("content", .object([("raw", .string(body))]))]))
    }

    func update(_ comment: HostedComment, body: String) throws(CostGateError) {
        try session.call("PUT", URL(string: pullRequestPath + "/\(comment.id)")!, body: .object([("content", .object([("raw", .string(body))]))]))
    }

    func delete(_ comment: HostedComment) throws(CostGateError) {
        try session.call("DELETE", URL(string: pullRequestPath + "/\(comment.id)")!)
    }

    func hide(_ comment: HostedComment) throws(CostGateError) {
        throw .usage("Bitbucket cannot hide comments; use --behavior delete-and-new")
    }
}
