import Foundation

/// JSON over HTTP for one code host: builds requests with the host's headers, sends them through
/// `HTTPClient`, and turns refusals into messages that name the missing permission (never the token).
struct RESTSession: Sendable {
    /// The host's name in messages.
    var service: String
    /// Headers sent with every request, the credential among them.
    var headers: [String: String]
    /// What to tell the user a 401 or 403 means on this host.
    var unauthorized: String
    var forbidden: String
    var client: HTTPClient

    /// Sends `method url` with an optional JSON body and returns the parsed answer (null for an empty one).
    /// - Throws: `CostGateError.remote` for any status outside 2xx.
    @discardableResult
    func call(_ method: String, _ url: URL, body: JSONValue? = nil) throws(CostGateError) -> (json: JSONValue, headers: [String: String]) {
        var all = headers
        all["Accept"] = all["Accept"] ?? "application/json"
        all["User-Agent"] = "costgate/\(CLI.version)"
        if body != nil { all["Content-Type"] = "application/json" }
        let request = HTTPClient.Request(method: method, url: url, headers: all, body: body.map { Data(JSONWriter.write($0).utf8) })
        let response = try client.send(request, service: service)
        let path = url.path
        // Azure DevOps answers a rejected credential with 203 and a sign-in page rather than 401.
        if response.status == 203, (try? JSONParser.parse([UInt8](response.body))) == nil {
            throw .remote(service: service, reason: "the token was rejected (203 sign-in page on \(method) \(path)): \(unauthorized)")
        }
        switch response.status {
        case 200..<300:
            if response.body.isEmpty { return (.null, response.headers) }
            do {
                return (try JSONParser.parse([UInt8](response.body)), response.headers)
            } catch {
                throw .remote(service: service, reason: "\(method) \(path) answered with something that is not JSON")
            }
        case 401:
            throw .remote(service: service, reason: "the token was rejected (401 on \(method) \(path)): \(unauthorized)")
        case 403:
            throw .remote(service: service, reason: "the token lacks a permission (403 on \(method) \(path)): \(forbidden)")
        case 404:
            throw .remote(service: service, reason: "not found (404 on \(method) \(path)): check the repository or project and the request number, and that the token can read them")
        default:
            throw .remote(service: service, reason: "HTTP \(response.status) on \(method) \(path)")
        }
    }
}
