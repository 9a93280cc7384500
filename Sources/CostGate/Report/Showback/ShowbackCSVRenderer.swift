/// The breakdown as CSV: one row per (key, value), every group of every table.
public struct ShowbackCSVRenderer: ReportRenderer {
    /// Creates the renderer.
    public init() {}

    /// Renders `listing` as CSV.
    public func render(_ listing: ShowbackListing) -> String {
        var text = "key,value,records,requests,cost_usd,input_tokens,output_tokens,cost_per_request\n"
        for (key, rows) in listing.showback.tables {
            for row in rows {
                // Keys and values come from the traffic, so a spreadsheet must not run them as formulas.
                text += [CSV.field(key, neutralizingFormulas: true), CSV.field(row.value, neutralizingFormulas: true), String(row.records),
                         Format.decimal(row.requests), Format.decimal(row.cost), Format.decimal(row.inputTokens),
                         Format.decimal(row.outputTokens), row.costPerRequest.map(Format.decimal) ?? ""].joined(separator: ",") + "\n"
            }
        }
        return text
    }
}
