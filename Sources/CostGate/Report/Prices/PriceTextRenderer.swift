/// The price catalog as an aligned table, USD per 1M tokens rounded only as far as each price has digits.
public struct PriceTextRenderer: ReportRenderer {
    /// Creates the renderer.
    public init() {}

    /// Renders `listing` as text.
    public func render(_ listing: PriceListing) -> String {
        let header = ["ID", "INPUT", "CACHED", "WRITE", "OUTPUT", "BATCH IN/OUT", "LONG CONTEXT", "CONTEXT",
                      "TOKENIZER", "DATE", "SOURCE"]
        let rightAligned: Set<Int> = [1, 2, 3, 4, 5, 7]
        var rows = [header]
        for model in listing.models {
            rows.append([
                model.id,
                Format.rate(model.rates.input),
                model.rates.cachedInput.map(Format.rate) ?? "-",
                model.rates.cacheWrite.map(Format.rate) ?? "-",
                Format.rate(model.rates.output),
                model.batchRates.map { Format.rate($0.input) + "/" + Format.rate($0.output) } ?? "-",
                model.longContext.map(Self.longContextCell) ?? "-",
                model.contextWindow.map { Format.count(Double($0)) } ?? "-",
                Self.tokenizerCell(model),
                model.date,
                model.source,
            ])
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var output = "Prices in USD per 1M tokens. CACHED is a cache read, WRITE a cache write; LONG CONTEXT is\n"
            + "input/cached/output for a whole request whose input is above the threshold.\n"
            + listing.sources.map { "Source: " + $0 + "\n" }.joined() + "\n"
        for row in rows {
            var line = ""
            for (column, cell) in row.enumerated() {
                if column > 0 { line += "  " }
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                line += rightAligned.contains(column) ? pad + cell : cell + pad
            }
            while line.hasSuffix(" ") { line.removeLast() }
            output += line + "\n"
        }
        output += "\n\(listing.models.count) model\(listing.models.count == 1 ? "" : "s"). Tokenizer 'est.' rows count with the named"
            + " encoding times the ratio; see Sources/CostGate/CostGate.docc/Prices.md.\n"
        return output
    }

    private static func longContextCell(_ tier: ModelPrice.LongContextTier) -> String {
        let threshold = tier.threshold % 1000 == 0 ? "\(tier.threshold / 1000)k" : Format.count(Double(tier.threshold))
        let cached = tier.rates.cachedInput.map(Format.rate) ?? "-"
        return ">\(threshold): " + Format.rate(tier.rates.input) + "/" + cached + "/" + Format.rate(tier.rates.output)
    }

    private static func tokenizerCell(_ model: ModelPrice) -> String {
        if model.tokenizerExact { return model.encoding + " exact" }
        return model.encoding + " x" + Format.decimal(model.tokenizerRatio) + " est."
    }
}
