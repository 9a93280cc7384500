import Foundation

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

    /// The join keys the readers found, as bytes: interning a request id per record as a string (and a tag set
    /// per record holding it) cost more than the rest of the read. Key `index` belongs to record `records[index]`
    /// and spans `bytes[starts[index]..<ends[index]]`; records are in increasing order.
    struct JoinKeys: Sendable {
        var bytes: [UInt8] = []
        var records: [Int] = []
        var starts: [Int] = []
        var ends: [Int] = []

        /// Adds the key of record `record` at `range` of `bytes`.
        mutating func add(record: Int, _ range: Range<Int>) {
            records.append(record)
            starts.append(range.lowerBound)
            ends.append(range.upperBound)
        }

        /// Appends `other`'s keys, whose records follow `recordOffset` records.
        mutating func append(_ other: JoinKeys, recordOffset: Int) {
            guard !other.records.isEmpty else { return }
            let byteOffset = bytes.count
            bytes.append(contentsOf: other.bytes)
            records.append(contentsOf: other.records.lazy.map { $0 + recordOffset })
            starts.append(contentsOf: other.starts.lazy.map { $0 + byteOffset })
            ends.append(contentsOf: other.ends.lazy.map { $0 + byteOffset })
        }
    }

    /// Replaces each record's join key (read by `TrafficJoin.left`) with its partner's tags from `lookup`, and fills
    /// the fields the record lacks from the partner (`TrafficJoin.columns`).
    ///
    /// Rows of the joined log that share a key are one partner: their tags are merged (two different values for
    /// one tag are an error: a request has one customer) and, for a field, the first row in file order that has
    /// it gives it. A partner's tag wins over the record's own tag of the same key.
    ///
    /// - Throws: `CostGateError.io` for a key whose rows disagree on a tag, or a record left without a timestamp.
    mutating func join(_ lookup: Traffic, spec join: TrafficJoin) throws(CostGateError) {
        struct Partner {
            /// Tags as ids in `lookup.strings`, in the order the rows gave them.
            var tags: [TagPair] = []
            var timestamp = Double.nan
            var latencyMs = Double.nan
            var ttftMs = Double.nan
        }
        // Partners by key, numbered in order of first appearance: the keys are interned as bytes, never as strings.
        var keys = ByteInterner()
        var partners: [Partner] = []
        partners.reserveCapacity(lookup.joinKeys.records.count)
        try lookup.joinKeys.bytes.withUnsafeBufferPointer { bytes throws(CostGateError) in
            let base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
            for entry in lookup.joinKeys.records.indices {
                let record = lookup.records[lookup.joinKeys.records[entry]]
                let start = lookup.joinKeys.starts[entry]
                let count = lookup.joinKeys.ends[entry] - start
                let id = Int(keys.intern(base + start, count, hash: ByteHash.hash(base + start, count)))
                if id == partners.count { partners.append(Partner()) }
                for tag in lookup.tagSets[Int(record.tagSet)] {
                    if let existing = partners[id].tags.first(where: { $0.key == tag.key }) {
                        guard existing.value == tag.value else {
                            let key = String(decoding: UnsafeBufferPointer(start: base + start, count: count), as: UTF8.self)
                            throw .io(path: lookup.source, reason: "rows with the join key '\(excerpt(key))' disagree on tag '\(lookup.strings[tag.key])' ('\(excerpt(lookup.strings[existing.value]))' and '\(excerpt(lookup.strings[tag.value]))'): a record can have one partner only")
                        }
                    } else {
                        partners[id].tags.append(tag)
                    }
                }
                if partners[id].timestamp.isNaN { partners[id].timestamp = record.timestamp }
                if partners[id].latencyMs.isNaN { partners[id].latencyMs = record.latencyMs }
                if partners[id].ttftMs.isNaN { partners[id].ttftMs = record.ttftMs }
            }
        }
        // Each partner's tag list as one id, so a record's new tag set is computed once per (own set, partner tags).
        var partnerTagLists = TagSetInterner()
        let partnerTagIDs = partners.map { partner in partner.tags.withUnsafeBufferPointer { partnerTagLists.intern($0) } }
        var summary = JoinSummary(source: lookup.source)
        var lookupStringIDs = [Int32](repeating: -1, count: lookup.strings.strings.count)
        var newSets = TagSetInterner()
        var newSetIDs: [UInt64: Int32] = [:]
        var pairs: [TagPair] = []
        var missingTimestamp = 0
        var firstMissing = 0
        var nextKey = 0
        let ownKeys = joinKeys
        ownKeys.bytes.withUnsafeBufferPointer { bytes in
            let base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
            for index in records.indices {
                var partnerID: Int?
                var hasKey = false
                if nextKey < ownKeys.records.count && ownKeys.records[nextKey] == index {
                    hasKey = true
                    let start = ownKeys.starts[nextKey]
                    let count = ownKeys.ends[nextKey] - start
                    partnerID = keys.id(of: base + start, count, hash: ByteHash.hash(base + start, count)).map(Int.init)
                    nextKey += 1
                }
                let ownSet = records[index].tagSet
                if let partnerID {
                    let partner = partners[partnerID]
                    summary.matched += 1
                    let cacheKey = UInt64(UInt32(bitPattern: ownSet)) << 32 | UInt64(UInt32(bitPattern: partnerTagIDs[partnerID]))
                    if let id = newSetIDs[cacheKey] {
                        records[index].tagSet = id
                    } else {
                        pairs = tagSets[Int(ownSet)]
                        for tag in partner.tags {
                            // Strings enter this sample's table in the order records first use them.
                            for id in [tag.key, tag.value] where lookupStringIDs[Int(id)] < 0 {
                                lookupStringIDs[Int(id)] = strings.intern(lookup.strings[id])
                            }
                            let pair = TagPair(key: lookupStringIDs[Int(tag.key)], value: lookupStringIDs[Int(tag.value)])
                            pairs.removeAll { $0.key == pair.key }
                            pairs.append(pair)
                        }
                        pairs.sort { $0.key < $1.key }
                        let id = pairs.withUnsafeBufferPointer { newSets.intern($0) }
                        newSetIDs[cacheKey] = id
                        records[index].tagSet = id
                    }
                    if records[index].timestamp.isNaN { records[index].timestamp = partner.timestamp }
                    if records[index].latencyMs.isNaN, join.columns["latency_ms"] != nil { records[index].latencyMs = partner.latencyMs }
                    if records[index].ttftMs.isNaN, join.columns["ttft_ms"] != nil { records[index].ttftMs = partner.ttftMs }
                } else {
                    summary.unmatched += 1
                    if !hasKey { summary.withoutKey += 1 }
                    let cacheKey = UInt64(UInt32(bitPattern: ownSet)) << 32 | UInt64(UInt32.max)
                    if let id = newSetIDs[cacheKey] {
                        records[index].tagSet = id
                    } else {
                        let id = tagSets[Int(ownSet)].withUnsafeBufferPointer { newSets.intern($0) }
                        newSetIDs[cacheKey] = id
                        records[index].tagSet = id
                    }
                }
                if records[index].timestamp.isNaN {
                    if missingTimestamp == 0 { firstMissing = index + 1 }
                    missingTimestamp += 1
                }
            }
        }
        tagSets = newSets.sets()
        joinKeys = JoinKeys()
        if missingTimestamp > 0 {
            throw .io(path: source, reason: "\(missingTimestamp) record(s) have no timestamp and no partner in \(lookup.source) to give one (the first is record \(firstMissing))")
        }
        joinSummary = summary
    }
}
