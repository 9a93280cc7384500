/// "Did you mean" suggestions by edit distance.
public enum Suggestions {
    /// The known names closest to `name`: those within a third of its length in edits, closest first, at most three.
    public static func closest(to name: String, among known: some Sequence<String>) -> [String] {
        closest(to: name, among: known.lazy.map(Candidate.init))
    }

    /// `closest(to:among:)` over candidates prepared once (a catalog asked about many names keeps them).
    static func closest(to name: String, among known: some Sequence<Candidate>) -> [String] {
        var search = Search(name)
        for candidate in known { search.consider(candidate) }
        return search.names
    }

    /// The search for the names closest to one, fed one candidate at a time (a catalog feeds two lists).
    struct Search {
        let query: Candidate
        let nameCount: Int
        var limit: Int
        /// The three best so far, by distance and then name. Once there are three, a candidate farther than the
        /// third cannot take its place, so the limit falls to that distance: later candidates are ruled out by their
        /// length or letters, or their distance stops early. The answer is the one a full scoring and sort gives.
        private var best: [(distance: Int, name: String)] = []

        init(_ name: String) {
            query = Candidate(name)
            nameCount = name.count
            limit = max(2, query.count / 3)
        }

        mutating func consider(_ candidate: Candidate) {
            guard let distance = query.distance(to: candidate, limit: limit, nameCount: nameCount), distance <= limit else { return }
            let entry = (distance: distance, name: candidate.name)
            let place = best.firstIndex { entry.distance < $0.distance || entry.distance == $0.distance && entry.name < $0.name } ?? best.count
            guard place < 3 else { return }
            best.insert(entry, at: place)
            if best.count > 3 { best.removeLast() }
            if best.count == 3 { limit = best[2].distance }
        }

        /// The closest names, closest first, at most three.
        var names: [String] { best.map(\.name) }
    }

    /// A name ready to be compared: lowercased, its length in characters, and its bytes when it is plain ASCII (where
    /// a byte is a character, and the distance is computed on bytes, with the same result).
    struct Candidate: Sendable {
        /// The name as given.
        var name: String
        var lowered: String
        /// Length of `lowered` in characters.
        var count: Int
        /// `lowered`'s UTF-8 bytes, nil unless every one is ASCII.
        var ascii: [UInt8]?
        /// For ASCII names, how many bytes fall in each of 32 classes (the byte's low five bits), capped at 255. An
        /// edit changes these counts by at most 2 in all, so half their difference is a lower bound of the distance.
        var classes = SIMD32<UInt8>()

        init(_ name: String) {
            self.name = name
            lowered = name.lowercased()
            let bytes = Array(lowered.utf8)
            // CR LF is one character, so a name holding it is measured by characters.
            if bytes.allSatisfy({ $0 < 0x80 }) && !zip(bytes, bytes.dropFirst()).contains(where: { $0 == 13 && $1 == 10 }) {
                ascii = bytes
                count = bytes.count
                for byte in bytes where classes[Int(byte & 31)] < 255 { classes[Int(byte & 31)] += 1 }
            } else {
                ascii = nil
                count = lowered.count
            }
        }

        /// The distance from this query to `candidate` when it is at most `limit`, else nil. A candidate that ends in
        /// `/` + the query, or contains it (for a query of at least four characters, `nameCount` as written), is
        /// at distance 1.
        func distance(to candidate: Candidate, limit: Int, nameCount: Int) -> Int? {
            if let query = ascii, let other = candidate.ascii {
                if other.count > query.count, other[other.count - query.count - 1] == UInt8(ascii: "/"),
                   other[(other.count - query.count)...].elementsEqual(query) {
                    return 1
                }
                if nameCount >= 4, other.containsBytes(query) { return 1 }
                // The distance is at least the difference in length: most of a long list is ruled out unmeasured.
                if other.count > query.count + limit || query.count > other.count + limit { return nil }
                // Counts capped at 255 only shrink the difference, so the bound still holds.
                let difference = SIMD32<UInt16>(truncatingIfNeeded: pointwiseMax(classes, candidate.classes) &- pointwiseMin(classes, candidate.classes))
                if Int(difference.wrappedSum()) > 2 * limit { return nil }
                let distance = Suggestions.editDistance(query, other, limit: limit)
                return distance <= limit ? distance : nil
            }
            let distance: Int
            if candidate.lowered.hasSuffix("/" + lowered) || candidate.lowered.contains(lowered) && nameCount >= 4 {
                distance = 1
            } else {
                if candidate.count > count + limit || count > candidate.count + limit { return nil }
                distance = Suggestions.editDistance(Array(lowered), Array(candidate.lowered), limit: limit)
            }
            return distance <= limit ? distance : nil
        }
    }

    /// Levenshtein distance between two character arrays.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        editDistance(a, b, limit: Int.max)
    }

    /// Levenshtein distance between two strings of elements when it is at most `limit`; else some value above `limit`.
    /// A row whose every entry is above `limit` ends the search: no later row can come back under it.
    /// The two rows live on the stack: a catalog asks this of thousands of names per unknown model.
    static func editDistance<Element: Equatable>(_ a: [Element], _ b: [Element], limit: Int) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let width = b.count + 1
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * width) { rows in
            var previous = rows.baseAddress!
            var current = previous + width
            for j in 0..<width { previous[j] = j }
            for i in 1...a.count {
                current[0] = i
                var rowMinimum = i
                let element = a[i - 1]
                for j in 1...b.count {
                    let cost = element == b[j - 1] ? 0 : 1
                    current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                    rowMinimum = min(rowMinimum, current[j])
                }
                if rowMinimum > limit { return limit + 1 }
                swap(&previous, &current)
            }
            return previous[b.count]
        }
    }
}
