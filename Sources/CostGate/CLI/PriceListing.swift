/// The rows `costgate prices` prints, rendered as an aligned text table, JSON or CSV.
struct PriceListing {
    /// The output formats `costgate prices --format` accepts, in the order help lists them.
    enum Format: String, CaseIterable {
        case text, json, csv
    }

    /// The rows, in id order.
    var models: [ModelPrice]

    /// Renders the rows in `format`.
    func render(_ format: Format) -> String {
        switch format {
        case .text: return text()
        case .json: return JSONWriter.write(json())
        case .csv: return csv()
        }
    }

    // MARK: Text

    /// An aligned table, USD per 1M tokens rounded only as far as the price has digits.
    func text() -> String {
        let header = ["ID", "INPUT", "CACHED", "WRITE", "OUTPUT", "BATCH IN/OUT", "LONG CONTEXT", "CONTEXT",
                      "TOKENIZER", "DATE", "SOURCE"]
        let rightAligned: Set<Int> = [1, 2, 3, 4, 5, 7]
        var rows = [header]
        for model in models {
            rows.append([
                model.id,
                Money.formatRate(model.rates.input),
                model.rates.cachedInput.map(Money.formatRate) ?? "-",
                model.rates.cacheWrite.map(Money.formatRate) ?? "-",
                Money.formatRate(model.rates.output),
                model.batchRates.map { Money.formatRate($0.input) + "/" + Money.formatRate($0.output) } ?? "-",
                model.longContext.map(Self.longContextCell) ?? "-",
                model.contextWindow.map { Money.formatCount(Double($0)) } ?? "-",
                Self.tokenizerCell(model),
                model.date,
                model.source,
            ])
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var output = "Prices in USD per 1M tokens. CACHED is a cache read, WRITE a cache write; LONG CONTEXT is\n"
            + "input/cached/output for a whole request whose input is above the threshold.\n\n"
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
        output += "\n\(models.count) model\(models.count == 1 ? "" : "s"). Tokenizer 'est.' rows count with the named"
            + " encoding times the ratio; see docs/prices.md.\n"
        return output
    }

    private static func longContextCell(_ tier: ModelPrice.LongContextTier) -> String {
        let threshold = tier.threshold % 1000 == 0 ? "\(tier.threshold / 1000)k" : Money.formatCount(Double(tier.threshold))
        let cached = tier.rates.cachedInput.map(Money.formatRate) ?? "-"
        return ">\(threshold): " + Money.formatRate(tier.rates.input) + "/" + cached + "/" + Money.formatRate(tier.rates.output)
    }

    private static func tokenizerCell(_ model: ModelPrice) -> String {
        if model.tokenizerExact { return model.encoding + " exact" }
        return model.encoding + " x" + JSONWriter.format(model.tokenizerRatio) + " est."
    }

    // MARK: JSON

    /// A list of objects, one per model, with every rate as the exact decimal it is held as.
    func json() -> JSONValue {
        .array(models.map { model in
            .object([
                ("id", .string(model.id)),
                ("provider", .string(model.provider)),
                ("model", .string(model.name)),
                ("aliases", .array(model.aliases.map(JSONValue.string))),
                ("input_per_mtok", Self.number(model.rates.input)),
                ("cached_input_per_mtok", Self.number(model.rates.cachedInput)),
                ("cache_write_per_mtok", Self.number(model.rates.cacheWrite)),
                ("output_per_mtok", Self.number(model.rates.output)),
                ("reasoning_per_mtok", Self.number(model.rates.reasoning ?? model.rates.output)),
                ("batch", model.batchRates.map { batch in
                    .object([("input_per_mtok", Self.number(batch.input)), ("output_per_mtok", Self.number(batch.output))])
                } ?? .null),
                ("long_context", model.longContext.map { tier in
                    .object([
                        ("threshold", .number(Double(tier.threshold), text: String(tier.threshold))),
                        ("input_per_mtok", Self.number(tier.rates.input)),
                        ("cached_input_per_mtok", Self.number(tier.rates.cachedInput)),
                        ("cache_write_per_mtok", Self.number(tier.rates.cacheWrite)),
                        ("output_per_mtok", Self.number(tier.rates.output)),
                    ])
                } ?? .null),
                ("context_window", model.contextWindow.map { .number(Double($0), text: String($0)) } ?? .null),
                ("tokenizer", .object([
                    ("encoding", .string(model.encoding)),
                    ("ratio", .number(model.tokenizerRatio)),
                    ("exact", .bool(model.tokenizerExact)),
                ])),
                ("date", .string(model.date)),
                ("source", .string(model.source)),
            ])
        })
    }

    /// A rate as a JSON number written with exactly the digits it is held with (`0.075`, `10`).
    static func number(_ rate: Rate?) -> JSONValue {
        guard let rate else { return .null }
        return .number(rate.perMillion, text: decimal(rate))
    }

    /// USD per 1M tokens as a plain decimal with no trailing zeros, from the exact micro-USD count.
    static func decimal(_ rate: Rate) -> String {
        let micros = rate.picodollarsPerToken
        let whole = String(micros / 1_000_000)
        var fraction = String(micros % 1_000_000)
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return fraction.isEmpty ? whole : whole + "." + fraction
    }

    // MARK: CSV

    /// RFC 4180 CSV with a header row; empty cells where a rate does not apply.
    func csv() -> String {
        let header = ["id", "input_per_mtok", "cached_input_per_mtok", "cache_write_per_mtok", "output_per_mtok",
                      "reasoning_per_mtok", "batch_input_per_mtok", "batch_output_per_mtok", "long_context_threshold",
                      "long_context_input_per_mtok", "long_context_cached_input_per_mtok",
                      "long_context_output_per_mtok", "context_window", "tokenizer_encoding", "tokenizer_ratio",
                      "tokenizer_exact", "date", "source", "aliases"]
        var lines = [header.joined(separator: ",")]
        for model in models {
            let cells: [String] = [
                model.id,
                Self.decimal(model.rates.input),
                model.rates.cachedInput.map(Self.decimal) ?? "",
                model.rates.cacheWrite.map(Self.decimal) ?? "",
                Self.decimal(model.rates.output),
                Self.decimal(model.rates.reasoning ?? model.rates.output),
                model.batchRates.map { Self.decimal($0.input) } ?? "",
                model.batchRates.map { Self.decimal($0.output) } ?? "",
                model.longContext.map { String($0.threshold) } ?? "",
                model.longContext.map { Self.decimal($0.rates.input) } ?? "",
                model.longContext?.rates.cachedInput.map(Self.decimal) ?? "",
                model.longContext.map { Self.decimal($0.rates.output) } ?? "",
                model.contextWindow.map { String($0) } ?? "",
                model.encoding,
                JSONWriter.format(model.tokenizerRatio),
                model.tokenizerExact ? "true" : "false",
                model.date,
                model.source,
                model.aliases.joined(separator: " "),
            ]
            lines.append(cells.map(Self.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
