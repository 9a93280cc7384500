import Foundation

/// The notes of one GitLab merge request over REST v4 (`CI_API_V4_URL`), with a `PRIVATE-TOKEN`.
struct GitLabComments: CommentPlatform {
    let service = "GitLab"
    let limit = 1_000_000
    let canHide = false
    let markerStyle = CommentMarker.Style.htmlComment
    /// The REST API root without a trailing slash (`https://api.github.com`).
    var apiBase: String
    /// The project id or its `group/name` path.
    var project: String
    var mergeRequest: Int
    var session: RESTSession

    var target: String { "merge request !\(mergeRequest) in project \(project)" }

    init(apiBase: String, project: String, mergeRequest: Int, token: String, client: HTTPClient) {
        self.apiBase = apiBase
        self.project = project
        self.mergeRequest = mergeRequest
        session = RESTSession(service: "GitLab", headers: ["PRIVATE-TOKEN": token],
                              unauthorized: "set GITLAB_TOKEN to a valid project or personal access token",
                              forbidden: "the token needs the `api` scope and at least the Reporter role on the project", client: client)
    }

    private func url(_ path: String, query: String = "") -> URL {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let id = project.addingPercentEncoding(withAllowedCharacters: allowed) ?? project
        return URL(string: apiBase + "/projects/\(id)/merge_requests/\(mergeRequest)" + path
                   + (query.isEmpty ? "" : "?" + query))!
    }

    func currentUser() throws(CostGateError) -> String? {
        let answer = try session.call("GET", URL(string: apiBase + "/user")!)
        return answer.json["id"]?.doubleValue.map { String(Int($0)) }
    }

    func comments() throws(CostGateError) -> [HostedComment] {
        var all: [HostedComment] = []
        for page in 1...1_000 {
            let answer = try session.call("GET", url("/notes", query: "per_page=100&page=\(page)&sort=asc&order_by=created_at"))
            let items = answer.json.arrayValue ?? []
            for item in items where item["system"]?.boolValue != true {
                all.append(HostedComment(id: item["id"]?.doubleValue.map { String(Int($0)) } ?? "", nodeID: "",
                                         author: item["author"]?["id"]?.doubleValue.map { String(Int($0)) } ?? "",
                                         authorIsBot: item["author"]?["bot"]?.boolValue == true, body: item["body"]?.stringValue ?? ""))
            }
            let next = answer.headers["x-next-page"]
            if items.isEmpty || next == nil && items.count < 100 || next == "" { break }
        }
        return all
    }

    func create(body: String) throws(CostGateError) {
        try session.call("POST", url("/notes"), body: .object([("body", .string(body))]))
    }

    func update(_ comment: HostedComment, body: String) throws(CostGateError) {
        try session.call("PUT", url("/notes/\(comment.id)"), body: .object([("body", .string(body))]))
    }

    func delete(_ comment: HostedComment) throws(CostGateError) {
        try session.call("DELETE", url("/notes/\(comment.id)"))
    }

    func hide(_ comment: HostedComment) throws(CostGateError) {
        throw .usage("GitLab cannot hide notes; use --behavior delete-and-new")
    }
}
