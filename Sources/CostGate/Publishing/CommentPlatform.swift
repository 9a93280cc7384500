/// One code host's comments on one pull or merge request, over its REST API.
protocol CommentPlatform: Sendable {
    /// The host's name in messages ("GitHub").
    var service: String { get }
    /// The longest body the host accepts, in characters.
    var limit: Int { get }
    /// Whether comments can be hidden (collapsed) rather than deleted.
    var canHide: Bool { get }
    /// How the marker is written so the host's Markdown hides it (or shows it least).
    var markerStyle: CommentMarker.Style { get }
    /// Whether the host renders the report's `<details>` and `<sub>` (false: they are rewritten as Markdown).
    var rendersHTML: Bool { get }
    /// What `--dry-run` names as the target ("PR #12 in owner/repo").
    var target: String { get }
    /// Who the token is, or nil when the host will not say (GitHub answers 403 for an Actions token).
    func currentUser() throws(CostGateError) -> String?
    /// Every comment, oldest first, across every page.
    func comments() throws(CostGateError) -> [HostedComment]
    /// Posts a new comment.
    func create(body: String) throws(CostGateError)
    /// Replaces a comment's body.
    func update(_ comment: HostedComment, body: String) throws(CostGateError)
    /// Deletes a comment.
    func delete(_ comment: HostedComment) throws(CostGateError)
    /// Hides (minimizes) a comment as outdated.
    func hide(_ comment: HostedComment) throws(CostGateError)
}

extension CommentPlatform {
    var rendersHTML: Bool { true }
}
