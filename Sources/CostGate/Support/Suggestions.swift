/// "Did you mean" suggestions by edit distance.
public enum Suggestions {
    /// The known names closest to `name`: those within a third of its length in edits, closest first, at most three.
    public static func closest(to name: String, among known: some Sequence<String>) -> [String] {
        let loweredName = name.lowercased()
        let target = Array(loweredName)
        let limit = max(2, target.count / 3)
        var scored: [(distance: Int, name: String)] = []
        for candidate in known {
            let lowered = candidate.lowercased()
            let distance: Int
            if lowered.hasSuffix("/" + loweredName) || lowered.contains(loweredName) && name.count >= 4 {
                distance = 1
            } else {
                // The distance is at least the difference in length: most of a long list is ruled out unmeasured.
                let candidateCount = lowered.count
                if candidateCount > target.count + limit || target.count > candidateCount + limit { continue }
                distance = editDistance(target, Array(lowered))
            }
            if distance <= limit { scored.append((distance, candidate)) }
        }
        scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.name < $1.name }
        return scored.prefix(3).map(\.name)
    }

    /// Levenshtein distance between two character arrays.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
