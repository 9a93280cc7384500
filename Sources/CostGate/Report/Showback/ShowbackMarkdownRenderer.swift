/// The breakdown as Markdown tables (untrusted names escaped).
public struct ShowbackMarkdownRenderer: ReportRenderer {
    /// Creates the renderer.
    public init() {}

    /// Renders `listing` as Markdown.
    public func render(_ listing: ShowbackListing) -> String {
        let showback = listing.showback
        var text = MarkdownReportRenderer.marker + "\n### costgate showback\n\n" + listing.heading + "\n"
        for (key, rows) in showback.tables {
            text += "\n#### By \(Markdown.escape(key))\n\n"
            let cells = listing.shown(rows).map { row in
                [Markdown.escape(row.value), Format.money(row.cost), Format.fixed(showback.share(row), digits: 1) + "%", Format.count(row.requests),
                 row.costPerRequest.map(Format.unitCost) ?? "n/a", row.costPerThousandTokens.map(Format.unitCost) ?? "n/a"]
            }
            text += Markdown.table([Markdown.escape(key), "Cost", "Share", "Requests", "Cost / request", "Cost / 1K tokens"], cells,
                                   alignRight: Set(1...5))
        }
        for entry in showback.unpriced {
            text += "\n> ⚠️ \(entry.records) record(s) of unpriced model \(Markdown.escape(entry.model)) cost nothing here.\n"
        }
        return text
    }
}
