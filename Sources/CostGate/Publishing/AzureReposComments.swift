import Foundation

/// The comments of one Azure Repos pull request over the Azure DevOps REST API (threads, api-version 7.1).
///
/// costgate's comment is the first comment of a thread it created; threads are created `closed` (as
/// Infracost does) so a "resolve all comments" branch policy is not blocked by a report. Azure DevOps
/// cannot collapse a comment, so `hide-and-new` is refused.
struct AzureReposComments: CommentPlatform {
    let service = "Azure Repos"
    let limit = 150_000
    let canHide = false
    let markerStyle = CommentMarker.Style.linkReference
    /// The organization URL without a trailing slash (`https://dev.azure.com/acme`, `SYSTEM_COLLECTIONURI`).
    var collection: String
    /// The team project's name or id.
    var project: String
    /// The repository's id or name.
    var repository: String
    var pullRequest: Int
    var session: RESTSession

    var target: String { "pull request \(pullRequest) in \(project)/\(repository)" }

    /// Creates the client; `basic` sends the token as a personal access token (HTTP Basic), else as a Bearer
    /// token (`System.AccessToken`).
    init(collection: String, project: String, repository: String, pullRequest: Int, token: String, basic: Bool, client: HTTPClient) {
        self.collection = collection
        self.project = project
        self.repository = repository
        self.pullRequest = pullRequest
        let authorization = basic ? "Basic " + Data((":" + token).utf8).base64EncodedString() : "Bearer " + token
        session = RESTSession(service: "Azure Repos", headers: ["Authorization": authorization],
                              unauthorized: "map the job's token into the step (env: SYSTEM_ACCESSTOKEN: $(System.AccessToken)), "
                                  + "or set AZURE_DEVOPS_EXT_PAT to a personal access token with the Code (Read & write) scope",
                              forbidden: "the pipeline's build service identity needs \"Contribute to pull requests\" on the repository "
                                  + "(Project settings > Repositories > Security), or the PAT needs Code (Read & write)", client: client)
    }

    private static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    private func url(_ path: String, query: String = "") -> URL {
        URL(string: collection + "/" + Self.encode(project) + "/_apis/git/repositories/" + Self.encode(repository)
            + "/pullRequests/\(pullRequest)/threads" + path + "?api-version=7.1" + (query.isEmpty ? "" : "&" + query))!
    }

    /// A comment's REST id is `thread/comment`.
    private func parts(_ comment: HostedComment) -> (thread: String, comment: String) {
        let pair = comment.id.split(separator: "/", maxSplits: 1).map(String.init)
        return (pair.first ?? "", pair.count > 1 ? pair[1] : "1")
    }

    func currentUser() throws(CostGateError) -> String? {
        // connectionData names the identity behind the token; without it, the build service's comments are ours.
        guard let answer = try? session.call("GET", URL(string: collection + "/_apis/connectionData")!) else { return nil }
        return answer.json["authenticatedUser"]?["id"]?.stringValue
    }

    func comments() throws(CostGateError) -> [HostedComment] {
        var all: [HostedComment] = []
        var continuation: String?
        for _ in 1...1_000 {
            let query = continuation.map { "continuationToken=" + Self.encode($0) } ?? ""
            let answer = try session.call("GET", url("", query: query))
            for thread in answer.json["value"]?.arrayValue ?? [] where thread["isDeleted"]?.boolValue != true {
                // The thread's opening comment is the report; replies are people's.
                let first = (thread["comments"]?.arrayValue ?? []).first { ($0["parentCommentId"]?.doubleValue ?? 0) == 0 }
                guard let first, first["isDeleted"]?.boolValue != true, let threadID = thread["id"]?.doubleValue,
                      let commentID = first["id"]?.doubleValue else { continue }
                let author = first["author"]
                all.append(HostedComment(id: "\(Int(threadID))/\(Int(commentID))", nodeID: "", author: author?["id"]?.stringValue ?? "",
                                         authorIsBot: author?["displayName"]?.stringValue?.contains("Build Service") == true,
                                         body: first["content"]?.stringValue ?? ""))
            }
            continuation = answer.headers["x-ms-continuationtoken"].flatMap { $0.isEmpty ? nil : $0 }
            if continuation == nil { break }
        }
        return all
    }

    func create(body: String) throws(CostGateError) {
        // commentType 1 is text; status 4 is closed.
        let comment = JSONValue.object([("parentCommentId", .number(0)), ("content", .string(body)), ("commentType", .number(1))])
        try session.call("POST", url(""), body: .object([("comments", .array([comment])), ("status", .number(4))]))
    }

    func update(_ comment: HostedComment, body: String) throws(CostGateError) {
        let (thread, id) = parts(comment)
        try session.call("PATCH", url("/\(thread)/comments/\(id)"), body: .object([("content", .string(body))]))
    }

    func delete(_ comment: HostedComment) throws(CostGateError) {
        let (thread, id) = parts(comment)
        try session.call("DELETE", url("/\(thread)/comments/\(id)"))
    }

    func hide(_ comment: HostedComment) throws(CostGateError) {
        throw .usage("Azure Repos cannot hide comments; use --behavior delete-and-new")
    }
}
