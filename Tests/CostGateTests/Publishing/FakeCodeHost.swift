import Foundation
import Synchronization
import CostGateTestSupport

/// A stand-in for GitHub's, GitLab's, Azure Repos' or Bitbucket Cloud's comment API, served by
/// `LoopbackServer`: it keeps comments in memory, pages them 100 at a time (each host its own way), checks
/// the token, and can be told to fail the next requests.
final class FakeCodeHost: @unchecked Sendable {  // `server` is set once, in init, before any request.
    struct Comment: Sendable {
        var id: Int
        var author: String
        var bot: Bool
        var body: String
        var hidden = false
        /// Azure Repos keeps a deleted comment in its thread, marked deleted.
        var deleted = false
    }

    enum Flavor: Sendable { case github, gitlab, azure, bitbucket }

    let flavor: Flavor
    let token = "tok-SECRET-123"
    /// The user the token belongs to; nil makes the "who am I" endpoint answer 403, as for a GitHub Actions token.
    let user: String?
    /// Where Bitbucket's `next` link points; another host must not be followed.
    let nextBase: String?
    private let state: Mutex<(comments: [Comment], nextID: Int, failures: [Int])>
    private(set) var server: LoopbackServer!

    init(_ flavor: Flavor, user: String?, comments: [Comment] = [], failures: [Int] = [], nextBase: String? = nil) throws {
        self.flavor = flavor
        self.user = user
        self.nextBase = nextBase
        state = Mutex((comments, (comments.map(\.id).max() ?? 0) + 1, failures))
        server = try LoopbackServer { [unowned self] request in self.answer(request) }
    }

    var comments: [Comment] { state.withLock { $0.comments } }
    /// The comments not deleted.
    var live: [Comment] { comments.filter { !$0.deleted } }
    var requests: [LoopbackServer.Request] { server.requests }

    /// Each host's paths for the request's list of comments and for one comment (`single` + id).
    var list: String {
        switch flavor {
        case .github: return "/repos/acme/shop/issues/7/comments"
        case .gitlab: return "/api/v4/projects/acme%2Fshop/merge_requests/7/notes"
        case .azure: return "/acme/Shop%20Project/_apis/git/repositories/shop/pullRequests/7/threads"
        case .bitbucket: return "/2.0/repositories/acme/shop/pullrequests/7/comments"
        }
    }

    private var single: String {
        switch flavor {
        case .github: return "/repos/acme/shop/issues/comments/"
        case .gitlab, .azure, .bitbucket: return list + "/"
        }
    }

    private func json(_ value: Any, status: Int = 200, headers: [String: String] = [:]) -> LoopbackServer.Response {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])) ?? Data()
        return .init(status: status, headers: headers, body: String(decoding: data, as: UTF8.self))
    }

    private func authorized(_ request: LoopbackServer.Request) -> Bool {
        switch flavor {
        case .gitlab: return request.headers["private-token"] == token
        case .github: return request.headers["authorization"] == "Bearer " + token
        case .azure:
            // System.AccessToken as a Bearer token, or a personal access token with HTTP Basic and no user name.
            return request.headers["authorization"] == "Bearer " + token
                || request.headers["authorization"] == "Basic " + Data((":" + token).utf8).base64EncodedString()
        case .bitbucket:
            // An access token as a Bearer token, or a user name and an app password with HTTP Basic.
            return request.headers["authorization"] == "Bearer " + token
                || request.headers["authorization"] == "Basic " + Data(("ci-user:" + token).utf8).base64EncodedString()
        }
    }

    private func answer(_ request: LoopbackServer.Request) -> LoopbackServer.Response {
        if let failure = state.withLock({ $0.failures.isEmpty ? nil : $0.failures.removeFirst() }) {
            return .init(status: failure, headers: failure == 403 || failure == 429 ? ["Retry-After": "0"] : [:],
                         body: failure == 403 ? #"{"message": "You have exceeded a secondary rate limit"}"# : #"{"message": "boom"}"#)
        }
        guard authorized(request) else {
            // Azure DevOps answers a bad credential with a sign-in page.
            if flavor == .azure { return .init(status: 203, headers: ["Content-Type": "text/html"], body: "<html>Sign in</html>") }
            return json(["message": "Bad credentials"], status: 401)
        }
        let path = request.path
        let body = (try? JSONSerialization.jsonObject(with: Data(request.body.utf8))) as? [String: Any]
        if let who = whoAmI(path) { return who }
        if path == "/graphql", request.method == "POST" {
            let variables = (body?["variables"] as? [String: Any]) ?? [:]
            let node = variables["id"] as? String ?? ""
            state.withLock { s in for i in s.comments.indices where "N\(s.comments[i].id)" == node { s.comments[i].hidden = true } }
            let minimized: [String: Any] = ["minimizedComment": ["isMinimized": true]]
            return json(["data": ["minimizeComment": minimized]])
        }
        if path == list, request.method == "GET" { return page(request) }
        if path == list, request.method == "POST", user == "read-only" {
            return json(["message": "Resource not accessible by integration"], status: 403)
        }
        if path == list, request.method == "POST" { return create(body) }
        if path.hasPrefix(single), let id = commentID(String(path.dropFirst(single.count))) {
            switch request.method {
            case "PATCH", "PUT":
                let text = (flavor == .azure ? body?["content"] : flavor == .bitbucket ? (body?["content"] as? [String: Any])?["raw"] : body?["body"]) as? String ?? ""
                state.withLock { s in for i in s.comments.indices where s.comments[i].id == id { s.comments[i].body = text } }
                return json(["id": id])
            case "DELETE":
                state.withLock { s in
                    if flavor == .azure {
                        for i in s.comments.indices where s.comments[i].id == id { s.comments[i].deleted = true }
                    } else {
                        s.comments.removeAll { $0.id == id }
                    }
                }
                return .init(status: 204)
            default: break
            }
        }
        return json(["message": "Not Found"], status: 404)
    }

    /// The "who is this token" answer, or nil when `path` is not that endpoint.
    private func whoAmI(_ path: String) -> LoopbackServer.Response? {
        let endpoint: String
        switch flavor {
        case .github: endpoint = "/user"
        case .gitlab: endpoint = "/api/v4/user"
        case .azure: endpoint = "/acme/_apis/connectionData"
        case .bitbucket: endpoint = "/2.0/user"
        }
        guard path == endpoint else { return nil }
        guard let user else { return json(["message": "Resource not accessible by integration"], status: 403) }
        switch flavor {
        case .github: return json(["login": user])
        case .gitlab: return json(["id": Int(user) ?? 0, "username": "u"])
        case .azure: return json(["authenticatedUser": ["id": user, "providerDisplayName": "someone"]])
        case .bitbucket: return json(["uuid": user, "type": "user"])
        }
    }

    /// Azure's comment paths are `THREAD/comments/COMMENT`; the fake's threads hold one comment, id 1.
    private func commentID(_ rest: String) -> Int? {
        guard flavor == .azure else { return Int(rest) }
        let parts = rest.split(separator: "/")
        guard parts.count == 3, parts[1] == "comments", parts[2] == "1" else { return nil }
        return Int(parts[0])
    }

    private func page(_ request: LoopbackServer.Request) -> LoopbackServer.Response {
        let all = state.withLock { $0.comments }
        let index = flavor == .azure ? Int(request.query("continuationToken") ?? "0") ?? 0 : ((Int(request.query("page") ?? "1") ?? 1) - 1) * 100
        let slice = Array(all.dropFirst(index).prefix(100))
        let more = all.count > index + 100
        let items: [[String: Any]] = slice.map { c -> [String: Any] in
            switch flavor {
            case .github:
                let author: [String: Any] = ["login": c.author, "type": c.bot ? "Bot" : "User"]
                return ["id": c.id, "node_id": "N\(c.id)", "body": c.body, "user": author]
            case .gitlab:
                let author: [String: Any] = ["id": Int(c.author) ?? -1, "bot": c.bot]
                return ["id": c.id, "body": c.body, "system": false, "author": author]
            case .azure:
                let author: [String: Any] = ["id": c.author, "displayName": c.bot ? "Shop Build Service (acme)" : c.author]
                var comments: [[String: Any]] = [["id": 1, "parentCommentId": 0, "author": author, "content": c.body,
                                                  "commentType": "text", "isDeleted": c.deleted]]
                // A person's reply quoting the marker is in the same thread, never the report.
                comments.append(["id": 2, "parentCommentId": 1, "author": ["id": "someone"], "content": c.body, "commentType": "text"])
                return ["id": c.id, "status": "closed", "isDeleted": false, "comments": comments]
            case .bitbucket:
                let author: [String: Any] = ["uuid": c.author, "type": c.bot ? "app_user" : "user"]
                return ["id": c.id, "content": ["raw": c.body, "markup": "markdown"], "user": author, "deleted": false]
            }
        }
        var headers: [String: String] = [:]
        switch flavor {
        case .github:
            if more { headers["Link"] = "<\(server.url)\(list)?per_page=100&page=\(index / 100 + 2)>; rel=\"next\"" }
            return json(items, headers: headers)
        case .gitlab:
            headers["X-Next-Page"] = more ? String(index / 100 + 2) : ""
            return json(items, headers: headers)
        case .azure:
            if more { headers["x-ms-continuationtoken"] = String(index + 100) }
            return json(["count": items.count, "value": items], headers: headers)
        case .bitbucket:
            var page: [String: Any] = ["values": items, "pagelen": 100]
            if more { page["next"] = "\(nextBase ?? server.url)\(list)?pagelen=100&page=\(index / 100 + 2)" }
            return json(page)
        }
    }

    private func create(_ body: [String: Any]?) -> LoopbackServer.Response {
        let text: String
        switch flavor {
        case .azure:
            // The report opens a closed thread (status 4) so a "resolve all comments" policy is not blocked.
            guard body?["status"] as? Int == 4, let first = (body?["comments"] as? [[String: Any]])?.first,
                  first["parentCommentId"] as? Int == 0 else { return json(["message": "bad thread"], status: 400) }
            text = first["content"] as? String ?? ""
        case .bitbucket:
            text = (body?["content"] as? [String: Any])?["raw"] as? String ?? ""
        case .github, .gitlab:
            text = body?["body"] as? String ?? ""
        }
        let me = user ?? (flavor == .github ? "github-actions[bot]" : "build-service")
        let id = state.withLock { s in
            s.comments.append(Comment(id: s.nextID, author: me, bot: user == nil, body: text))
            s.nextID += 1
            return s.nextID - 1
        }
        return json(["id": id], status: flavor == .azure ? 200 : 201)
    }
}
