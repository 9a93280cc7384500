/// Joining a second log to a sample (`traffic.join`).
extension Traffic {
    /// What a join did: records with a partner, records without one.
    public struct JoinSummary: Sendable, Equatable {
        /// The joined log as the user named it.
        public var source: String
        public var matched = 0
        public var unmatched = 0
        /// Records without a key at all (counted in `unmatched`).
        public var withoutKey = 0
    }

    /// Replaces each record's join key (the reserved tag `TrafficJoin.keyTag`) with its partner's tags from
    /// `lookup`, and fills the fields the record lacks from the partner (`TrafficJoin.columns`).
    ///
    /// Rows of the joined log that share a key are one partner: their tags are merged (two different values for
    /// one tag are an error: a request has one customer) and, for a field, the first row in file order that has
    /// it gives it. A partner's tag wins over the record's own tag of the same key.
    ///
    /// - Throws: `CostGateError.io` for a key whose rows disagree on a tag, or a record left without a timestamp.
    mutating func join(_ lookup: Traffic, spec join: TrafficJoin) throws(CostGateError) {
        struct Partner {
            var tags: [(key: String, value: String)] = []
            var timestamp = Double.nan
            var latencyMs = Double.nan
            var ttftMs = Double.nan
        }
        var partners: [String: Partner] = [:]
        for record in lookup.records {
            var key: String?
            var tags: [(key: String, value: String)] = []
            for pair in lookup.tagSets[Int(record.tagSet)] {
                let name = lookup.strings[pair.key]
                if name == TrafficJoin.keyTag { key = lookup.strings[pair.value] } else { tags.append((name, lookup.strings[pair.value])) }
            }
            guard let key else { continue }
            var partner = partners[key] ?? Partner()
            for tag in tags {
                if let existing = partner.tags.first(where: { $0.key == tag.key }) {
                    guard existing.value == tag.value else {
                        throw .io(path: lookup.source, reason: "rows with the join key '\(excerpt(key))' disagree on tag '\(tag.key)' ('\(excerpt(existing.value))' and '\(excerpt(tag.value))'): a record can have one partner only")
                    }
                } else {
                    partner.tags.append(tag)
                }
            }
            if partner.timestamp.isNaN { partner.timestamp = record.timestamp }
            if partner.latencyMs.isNaN { partner.latencyMs = record.latencyMs }
            if partner.ttftMs.isNaN { partner.ttftMs = record.ttftMs }
            partners[key] = partner
        }
        var summary = JoinSummary(source: lookup.source)
        let keyID = strings.id(of: TrafficJoin.keyTag)
        var setIndex: [[TagPair]: Int32] = [:]
        var newSets: [[TagPair]] = [[]]
        setIndex[[]] = 0
        var missingTimestamp = 0
        var firstMissing = 0
        for index in records.indices {
            var pairs = tagSets[Int(records[index].tagSet)]
            let keyValue = pairs.first { $0.key == keyID }.map { strings[$0.value] }
            pairs.removeAll { $0.key == keyID }
            if let keyValue, let partner = partners[keyValue] {
                summary.matched += 1
                for tag in partner.tags {
                    let pair = TagPair(key: strings.intern(tag.key), value: strings.intern(tag.value))
                    pairs.removeAll { $0.key == pair.key }
                    pairs.append(pair)
                }
                pairs.sort { $0.key < $1.key }
                if records[index].timestamp.isNaN { records[index].timestamp = partner.timestamp }
                if records[index].latencyMs.isNaN, join.columns["latency_ms"] != nil { records[index].latencyMs = partner.latencyMs }
                if records[index].ttftMs.isNaN, join.columns["ttft_ms"] != nil { records[index].ttftMs = partner.ttftMs }
            } else {
                summary.unmatched += 1
                if keyValue == nil { summary.withoutKey += 1 }
            }
            if records[index].timestamp.isNaN {
                if missingTimestamp == 0 { firstMissing = index + 1 }
                missingTimestamp += 1
            }
            if let id = setIndex[pairs] {
                records[index].tagSet = id
            } else {
                setIndex[pairs] = Int32(newSets.count)
                records[index].tagSet = Int32(newSets.count)
                newSets.append(pairs)
            }
        }
        tagSets = newSets
        if missingTimestamp > 0 {
            throw .io(path: source, reason: "\(missingTimestamp) record(s) have no timestamp and no partner in \(lookup.source) to give one (the first is record \(firstMissing))")
        }
        joinSummary = summary
    }
}
