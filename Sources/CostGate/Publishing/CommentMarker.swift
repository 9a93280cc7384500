import Foundation

/// The hidden line of a costgate comment: which tag it belongs to, and the commit and time it was written
/// for, so the right comment is found and an older run never overwrites a newer one.
///
/// `<!-- costgate tag=default sha=0123abc time=2026-01-02T03:04:05Z -->`
public struct CommentMarker: Sendable, Equatable {
    /// How a host's Markdown lets the marker be written so that readers do not see it, or see it least.
    public enum Style: Sendable {
        /// `<!-- costgate … -->` as the first line (GitHub, GitLab: HTML comments are not shown).
        case htmlComment
        /// `[//]: # (costgate …)` as the first line: a CommonMark link reference definition, which renders
        /// as nothing (Azure Repos, as Infracost writes its tag there).
        case linkReference
        /// `*(costgate …)*` as the last line, in small visible text: Bitbucket Cloud shows HTML comments and
        /// reference definitions literally.
        case footer

        fileprivate var opening: String {
            switch self {
            case .htmlComment: return "<!-- costgate "
            case .linkReference: return "[//]: # (costgate "
            case .footer: return "*(costgate "
            }
        }

        fileprivate var closing: String {
            switch self {
            case .htmlComment: return " -->"
            case .linkReference: return ")"
            case .footer: return ")*"
            }
        }
    }

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

    /// The marker as an HTML comment line.
    public var line: String { line(.htmlComment) }

    /// The marker line in `style`.
    public func line(_ style: Style) -> String {
        style.opening + "tag=\(tag) sha=\(sha.isEmpty ? "-" : sha) time=\(Self.iso(time))" + style.closing
    }

    /// `report` (its renderer's plain marker removed) with this marker where `style` puts it.
    public func attach(to report: String, style: Style) -> String {
        let rest = Self.strip(report, style: .htmlComment)
        switch style {
        case .htmlComment, .linkReference:
            return line(style) + "\n" + rest
        case .footer:
            var text = rest
            while text.hasSuffix("\n") { text.removeLast() }
            return text + "\n\n" + line(style) + "\n"
        }
    }

    /// The marker at the very start of `body` (the very end for `.footer`), or nil: a comment that merely
    /// quotes a marker is not ours. The plain `<!-- costgate -->` of the old CI templates counts as tag
    /// `default`, older than any run.
    public static func parse(_ body: String, style: Style = .htmlComment) -> CommentMarker? {
        if style == .htmlComment, body.hasPrefix("<!-- costgate -->") { return CommentMarker(tag: "default", sha: "", time: 0) }
        guard let line = markerLine(body, style: style), line.hasPrefix(style.opening), line.hasSuffix(style.closing),
              line.count >= style.opening.count + style.closing.count else { return nil }
        let inner = line.dropFirst(style.opening.count).dropLast(style.closing.count)
        var fields: [String: String] = [:]
        for part in inner.split(separator: " ") {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2 { fields[String(pair[0])] = String(pair[1]) }
        }
        guard let tag = fields["tag"], isValidTag(tag) else { return nil }
        let sha = fields["sha"] == "-" ? "" : fields["sha"] ?? ""
        return CommentMarker(tag: tag, sha: sha, time: fields["time"].flatMap(parseTime) ?? 0)
    }

    /// `body` with its costgate marker line (old `<!-- costgate -->` or new) removed, for comparing bodies.
    public static func strip(_ body: String, style: Style = .htmlComment) -> String {
        switch style {
        case .htmlComment:
            guard body.hasPrefix("<!-- costgate"), let end = body.range(of: "-->") else { return body }
            var rest = body[end.upperBound...]
            if rest.hasPrefix("\n") { rest = rest.dropFirst() }
            return String(rest)
        case .linkReference:
            guard parse(body, style: style) != nil else { return body }
            return String(body.drop { $0 != "\n" }.dropFirst())
        case .footer:
            guard parse(body, style: style) != nil else { return body }
            var text = body
            while text.hasSuffix("\n") { text.removeLast() }
            text = String(text[..<(text.lastIndex(of: "\n") ?? text.startIndex)])
            while text.hasSuffix("\n") { text.removeLast() }
            return text
        }
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

    /// The line where `style` puts the marker: the first, or the last non-empty one.
    private static func markerLine(_ body: String, style: Style) -> Substring? {
        switch style {
        case .htmlComment:
            guard body.hasPrefix(style.opening), let end = body.range(of: "-->") else { return nil }
            return body[..<end.upperBound]
        case .linkReference:
            return body.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first
        case .footer:
            var text = Substring(body)
            while text.hasSuffix("\n") { text = text.dropLast() }
            return text.split(separator: "\n", omittingEmptySubsequences: false).last
        }
    }

    private static func parseTime(_ text: String) -> Int? {
        ISO8601DateFormatter().date(from: text).map { Int($0.timeIntervalSince1970) }
    }
}
