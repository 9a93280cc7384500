/// The breakdown as aligned tables for a terminal.
public struct ShowbackTextRenderer: ReportRenderer {
    /// Creates the renderer.
    public init() {}

    /// Renders `listing` as text.
    public func render(_ listing: ShowbackListing) -> String {
        let showback = listing.showback
        var text = listing.heading + "\n"
        for (key, rows) in showback.tables {
            text += "\nBy \(TextTable.clean(key)):\n"
            var table = TextTable([key, "cost", "share", "requests", "cost/request", "tokens/request", "cost/1K tokens"], rightAligned: Set(1...6))
            for row in listing.shown(rows) {
                table.add([TextTable.clean(row.value), Format.money(row.cost), Format.fixed(showback.share(row), digits: 1) + "%",
                           Format.count(row.requests), row.costPerRequest.map(Format.unitCost) ?? "n/a",
                           row.tokensPerRequest.map(Format.count) ?? "n/a", row.costPerThousandTokens.map(Format.unitCost) ?? "n/a"])
            }
            text += table.render()
            if listing.top > 0, rows.count > listing.top { text += "  (\(rows.count - listing.top) more)\n" }
        }
        for entry in showback.unpriced {
            text += "\nwarning: \(entry.records) record(s) of unpriced model '\(TextTable.clean(entry.model))' cost nothing here\n"
        }
        return text
    }
}
