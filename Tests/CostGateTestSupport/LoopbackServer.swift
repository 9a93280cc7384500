import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A tiny HTTP/1.1 server for end-to-end tests of the API clients: it listens on 127.0.0.1 only, on a port
/// the kernel picks, answers each request on its own connection (`Connection: close`) with `handler`, reads at
/// most 4 MiB a request, and stops by itself after `maxRequests` requests or `lifetime` seconds.
public final class LoopbackServer: Sendable {
    /// One request as received.
    public struct Request: Sendable {
        public var method: String
        /// The path with its query (`/repos/o/r/issues/1/comments?page=2`).
        public var target: String
        /// Header names lower-cased.
        public var headers: [String: String]
        public var body: String

        /// The path without the query.
        public var path: String { String(target.split(separator: "?", maxSplits: 1).first ?? "") }
        /// One query parameter.
        public func query(_ name: String) -> String? {
            guard let query = target.split(separator: "?", maxSplits: 1).dropFirst().first else { return nil }
            for pair in query.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.first.map(String.init) == name { return parts.count > 1 ? String(parts[1]) : "" }
            }
            return nil
        }
    }

    /// One answer.
    public struct Response: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: String
        public init(status: Int, headers: [String: String] = [:], body: String = "") {
            self.status = status
            self.headers = headers
            self.body = body
        }
    }

    /// The port it listens on.
    public let port: UInt16
    private let descriptor: Int32
    private let received = Mutex<[Request]>([])
    private let stopped = Mutex(false)

    /// `http://127.0.0.1:PORT`.
    public var url: String { "http://127.0.0.1:\(port)" }

    /// Every request received so far, in order.
    public var requests: [Request] { received.withLock { $0 } }

    /// Starts listening and serving on a background thread.
    public init(maxRequests: Int = 500, lifetime: Double = 60, handler: @escaping @Sendable (Request) -> Response) throws {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        descriptor = fd
        let deadline = Date().addingTimeInterval(lifetime)
        Thread.detachNewThread { [self] in
            var served = 0
            while served < maxRequests, !stopped.withLock({ $0 }) {
                let remaining = Int32(max(0, deadline.timeIntervalSinceNow) * 1000)
                if remaining == 0 { break }
                var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let ready = poll(&poller, 1, min(remaining, 200))
                if ready <= 0 { continue }
                let client = accept(fd, nil, nil)
                if client < 0 { continue }
                if let request = Self.read(client) {
                    received.withLock { $0.append(request) }
                    Self.write(handler(request), to: client)
                    served += 1
                }
                close(client)
            }
            close(fd)
        }
    }

    /// Stops accepting connections.
    public func stop() { stopped.withLock { $0 = true } }

    private static func read(_ client: Int32) -> Request? {
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let limit = 4 << 20
        var headerEnd: Int?
        var expected = 0
        while data.count < limit {
            let count = recv(client, &buffer, buffer.count, 0)
            if count <= 0 { break }
            data += buffer[0..<count]
            if headerEnd == nil, let end = find(data, [13, 10, 13, 10]) {
                headerEnd = end + 4
                let head = String(decoding: data[0..<end], as: UTF8.self)
                for line in head.split(separator: "\r\n").dropFirst() where line.lowercased().hasPrefix("content-length:") {
                    expected = Int(line.dropFirst(15).trimmingCharacters(in: .whitespaces)) ?? 0
                }
            }
            if let end = headerEnd, data.count >= end + expected { break }
        }
        guard let end = headerEnd else { return nil }
        let lines = String(decoding: data[0..<(end - 4)], as: UTF8.self).split(separator: "\r\n")
        let first = lines.first?.split(separator: " ") ?? []
        guard first.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let body = String(decoding: data[end..<min(data.count, end + expected)], as: UTF8.self)
        return Request(method: String(first[0]), target: String(first[1]), headers: headers, body: body)
    }

    private static func write(_ response: Response, to client: Int32) {
        let body = Array(response.body.utf8)
        var head = "HTTP/1.1 \(response.status) \(response.status < 400 ? "OK" : "Error")\r\nContent-Length: \(body.count)\r\nConnection: close\r\n"
        if response.headers["Content-Type"] == nil { head += "Content-Type: application/json\r\n" }
        for (name, value) in response.headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        let bytes = Array((head + "\r\n").utf8) + body
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count <= 0 { break }
            sent += count
        }
    }

    private static func find(_ data: [UInt8], _ needle: [UInt8]) -> Int? {
        guard data.count >= needle.count else { return nil }
        for index in 0...(data.count - needle.count) where data[index..<(index + needle.count)].elementsEqual(needle) { return index }
        return nil
    }
}
