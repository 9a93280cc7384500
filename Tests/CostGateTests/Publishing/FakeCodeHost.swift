import Foundation
import Synchronization
import CostGateTestSupport

/// A stand-in for GitHub's or GitLab's comment API, served by `LoopbackServer`: it keeps comments in memory,
/// pages them 100 at a time, checks the token, and can be told to fail the next requests.
final class FakeCodeHost: @unchecked Sendable {  // `server` is set once, in init, before any request.
    struct Comment: Sendable {
        var id: Int
        var author: String
        var bot: Bool
        var body: String
        var hidden = false
    }

    enum Flavor: Sendable { case github, gitlab }

    let flavor: Flavor
    let token = "tok-SECRET-123"
    /// The user the token belongs to; nil makes GitHub's /user answer 403, as for an Actions token.
    let user: String?
    private let state: Mutex<(comments: [Comment], nextID: Int, failures: [Int])>
    private(set) var server: LoopbackServer!

    init(_ flavor: Flavor, user: String?, comments: [Comment] = [], failures: [Int] = []) throws {
        self.flavor = flavor
        self.user = user
        state = Mutex((comments, (comments.map(\.id).max() ?? 0) + 1, failures))
        server = try LoopbackServer { [unowned self] request in self.answer(request) }
    }

    var comments: [Comment] { state.withLock { $0.comments } }
    var requests: [LoopbackServer.Request] { server.requests }

    private func json(_ value: Any, status: Int = 200, headers: [String: String] = [:]) -> LoopbackServer.Response {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])) ?? Data()
        return .init(status: status, headers: headers, body: String(decoding: data, as: UTF8.self))
    }

    private func answer(_ request: LoopbackServer.Request) -> LoopbackServer.Response {
        if let failure = state.withLock({ $0.failures.isEmpty ? nil : $0.failures.removeFirst() }) {
            return .init(status: failure, headers: failure == 403 ? ["Retry-After": "0"] : [:],
                         body: failure == 403 ? #"{"message": "You have exceeded a secondary rate limit"}"# : #"{"message": "boom"}"#)
        }
        let authorized: Bool
        if flavor == .github {
            authorized = request.headers["authorization"] == "Bearer " + token
        } else {
            authorized = request.headers["private-token"] == token
        }
        guard authorized else { return json(["message": "Bad credentials"], status: 401) }
        let path = request.path
        let body = (try? JSONSerialization.jsonObject(with: Data(request.body.utf8))) as? [String: Any]
        if path == "/user" || path == "/api/v4/user" {
            guard let user else { return json(["message": "Resource not accessible by integration"], status: 403) }
            if flavor == .github { return json(["login": user]) }
            return json(["id": Int(user) ?? 0, "username": "u"])
        }
        if path == "/graphql", request.method == "POST" {
            let variables = (body?["variables"] as? [String: Any]) ?? [:]
            let node = variables["id"] as? String ?? ""
            state.withLock { s in for i in s.comments.indices where "N\(s.comments[i].id)" == node { s.comments[i].hidden = true } }
            let minimized: [String: Any] = ["minimizedComment": ["isMinimized": true]]
            return json(["data": ["minimizeComment": minimized]])
        }
        let list = flavor == .github ? "/repos/acme/shop/issues/7/comments" : "/api/v4/projects/acme%2Fshop/merge_requests/7/notes"
        let single = flavor == .github ? "/repos/acme/shop/issues/comments/" : "/api/v4/projects/acme%2Fshop/merge_requests/7/notes/"
        let me = user ?? "github-actions[bot]"
        if path == list, request.method == "GET" {
            let page = Int(request.query("page") ?? "1") ?? 1
            let all = state.withLock { $0.comments }
            let slice = Array(all.dropFirst((page - 1) * 100).prefix(100))
            let more = all.count > page * 100
            let items: [[String: Any]] = slice.map { c -> [String: Any] in
                if flavor == .github {
                    let author: [String: Any] = ["login": c.author, "type": c.bot ? "Bot" : "User"]
                    return ["id": c.id, "node_id": "N\(c.id)", "body": c.body, "user": author]
                }
                let author: [String: Any] = ["id": Int(c.author) ?? -1, "bot": c.bot]
                return ["id": c.id, "body": c.body, "system": false, "author": author]
            }
            var headers: [String: String] = [:]
            if flavor == .github, more { headers["Link"] = "<\(server.url)\(list)?per_page=100&page=\(page + 1)>; rel=\"next\"" }
            if flavor == .gitlab { headers["X-Next-Page"] = more ? String(page + 1) : "" }
            return json(items, headers: headers)
        }
        if path == list, request.method == "POST", user == "read-only" {
            return json(["message": "Resource not accessible by integration"], status: 403)
        }
        if path == list, request.method == "POST" {
            let text = body?["body"] as? String ?? ""
            let id = state.withLock { s in
                s.comments.append(Comment(id: s.nextID, author: me, bot: user == nil, body: text))
                s.nextID += 1
                return s.nextID - 1
            }
            return json(["id": id], status: 201)
        }
        if path.hasPrefix(single), let id = Int(path.dropFirst(single.count)) {
            switch request.method {
            case "PATCH", "PUT":
                let text = body?["body"] as? String ?? ""
                state.withLock { s in for i in s.comments.indices where s.comments[i].id == id { s.comments[i].body = text } }
                return json(["id": id])
            case "DELETE":
                state.withLock { s in s.comments.removeAll { $0.id == id } }
                return .init(status: 204)
            default: break
            }
        }
        return json(["message": "Not Found"], status: 404)
    }
}
