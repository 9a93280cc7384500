/// When `costgate comment` posts a new comment (`--comment-when`), decided from the JSON report that
/// `check --format json` wrote for the same run (`--report FILE`).
///
/// `always` posts every time. `failed` posts when the check failed (a policy with severity `fail`, or a
/// warning under `--fail-on-warn`). `changed` posts when a policy did not pass, or when the monthly change
/// is real and large enough: outside its own forecast interval (an interval holding zero cannot tell the
/// change from sampling noise) and at least every threshold given (`--comment-threshold-usd`,
/// `--comment-threshold-pct`).
struct CommentCondition: Sendable {
    /// The `--comment-when` modes.
    enum When: String, CaseIterable, Sendable {
        case always, changed, failed
    }

    var when: When
    /// The least absolute monthly change, in USD, worth a comment (0: any change outside the interval).
    var thresholdUSD: Double = 0
    /// The least absolute monthly change, in percent of the base, worth a comment.
    var thresholdPercent: Double = 0

    /// Why the report should stay quiet, or nil when it deserves a comment.
    /// - Parameters:
    ///   - report: the parsed JSON report.
    ///   - file: its path, for messages.
    /// - Throws: `CostGateError.badPlan` naming the field when the file is not a costgate check report.
    func quietReason(report: JSONValue, file: String) throws(CostGateError) -> String? {
        if when == .always { return nil }
        guard let result = report["result"]?.stringValue, ["pass", "warn", "fail"].contains(result) else {
            throw .badPlan(file: file, path: "result", expected: "pass, warn or fail (a report from costgate check --format json)",
                           found: report["result"].map { $0.kindDescription })
        }
        switch when {
        case .always:
            return nil
        case .failed:
            return result == "fail" ? nil : "the check \(result == "pass" ? "passed" : "passed with warnings") and --comment-when is failed"
        case .changed:
            if result != "pass" { return nil }
            guard let candidates = report["candidates"]?.arrayValue, !candidates.isEmpty else {
                throw .badPlan(file: file, path: "candidates", expected: "a non-empty array of candidates", found: nil)
            }
            var reasons: [String] = []
            for (index, candidate) in candidates.enumerated() {
                let path = "candidates[\(index)].delta"
                guard let delta = candidate["delta"], let change = delta["monthly_cost"]?.doubleValue,
                      let low = delta["monthly_cost_low"]?.doubleValue, let high = delta["monthly_cost_high"]?.doubleValue else {
                    throw .badPlan(file: file, path: path, expected: "monthly_cost, monthly_cost_low and monthly_cost_high numbers", found: nil)
                }
                let percent = delta["monthly_cost_pct"]?.doubleValue
                guard let reason = quiet(change: change, low: low, high: high, percent: percent) else { return nil }
                reasons.append(reason)
            }
            return reasons.joined(separator: "; ")
        }
    }

    /// Why one change is not worth a comment, or nil when it is.
    private func quiet(change: Double, low: Double, high: Double, percent: Double?) -> String? {
        let monthly = Format.moneyChange(change) + " a month" + (percent.map { " (" + Format.percentChange($0) + ")" } ?? "")
        if low <= 0, high >= 0 {
            return "the change, \(monthly), is inside its forecast interval (\(Format.moneyChange(low)) to \(Format.moneyChange(high)))"
        }
        if change.magnitude < thresholdUSD {
            return "the change, \(monthly), is below --comment-threshold-usd \(Format.money(thresholdUSD))"
        }
        // A base of $0 has no percentage: any change from nothing counts.
        if let percent, percent.magnitude < thresholdPercent {
            return "the change, \(monthly), is below --comment-threshold-pct \(Format.decimal(thresholdPercent))%"
        }
        return nil
    }
}
