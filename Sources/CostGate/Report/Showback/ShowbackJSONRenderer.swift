/// The breakdown as full-precision JSON, every group of every table.
public struct ShowbackJSONRenderer: ReportRenderer {
    /// Creates the renderer.
    public init() {}

    /// Renders `listing` as JSON.
    public func render(_ listing: ShowbackListing) -> String {
        let showback = listing.showback
        func row(_ row: Showback.Row) -> JSONValue {
            .object([
                ("value", .string(row.value)), ("records", .number(Double(row.records))), ("requests", .number(row.requests)),
                ("cost", .number(row.cost)), ("input_tokens", .number(row.inputTokens)), ("output_tokens", .number(row.outputTokens)),
                ("cost_per_request", row.costPerRequest.map { .number($0) } ?? .null),
                ("share", .number(showback.share(row) / 100)),
            ])
        }
        return JSONWriter.write(.object([
            ("schema_version", .number(1)), ("currency", .string("USD")), ("traffic", .string(showback.source)),
            ("window_hours", .number(showback.windowHours)), ("total", row(showback.total)),
            ("by", .object(showback.tables.map { ($0.key, JSONValue.array($0.rows.map(row))) })),
            ("unpriced", .array(showback.unpriced.map { .object([("model", .string($0.model)), ("records", .number(Double($0.records)))]) })),
        ]))
    }
}
