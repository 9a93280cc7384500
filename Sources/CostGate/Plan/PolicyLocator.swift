/// Finds where each policy is written in a plan file, so CI annotations and Code Quality point at its line.
///
/// The plan parser keeps no positions; the plan's text is searched instead: the first line after `"policies"`
/// that holds `"name"` and the policy's name as a JSON string.
enum PolicyLocator {
    /// The 1-based line of each named policy in `text`; names not found are left out.
    static func lines(in text: String, names: [String]) -> [String: Int] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.contains("\"policies\"") }) else { return [:] }
        var found: [String: Int] = [:]
        for name in names where found[name] == nil {
            let quoted = JSONWriter.quote(name)
            if let index = lines[start...].firstIndex(where: { $0.contains("\"name\"") && $0.contains(quoted) }) {
                found[name] = index + 1
            }
        }
        return found
    }
}
