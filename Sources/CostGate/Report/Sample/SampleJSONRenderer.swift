/// The sample summary as JSON, with every stratum.
public struct SampleJSONRenderer: ReportRenderer {
    /// Creates the renderer.
    public init() {}

    /// Renders `summary` as JSON.
    public func render(_ summary: SampleSummary) -> String {
        JSONWriter.write(.object([
            ("output", .string(summary.output)),
            ("records", .number(Double(summary.total))),
            ("kept", .number(Double(summary.sample.indices.count))),
            ("rate", .number(summary.rate)),
            ("seed", .string(String(summary.seed))),
            ("keys", .array(summary.keys.map(JSONValue.string))),
            ("strata", .array(summary.sample.strata.map { stratum in
                .object([
                    ("key", .array(stratum.key.map(JSONValue.string))),
                    ("records", .number(Double(stratum.population))),
                    ("kept", .number(Double(stratum.kept))),
                    ("cost_sd_usd", .number(stratum.standardDeviation)),
                ])
            })),
        ]))
    }
}
