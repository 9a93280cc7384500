import Foundation

/// The hidden first line of a costgate comment: which tag it belongs to, and the commit and time it was
/// written for, so the right comment is found and an older run never overwrites a newer one.
///
/// `<!-- costgate tag=default sha=0123abc time=2026-01-02T03:04:05Z -->`
public struct CommentMarker: Sendable, Equatable {
    /// Tells several costgate comments on one pull request apart (`--tag`).
    public var tag: String
    /// The head commit the report is for, or empty when unknown.
    public var sha: String
    /// When the run started, seconds since 1970.
    public var time: Int

    /// Creates a marker.
    public init(tag: String, sha: String, time: Int) {
        self.tag = tag
        self.sha = sha
        self.time = time
    }

    /// The marker as the comment's first line.
    public var line: String {
        "<!-- costgate tag=\(tag) sha=\(sha.isEmpty ? "-" : sha) time=\(Self.iso(time)) -->"
    }

    /// The marker at the very start of `body`, or nil: a comment that merely quotes a marker is not ours.
    /// The plain `<!-- costgate -->` of the old CI templates counts as tag `default`, older than any run.
    public static func parse(_ body: String) -> CommentMarker? {
        if body.hasPrefix("<!-- costgate -->") { return CommentMarker(tag: "default", sha: "", time: 0) }
        guard body.hasPrefix("<!-- costgate "), let end = body.range(of: "-->") else { return nil }
        let start = body.index(body.startIndex, offsetBy: 14)
        guard start <= end.lowerBound else { return nil }
        var fields: [String: String] = [:]
        for part in body[start..<end.lowerBound].split(separator: " ") {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2 { fields[String(pair[0])] = String(pair[1]) }
        }
        guard let tag = fields["tag"] else { return nil }
        let sha = fields["sha"] == "-" ? "" : fields["sha"] ?? ""
        return CommentMarker(tag: tag, sha: sha, time: fields["time"].flatMap(parseTime) ?? 0)
    }

    /// `body` with its costgate marker line (old `<!-- costgate -->` or new) removed, for comparing bodies.
    public static func strip(_ body: String) -> String {
        guard body.hasPrefix("<!-- costgate"), let end = body.range(of: "-->") else { return body }
        var rest = body[end.upperBound...]
        if rest.hasPrefix("\n") { rest = rest.dropFirst() }
        return String(rest)
    }

    /// Whether `tag` is usable: letters, digits, `.`, `_` and `-`, at most 64.
    public static func isValidTag(_ tag: String) -> Bool {
        !tag.isEmpty && tag.count <= 64 && tag.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)) }
    }

    static func iso(_ time: Int) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(time)))
    }

    private static func parseTime(_ text: String) -> Int? {
        ISO8601DateFormatter().date(from: text).map { Int($0.timeIntervalSince1970) }
    }
}
