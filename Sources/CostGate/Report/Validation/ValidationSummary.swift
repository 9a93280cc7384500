/// What `costgate validate` prints about a valid plan: what it read and what it found.
public struct ValidationSummary: Sendable {
    /// The plan file, as displayed.
    public var planFile: String
    /// The traffic sample, as displayed.
    public var trafficSource: String
    /// Records read, and records skipped as unreadable.
    public var records: Int
    public var skippedRecords: Int
    /// The routes of the sample, sorted.
    public var routes: [String]
    /// The tag keys of the sample.
    public var tagKeys: [String]
    /// How many policies the plan has.
    public var policies: Int
    /// The plan's candidates, by name.
    public var candidates: [String]
    /// Warnings found while evaluating the plan.
    public var warnings: [String]

    /// Creates a summary.
    public init(planFile: String, trafficSource: String, records: Int, skippedRecords: Int, routes: [String], tagKeys: [String],
                policies: Int, candidates: [String], warnings: [String]) {
        self.planFile = planFile
        self.trafficSource = trafficSource
        self.records = records
        self.skippedRecords = skippedRecords
        self.routes = routes
        self.tagKeys = tagKeys
        self.policies = policies
        self.candidates = candidates
        self.warnings = warnings
    }
}
