import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A blocking HTTP client over Foundation's `URLSession` that retries what a code host asks to retry.
///
/// 5xx answers, 429 and GitHub's secondary rate limit (403 with `Retry-After` or "secondary rate limit" in
/// the body) are retried with exponential backoff; `Retry-After` is honoured up to 60 seconds. The token
/// travels only in the headers given; nothing here prints a request.
struct HTTPClient: Sendable {
    /// One request.
    struct Request: Sendable {
        /// `GET`, `POST`, `PATCH`, `PUT` or `DELETE`.
        var method: String
        /// The full URL.
        var url: URL
        /// Headers, the credential among them.
        var headers: [String: String]
        /// The JSON body, if any.
        var body: Data?
    }

    /// One answer.
    struct Response: Sendable {
        /// The HTTP status.
        var status: Int
        /// Headers, names lower-cased.
        var headers: [String: String]
        /// The body.
        var body: Data
    }

    /// How many times a request is sent at most.
    var attempts: Int
    /// The first backoff; each retry doubles it.
    var initialDelay: Double
    /// How long one request may take.
    var timeout: Double

    /// Creates a client.
    init(attempts: Int = 4, initialDelay: Double = 1, timeout: Double = 30) {
        self.attempts = attempts
        self.initialDelay = initialDelay
        self.timeout = timeout
    }

    /// Sends `request`, retrying transient failures.
    /// - Throws: `CostGateError.remote` when the host cannot be reached after every attempt.
    /// - Returns: the last answer, whatever its status.
    func send(_ request: Request, service: String) throws(CostGateError) -> Response {
        var delay = initialDelay
        var attempt = 1
        while true {
            let outcome = once(request)
            switch outcome {
            case .success(let response):
                guard attempt < attempts, let wait = retryDelay(response, fallback: delay) else { return response }
                Thread.sleep(forTimeInterval: wait)
            case .failure(let reason):
                guard attempt < attempts else {
                    throw .remote(service: service, reason: "cannot reach \(request.url.host ?? "the API") (\(reason))")
                }
                Thread.sleep(forTimeInterval: delay)
            }
            attempt += 1
            delay *= 2
        }
    }

    /// How long to wait before retrying `response`, or nil when it is final.
    private func retryDelay(_ response: Response, fallback: Double) -> Double? {
        let retryAfter = response.headers["retry-after"].flatMap(Double.init).map { min($0, 60) }
        if response.status >= 500 || response.status == 429 { return retryAfter ?? fallback }
        if response.status == 403 {
            let text = String(decoding: response.body, as: UTF8.self).lowercased()
            if retryAfter != nil || text.contains("secondary rate limit") || response.headers["x-ratelimit-remaining"] == "0" {
                return retryAfter ?? fallback
            }
        }
        return nil
    }

    private enum Outcome: Sendable {
        case success(Response)
        case failure(String)
    }

    private final class Box: @unchecked Sendable {
        var outcome = Outcome.failure("no answer")
    }

    private func once(_ request: Request) -> Outcome {
        var urlRequest = URLRequest(url: request.url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        urlRequest.httpBody = request.body
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let session = URLSession(configuration: .ephemeral)
        let task = session.dataTask(with: urlRequest) { data, response, error in
            if let http = response as? HTTPURLResponse {
                var headers: [String: String] = [:]
                for (key, value) in http.allHeaderFields {
                    if let key = key as? String, let value = value as? String { headers[key.lowercased()] = value }
                }
                box.outcome = .success(Response(status: http.statusCode, headers: headers, body: data ?? Data()))
            } else {
                box.outcome = .failure(error.map { $0.localizedDescription } ?? "no HTTP answer")
            }
            done.signal()
        }
        task.resume()
        done.wait()
        session.finishTasksAndInvalidate()
        return box.outcome
    }
}
