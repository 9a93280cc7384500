/// Token counts as JSON.
public struct TokenCountJSONRenderer: ReportRenderer {
    /// Creates the renderer.
    public init() {}

    /// Renders `listing` as JSON.
    public func render(_ listing: TokenCountListing) -> String {
        var members: [(key: String, value: JSONValue)] = [
            ("encoding", .string(listing.encoding.rawValue)),
            ("exact", .bool(listing.exact)),
        ]
        if !listing.exact { members.append(("ratio", .number(listing.ratio))) }
        members.append(("files", .array(listing.files.map { file in
            .object([("path", .string(file.path)), ("bytes", .number(Double(file.bytes))),
                     ("tokens", .number(Double(file.tokens)))])
        })))
        members.append(("total_tokens", .number(Double(listing.total))))
        return JSONWriter.write(.object(members))
    }
}
