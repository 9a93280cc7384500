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
        try self.join(try JoinIndex(lookup), spec: join)
    }

    /// Joins with an index of the joined log built once (`JoinIndex`), as `join(_:spec:)` does; a log read in blocks
    /// joins each block with the same index. `recordOffset` is the position in the log of the first record, for
    /// messages.
    mutating func join(_ index: JoinIndex, spec join: TrafficJoin, recordOffset: Int = 0) throws(CostGateError) {
        let keys = index.keys
        let timestamps = index.timestamps
        let latencies = index.latencies
        let ttfts = index.ttfts
        let partnerTagIDs = index.partnerTagIDs
        let partnerTags = index.partnerTags
        let lookup = (strings: index.strings, source: index.source)
        var summary = JoinSummary(source: lookup.source)
        var lookupStringIDs = [Int32](repeating: -1, count: lookup.strings.strings.count)
        var newSets = TagSetInterner()
        var newSetIDs: [UInt64: Int32] = [:]
        var pairs: [TagPair] = []
        var missingTimestamp = 0
        var firstMissing = 0
        let fillsLatency = join.columns["latency_ms"] != nil
        let fillsTTFT = join.columns["ttft_ms"] != nil
        let partnerOfKey = Self.partners(of: joinKeys, in: keys)
        let ownKeyRecords = joinKeys.records
        // The new tag set of (own set, partner tag list or none), in a flat table when it is small.
        let columns = partnerTags.count + 1
        let flat = tagSets.count * columns <= 1 << 22
        var flatSetIDs = [Int32](repeating: -1, count: flat ? tagSets.count * columns : 0)
        var nextKey = 0
        for index in records.indices {
            var partner: Int32 = -1
            var hasKey = false
            if nextKey < ownKeyRecords.count && ownKeyRecords[nextKey] == index {
                hasKey = true
                partner = partnerOfKey[nextKey]
                nextKey += 1
            }
            let ownSet = records[index].tagSet
            let list = partner >= 0 ? Int(partnerTagIDs[Int(partner)]) : columns - 1
            let cacheKey = Int(ownSet) * columns + list
            var setID = flat ? flatSetIDs[cacheKey] : newSetIDs[UInt64(cacheKey)] ?? -1
            if setID < 0 {
                pairs = tagSets[Int(ownSet)]
                if partner >= 0 {
                    for tag in partnerTags[list] {
                        // Strings enter this sample's table in the order records first use them.
                        for id in [tag.key, tag.value] where lookupStringIDs[Int(id)] < 0 {
                            lookupStringIDs[Int(id)] = strings.intern(lookup.strings[id])
                        }
                        let pair = TagPair(key: lookupStringIDs[Int(tag.key)], value: lookupStringIDs[Int(tag.value)])
                        pairs.removeAll { $0.key == pair.key }
                        pairs.append(pair)
                    }
                    pairs.sort { $0.key < $1.key }
                }
                setID = pairs.withUnsafeBufferPointer { newSets.intern($0) }
                if flat { flatSetIDs[cacheKey] = setID } else { newSetIDs[UInt64(cacheKey)] = setID }
            }
            records[index].tagSet = setID
            if partner >= 0 {
                summary.matched += 1
                let id = Int(partner)
                if records[index].timestamp.isNaN { records[index].timestamp = timestamps[id] }
                if records[index].latencyMs.isNaN, fillsLatency { records[index].latencyMs = latencies[id] }
                if records[index].ttftMs.isNaN, fillsTTFT { records[index].ttftMs = ttfts[id] }
            } else {
                summary.unmatched += 1
                if !hasKey { summary.withoutKey += 1 }
            }
            if records[index].timestamp.isNaN {
                if missingTimestamp == 0 { firstMissing = recordOffset + index + 1 }
                missingTimestamp += 1
            }
        }
        tagSets = newSets.sets()
        joinKeys = JoinKeys()
        if missingTimestamp > 0 {
            throw .io(path: source, reason: "\(missingTimestamp) record(s) have no timestamp and no partner in \(lookup.source) to give one (the first is record \(firstMissing))")
        }
        joinSummary = summary
    }

    /// The partner (index in `keys`) of each of `joinKeys`' keys, -1 for none; probed in parallel slices.
    private static func partners(of joinKeys: JoinKeys, in keys: ByteInterner) -> [Int32] {
        var result = [Int32](repeating: -1, count: joinKeys.records.count)
        let slice = 1 << 16
        let slices = (result.count + slice - 1) / slice
        joinKeys.bytes.withUnsafeBufferPointer { bytes in
            result.withUnsafeMutableBufferPointer { output in
                // Each slice writes only its own entries, and both buffers outlive the loop.
                let shared = SharedBuffers(bytes: bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!, output: output)
                DispatchQueue.concurrentPerform(iterations: slices) { index in
                    for entry in index * slice..<min(shared.output.count, (index + 1) * slice) {
                        let start = joinKeys.starts[entry]
                        let count = joinKeys.ends[entry] - start
                        let key = shared.bytes + start
                        shared.output[entry] = keys.id(of: key, count, hash: ByteHash.hash(key, count)) ?? -1
                    }
                }
            }
        }
        return result
    }

    /// The key bytes and the output of `partners(of:in:)`, shared by its parallel slices.
    private struct SharedBuffers: @unchecked Sendable {
        let bytes: UnsafePointer<UInt8>
        let output: UnsafeMutableBufferPointer<Int32>
    }
}
