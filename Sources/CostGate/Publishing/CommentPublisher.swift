/// Puts one report on a pull or merge request the way `--behavior` says, without touching anyone else's
/// comments, without re-sending an unchanged body and without letting an older run overwrite a newer one.
struct CommentPublisher: Sendable {
    /// What to do with the comment costgate wrote before.
    enum Behavior: String, CaseIterable, Sendable {
        /// Edit the latest one in place (or post one).
        case update
        /// Always post a new one.
        case new
        /// Collapse the old ones as outdated, then post.
        case hideAndNew = "hide-and-new"
        /// Delete the old ones, then post.
        case deleteAndNew = "delete-and-new"
    }

    var platform: any CommentPlatform
    var behavior: Behavior
    var marker: CommentMarker
    /// Print what would be sent instead of sending it.
    var dryRun: Bool
    /// Read nothing from the host either (a dry run without a token): as if there were no comments yet.
    var offline = false
    /// Why this report does not deserve a new comment (`--comment-when`), or nil to post as usual. A quiet run
    /// posts nothing new but still keeps the thread truthful: `update` refreshes an existing comment, and
    /// `hide-and-new` / `delete-and-new` hide or delete the old ones.
    var quietReason: String?

    /// `report` with this run's marker where the host's style puts it, replacing the renderer's plain marker.
    func body(for report: String) -> String {
        marker.attach(to: platform.rendersHTML ? report : PlainMarkdown.rewrite(report), style: platform.markerStyle)
    }

    /// Publishes `report`.
    /// - Returns: one line per action, for the log.
    func publish(_ report: String) throws(CostGateError) -> [String] {
        let body = body(for: report)
        guard body.utf16.count <= platform.limit else {
            throw .usage("the report has \(body.utf16.count) characters and \(platform.service) takes at most \(platform.limit); "
                         + "render it with --max-comment-chars \(platform.limit - 200)")
        }
        if behavior == .hideAndNew, !platform.canHide {
            throw .usage("\(platform.service) cannot hide comments; use --behavior delete-and-new or update")
        }
        let user = offline ? nil : try platform.currentUser()
        let existing = offline ? [] : try platform.comments()
        let style = platform.markerStyle
        let ours = existing.own(style: style) { comment in
            guard let found = CommentMarker.parse(comment.body, style: style), found.tag == marker.tag else { return false }
            return user.map { comment.author == $0 } ?? comment.authorIsBot
        }
        if let newer = ours.first(where: { $0.time > marker.time && !marker.sha.isEmpty && $0.sha != marker.sha }) {
            return ["skipped: comment \(newer.comment.id) was written for a newer commit (\(newer.sha)); this run is for \(marker.sha)"]
        }
        var log: [String] = []
        if let quietReason { log.append("quiet: \(quietReason); no new comment") }
        switch behavior {
        case .update:
            if let latest = ours.last {
                // Hosts may store line ends as CRLF; the text is what counts.
                func text(_ body: String) -> String { CommentMarker.strip(body.replacingOccurrences(of: "\r\n", with: "\n"), style: style) }
                if text(latest.comment.body) == text(body) {
                    return log + ["unchanged: comment \(latest.comment.id) already says this; nothing sent"]
                }
                log.append(action("update comment \(latest.comment.id)", body: body))
                if !dryRun { try platform.update(latest.comment, body: body) }
                return log
            }
        case .new:
            if quietReason != nil { return log }
        case .hideAndNew:
            for old in ours {
                log.append(action("hide comment \(old.comment.id)", body: nil))
                if !dryRun { try platform.hide(old.comment) }
            }
        case .deleteAndNew:
            for old in ours {
                log.append(action("delete comment \(old.comment.id)", body: nil))
                if !dryRun { try platform.delete(old.comment) }
            }
        }
        if quietReason != nil { return log }
        log.append(action("create a comment", body: body))
        if !dryRun { try platform.create(body: body) }
        return log
    }

    private func action(_ what: String, body: String?) -> String {
        let line = (dryRun ? "would " : "") + what + " on \(platform.target)"
        guard dryRun, let body else { return line }
        return line + ":\n" + body
    }
}

extension Array where Element == HostedComment {
    /// Each comment with its marker's commit and time.
    fileprivate func own(style: CommentMarker.Style, _ isOurs: (HostedComment) -> Bool) -> [(comment: HostedComment, sha: String, time: Int)] {
        compactMap { comment in
            guard isOurs(comment), let marker = CommentMarker.parse(comment.body, style: style) else { return nil }
            return (comment, marker.sha, marker.time)
        }
    }
}
