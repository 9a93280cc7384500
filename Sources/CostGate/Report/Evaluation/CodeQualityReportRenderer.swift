/// GitLab Code Quality JSON (the merge request widget): one issue per failed or warned policy, located at
/// the policy's line in the plan file.
public struct CodeQualityReportRenderer: ReportRenderer {
    /// Creates the renderer.
    public init() {}

    /// Renders `evaluation` as a Code Quality report (a JSON array, empty when every policy passed).
    public func render(_ evaluation: Evaluation) -> String {
        var issues: [JSONValue] = []
        for result in evaluation.policies where result.status != .pass {
            let name = result.policy.name + (result.policy.filter.isEmpty ? "" : " (" + result.policy.filterDescription + ")")
            let path = evaluation.planFile ?? "costgate.json"
            let line = evaluation.policyLines[result.policy.name] ?? 1
            // Stable across runs for the same policy and candidate, so GitLab tracks it as one issue.
            let fingerprint = Self.fnv1a("costgate|\(path)|\(result.policy.name)|\(result.candidate)|\(result.policy.metric.rawValue)")
            issues.append(.object([
                ("type", .string("issue")),
                ("check_name", .string("costgate/" + result.policy.metric.rawValue)),
                ("description", .string("costgate policy \(name) \(result.status == .fail ? "failed" : "warned") for \(result.candidate): "
                                        + JUnitReportRenderer.message(result))),
                ("categories", .array([.string("Performance")])),
                ("severity", .string(result.status == .fail ? "major" : "minor")),
                ("fingerprint", .string(fingerprint)),
                ("location", .object([("path", .string(path)), ("lines", .object([("begin", .number(Double(line)))]))])),
            ]))
        }
        return JSONWriter.write(.array(issues))
    }

    /// 64-bit FNV-1a as 16 hex digits.
    static func fnv1a(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
