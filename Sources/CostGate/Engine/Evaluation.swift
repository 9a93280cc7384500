/// Everything a report shows: the baseline, each candidate against it, the policy results and the warnings.
public struct Evaluation: Sendable {
    /// The command that produced it (`check`, `whatif`).
    public var command: String
    /// The baseline forecast (the base plan, or the plan itself).
    public var baseline: Forecast
    /// The candidates, each compared with the baseline.
    public var candidates: [Candidate]
    /// Policy results for every candidate, in policy order then candidate order.
    public var policies: [PolicyResult]
    /// Warnings, deduplicated, in the order found.
    public var warnings: [String]
    /// Records skipped as unreadable (with `--skip-bad-records`).
    public var skippedRecords: Int
    /// Where the sample came from.
    public var trafficSource: String
    /// What the baseline was: the plan itself, a base plan file, the plan at a git ref, or the committed plan.
    public var baselineSource: BaselineSource
    /// Whether warnings fail the build.
    public var failOnWarn: Bool
    /// The head plan's path as CI tools should name it (relative to the repository), when known.
    public var planFile: String?
    /// The line of each policy's entry in `planFile`, by policy name, for annotations and Code Quality.
    public var policyLines: [String: Int] = [:]
    /// The simulator replayed on the base side's self-hosted records at their recorded load, per deployment.
    public var backtests: [Backtest] = []

    /// A candidate's forecast and its change against the baseline.
    public struct Candidate: Sendable {
        public var forecast: Forecast
        /// Every change against the baseline, totals and breakdown rows.
        public var comparison: Comparison
        /// Per route prompt sizes, base → head.
        public var promptChanges: [Replay.PromptChange]
        /// Routes that move from a token API (base) to a self-hosted fleet (this candidate).
        public var breakEven: [BreakEven] = []
    }

    /// Where a self-hosted fleet costs what the token API it replaces would.
    public struct BreakEven: Sendable {
        public var route: String
        public var deployment: String
        /// The base side's API cost per request on this route.
        public var apiCostPerRequest: Double
        /// The route's monthly cost on the fleet (its share of the fleet's GPU time).
        public var fleetMonthlyCost: Double
        /// Monthly requests at which the API would cost the same as the fleet does now.
        public var breakEvenRequests: Double
        /// The forecast monthly requests of the route.
        public var forecastRequests: Double
    }

    /// The outcome of one policy for one candidate.
    public struct PolicyResult: Sendable {
        public var policy: Policy
        public var candidate: String
        public var status: Status
        /// The measured value, nil when it cannot be measured (no scores, no baseline cost).
        public var actual: Double?
        /// The limit that applied.
        public var limit: Double
        /// Whether the limit is a maximum or a minimum.
        public var bound: Bound
        /// Why the value could not be measured, when `actual` is nil.
        public var note: String?
    }

    /// Which side of a limit passes.
    public enum Bound: String, Sendable {
        /// The value must be at most the limit.
        case max
        /// The value must be at least the limit.
        case min
    }

    /// A policy outcome.
    public enum Status: String, Sendable {
        case pass, warn, fail
    }

    /// The overall result: fail if any policy failed (or warned, under `--fail-on-warn`).
    public var result: Status {
        if policies.contains(where: { $0.status == .fail }) { return .fail }
        if policies.contains(where: { $0.status == .warn }) { return failOnWarn ? .fail : .warn }
        return .pass
    }

    /// What the baseline was, in words, for reports: "the plan at origin/main".
    public var baselineDescription: String { baselineSource.description }

    /// The exit status for the result.
    public var exitCode: ExitCode { result == .fail ? .policyFailure : .success }
}
