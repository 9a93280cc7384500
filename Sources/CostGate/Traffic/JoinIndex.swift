/// The joined log of `traffic.join`, indexed once by key: each partner (the rows sharing a key) with its tags and the
/// fields it can fill. `Traffic.join(_:spec:recordOffset:)` applies it to a sample, or to each block of a log read in
/// blocks (`costgate sample`); only the index is kept, not the joined log's records.
struct JoinIndex: Sendable {
    /// The partners' keys, as bytes, numbered in order of first appearance.
    let keys: ByteInterner
    /// Per partner: the first timestamp, latency and TTFT its rows give (NaN for none).
    let timestamps: [Double]
    let latencies: [Double]
    let ttfts: [Double]
    /// Per partner, its tag list (an index into `partnerTags`).
    let partnerTagIDs: [Int32]
    /// The distinct tag lists (the first is empty).
    let partnerTags: [[Traffic.TagPair]]
    /// The joined log's strings, which the tag lists point into.
    let strings: StringTable
    /// The joined log as the user named it.
    let source: String

    /// Indexes `lookup`, read with `TrafficJoin.lookupSpec`.
    ///
    /// - Throws: `CostGateError.io` for a key whose rows disagree on a tag.
    init(_ lookup: Traffic) throws(CostGateError) {
        var timestamps: [Double] = []
        var latencies: [Double] = []
        var ttfts: [Double] = []
        // Partners by key, numbered in order of first appearance: the keys are interned as bytes, never as strings.
        // A partner's tags are its first row's tag set; a later row with another set gives it a merged list.
        let entries = lookup.joinKeys.records.count
        var keys = ByteInterner(capacity: entries)
        var firstSets: [Int32] = []
        firstSets.reserveCapacity(entries)
        timestamps.reserveCapacity(entries)
        latencies.reserveCapacity(entries)
        ttfts.reserveCapacity(entries)
        var mergedTags: [Int: [Traffic.TagPair]] = [:]
        try lookup.joinKeys.bytes.withUnsafeBufferPointer { bytes throws(CostGateError) in
            let base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
            for entry in 0..<entries {
                let record = lookup.records[lookup.joinKeys.records[entry]]
                let start = lookup.joinKeys.starts[entry]
                let count = lookup.joinKeys.ends[entry] - start
                let id = Int(keys.intern(base + start, count, hash: ByteHash.hash(base + start, count)))
                if id == firstSets.count {
                    firstSets.append(record.tagSet)
                    timestamps.append(record.timestamp)
                    latencies.append(record.latencyMs)
                    ttfts.append(record.ttftMs)
                    continue
                }
                if mergedTags[id] != nil || record.tagSet != firstSets[id] {
                    var tags = mergedTags[id] ?? lookup.tagSets[Int(firstSets[id])]
                    for tag in lookup.tagSets[Int(record.tagSet)] {
                        if let existing = tags.first(where: { $0.key == tag.key }) {
                            guard existing.value == tag.value else {
                                let key = String(decoding: UnsafeBufferPointer(start: base + start, count: count), as: UTF8.self)
                                throw .io(path: lookup.source, reason: "rows with the join key '\(excerpt(key))' disagree on tag '\(lookup.strings[tag.key])' ('\(excerpt(lookup.strings[existing.value]))' and '\(excerpt(lookup.strings[tag.value]))'): a record can have one partner only")
                            }
                        } else {
                            tags.append(tag)
                        }
                    }
                    mergedTags[id] = tags
                }
                if timestamps[id].isNaN { timestamps[id] = record.timestamp }
                if latencies[id].isNaN { latencies[id] = record.latencyMs }
                if ttfts[id].isNaN { ttfts[id] = record.ttftMs }
            }
        }
        // Each partner's tag list as one id, so a record's new tag set is computed once per (own set, partner tags).
        var partnerTagLists = TagSetInterner()
        var listOfSet = [Int32](repeating: -1, count: lookup.tagSets.count)
        var partnerTags: [[Traffic.TagPair]] = [[]]
        let partnerTagIDs = (0..<firstSets.count).map { id -> Int32 in
            if let merged = mergedTags[id] {
                let list = merged.withUnsafeBufferPointer { partnerTagLists.intern($0) }
                if Int(list) == partnerTags.count { partnerTags.append(merged) }
                return list
            }
            let set = Int(firstSets[id])
            if listOfSet[set] < 0 {
                listOfSet[set] = lookup.tagSets[set].withUnsafeBufferPointer { partnerTagLists.intern($0) }
                if Int(listOfSet[set]) == partnerTags.count { partnerTags.append(lookup.tagSets[set]) }
            }
            return listOfSet[set]
        }
        self.keys = keys
        self.partnerTagIDs = partnerTagIDs
        self.timestamps = timestamps
        self.latencies = latencies
        self.ttfts = ttfts
        self.partnerTags = partnerTags
        strings = lookup.strings
        source = lookup.source
    }
}
