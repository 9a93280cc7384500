import Foundation

/// The comments of one GitHub pull request: REST v3 for listing and writing, GraphQL `minimizeComment` for
/// hiding. `GITHUB_API_URL` and `GITHUB_GRAPHQL_URL` point it at GitHub Enterprise.
struct GitHubComments: CommentPlatform {
    let service = "GitHub"
    let limit = 65_536
    let canHide = true
    let markerStyle = CommentMarker.Style.htmlComment
    /// The REST API root without a trailing slash (`https://api.github.com`).
    var apiBase: String
    /// `https://api.github.com/graphql`.
    var graphQLURL: URL
    /// `owner/name`.
    var repository: String
    var pullRequest: Int
    var session: RESTSession

    var target: String { "pull request #\(pullRequest) in \(repository)" }

    init(apiBase: String, graphQLURL: URL, repository: String, pullRequest: Int, token: String, client: HTTPClient) {
        self.apiBase = apiBase
        self.graphQLURL = graphQLURL
        self.repository = repository
        self.pullRequest = pullRequest
        session = RESTSession(service: "GitHub",
                              headers: ["Authorization": "Bearer " + token, "Accept": "application/vnd.github+json",
                                        "X-GitHub-Api-Version": "2022-11-28"],
                              unauthorized: "set GITHUB_TOKEN to a valid token",
                              forbidden: "the token needs `pull-requests: write` (and `issues: write`) in the workflow's `permissions`; "
                                  + "pull requests from forks get a read-only token", client: client)
    }

    private func url(_ path: String, query: String = "") -> URL {
        URL(string: apiBase + path + (query.isEmpty ? "" : "?" + query))!
    }

    func currentUser() throws(CostGateError) -> String? {
        // An Actions token may not read /user (403); then only the marker and the bot author identify ours.
        guard let answer = try? session.call("GET", url("/user")) else { return nil }
        return answer.json["login"]?.stringValue
    }

    func comments() throws(CostGateError) -> [HostedComment] {
        var all: [HostedComment] = []
        for page in 1...1_000 {
            let answer = try session.call("GET", url("/repos/\(repository)/issues/\(pullRequest)/comments", query: "per_page=100&page=\(page)"))
            let items = answer.json.arrayValue ?? []
            for item in items {
                let id = item["id"]?.doubleValue.map { String(Int($0)) } ?? ""
                all.append(HostedComment(id: id, nodeID: item["node_id"]?.stringValue ?? "", author: item["user"]?["login"]?.stringValue ?? "",
                                         authorIsBot: item["user"]?["type"]?.stringValue == "Bot", body: item["body"]?.stringValue ?? ""))
            }
            let more = answer.headers["link"].map { $0.contains("rel=\"next\"") } ?? (items.count == 100)
            if items.isEmpty || !more { break }
        }
        return all
    }

    func create(body: String) throws(CostGateError) {
        try session.call("POST", url("/repos/\(repository)/issues/\(pullRequest)/comments"), body: .object([("body", .string(body))]))
    }

    func update(_ comment: HostedComment, body: String) throws(CostGateError) {
        try session.call("PATCH", url("/repos/\(repository)/issues/comments/\(comment.id)"), body: .object([("body", .string(body))]))
    }

    func delete(_ comment: HostedComment) throws(CostGateError) {
        try session.call("DELETE", url("/repos/\(repository)/issues/comments/\(comment.id)"))
    }

    func hide(_ comment: HostedComment) throws(CostGateError) {
        let query = "mutation($id: ID!) { minimizeComment(input: {subjectId: $id, classifier: OUTDATED}) { minimizedComment { isMinimized } } }"
        let answer = try session.call("POST", graphQLURL, body: .object([("query", .string(query)), ("variables", .object([("id", .string(comment.nodeID))]))]))
        if let errors = answer.json["errors"]?.arrayValue, !errors.isEmpty {
            throw .remote(service: service, reason: "GraphQL minimizeComment failed: " + (errors[0]["message"]?.stringValue ?? "unknown error"))
        }
    }
}
