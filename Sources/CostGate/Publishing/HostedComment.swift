/// A comment or note as a code host lists it.
struct HostedComment: Sendable, Equatable {
    /// The REST id.
    var id: String
    /// GitHub's GraphQL node id (for hiding), empty elsewhere.
    var nodeID: String
    /// Who wrote it: a login or a user id, as the host's `currentUser` answers.
    var author: String
    /// Whether the author is a bot account (GitHub Actions' `github-actions[bot]`).
    var authorIsBot: Bool
    /// The Markdown body.
    var body: String
}
