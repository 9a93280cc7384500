/// The price catalog as RFC 4180 CSV with a header row; empty cells where a rate does not apply.
public struct PriceCSVRenderer: ReportRenderer {
    /// Creates the renderer.
    public init() {}

    /// Renders `listing` as CSV.
    public func render(_ listing: PriceListing) -> String {
        let header = ["id", "input_per_mtok", "cached_input_per_mtok", "cache_write_per_mtok", "output_per_mtok",
                      "reasoning_per_mtok", "batch_input_per_mtok", "batch_output_per_mtok", "long_context_threshold",
                      "long_context_input_per_mtok", "long_context_cached_input_per_mtok",
                      "long_context_output_per_mtok", "context_window", "tokenizer_encoding", "tokenizer_ratio",
                      "tokenizer_exact", "date", "source", "aliases"]
        var lines = [header.joined(separator: ",")]
        for model in listing.models {
            let cells: [String] = [
                model.id,
                Format.rateDecimal(model.rates.input),
                model.rates.cachedInput.map(Format.rateDecimal) ?? "",
                model.rates.cacheWrite.map(Format.rateDecimal) ?? "",
                Format.rateDecimal(model.rates.output),
                Format.rateDecimal(model.rates.reasoning ?? model.rates.output),
                model.batchRates.map { Format.rateDecimal($0.input) } ?? "",
                model.batchRates.map { Format.rateDecimal($0.output) } ?? "",
                model.longContext.map { String($0.threshold) } ?? "",
                model.longContext.map { Format.rateDecimal($0.rates.input) } ?? "",
                model.longContext?.rates.cachedInput.map(Format.rateDecimal) ?? "",
                model.longContext.map { Format.rateDecimal($0.rates.output) } ?? "",
                model.contextWindow.map { String($0) } ?? "",
                model.encoding,
                Format.decimal(model.tokenizerRatio),
                model.tokenizerExact ? "true" : "false",
                model.date,
                model.source,
                model.aliases.joined(separator: " "),
            ]
            lines.append(cells.map { CSV.field($0) }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
