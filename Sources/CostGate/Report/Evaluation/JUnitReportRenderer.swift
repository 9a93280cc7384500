/// JUnit XML for CI test reports (GitLab shows it in the merge request, GitHub through reporter actions):
/// one `<testcase>` per policy and candidate, a `<failure>` for a failed policy; a warned one passes with its
/// message in `<system-out>`.
public struct JUnitReportRenderer: ReportRenderer {
    /// Creates the renderer.
    public init() {}

    /// Renders `evaluation` as JUnit XML.
    public func render(_ evaluation: Evaluation) -> String {
        let failures = evaluation.policies.filter { $0.status == .fail }.count
        let count = evaluation.policies.count
        let suite = "costgate " + evaluation.command
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        text += "<testsuites name=\"costgate\" tests=\"\(count)\" failures=\"\(failures)\" errors=\"0\">\n"
        text += "  <testsuite name=\"\(Self.escape(suite))\" tests=\"\(count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n"
        for result in evaluation.policies {
            let name = result.policy.name + (result.policy.filter.isEmpty ? "" : " (" + result.policy.filterDescription + ")")
            let file = evaluation.planFile.map { " file=\"\(Self.escape($0))\"" } ?? ""
            let line = evaluation.policyLines[result.policy.name].map { " line=\"\($0)\"" } ?? ""
            text += "    <testcase classname=\"costgate.\(Self.escape(result.candidate))\" name=\"\(Self.escape(name))\"\(file)\(line)"
            let message = Self.message(result)
            switch result.status {
            case .pass:
                text += "/>\n"
            case .warn:
                text += ">\n      <system-out>\(Self.escape("warning: " + message))</system-out>\n    </testcase>\n"
            case .fail:
                text += ">\n      <failure type=\"policy\" message=\"\(Self.escape(message))\">\(Self.escape(message))</failure>\n    </testcase>\n"
            }
        }
        text += "  </testsuite>\n</testsuites>\n"
        return text
    }

    /// "monthly_cost is $31,000.00, limit ≤ $30,000.00".
    static func message(_ result: Evaluation.PolicyResult) -> String {
        let actual = ReportFacts.format(result.actual, metric: result.policy.metric)
        let limit = (result.bound == .max ? "≤ " : "≥ ") + ReportFacts.format(result.limit, metric: result.policy.metric)
        return "\(result.policy.metric.rawValue) is \(actual), limit \(limit)" + (result.note.map { " (\($0))" } ?? "")
    }

    /// Text for XML attributes and content: the five entities, and no character XML 1.0 forbids.
    static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\n", "\t": result += " "
            default:
                if scalar.isInvisibleOrControl || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
