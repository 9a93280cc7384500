/// The validation summary as JSON, for editors and hooks.
public struct ValidationJSONRenderer: ReportRenderer {
    /// Creates the renderer.
    public init() {}

    /// Renders `summary` as JSON.
    public func render(_ summary: ValidationSummary) -> String {
        JSONWriter.write(.object([
            ("valid", .bool(true)),
            ("plan", .string(summary.planFile)),
            ("traffic", .string(summary.trafficSource)),
            ("records", .number(Double(summary.records))),
            ("skipped_records", .number(Double(summary.skippedRecords))),
            ("routes", .array(summary.routes.map(JSONValue.string))),
            ("tag_keys", .array(summary.tagKeys.map(JSONValue.string))),
            ("policies", .number(Double(summary.policies))),
            ("candidates", .array(summary.candidates.map(JSONValue.string))),
            ("warnings", .array(summary.warnings.map(JSONValue.string))),
        ]))
    }
}
