/// GitHub Actions workflow commands (`::error file=…,line=…::…`) for failed and warned policies, so the
/// pull request's Files tab marks the policy's line in the plan file.
enum GitHubAnnotations {
    /// One command line per failed or warned policy; empty when all passed.
    static func render(_ evaluation: Evaluation) -> String {
        var text = ""
        for result in evaluation.policies where result.status != .pass {
            var properties: [String] = []
            if let file = evaluation.planFile { properties.append("file=" + property(file)) }
            if let line = evaluation.policyLines[result.policy.name] { properties.append("line=\(line)") }
            let failed = result.status == .fail
            properties.append("title=" + property("costgate policy " + (failed ? "failed" : "warned")))
            let message = result.policy.name + " (\(result.candidate)): " + JUnitReportRenderer.message(result)
            text += "::" + (failed ? "error" : "warning") + " " + properties.joined(separator: ",") + "::" + data(message) + "\n"
        }
        return text
    }

    /// A message: `%`, CR and LF encoded as the runner expects; invisible characters dropped.
    static func data(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars where !scalar.isInvisible {
            switch scalar {
            case "%": result += "%25"
            case "\r": result += "%0D"
            case "\n": result += "%0A"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A property value: as `data`, and `:` and `,` encoded too.
    static func property(_ text: String) -> String {
        data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
