/// Appending one sample to another (the files of a traffic set, in order).
extension Traffic {
    /// Appends `other`'s records, remapping its string, tag-set and hash ids into this sample's tables.
    mutating func append(_ other: Traffic) {
        let stringIDs = other.strings.strings.map { strings.intern($0) }
        var setIDs: [Int32] = []
        setIDs.reserveCapacity(other.tagSets.count)
        var index: [[TagPair]: Int32] = [:]
        for (id, set) in tagSets.enumerated() { index[set] = Int32(id) }
        for set in other.tagSets {
            let mapped = set.map { TagPair(key: stringIDs[Int($0.key)], value: stringIDs[Int($0.value)]) }.sorted { $0.key < $1.key }
            if let id = index[mapped] {
                setIDs.append(id)
            } else {
                index[mapped] = Int32(tagSets.count)
                setIDs.append(Int32(tagSets.count))
                tagSets.append(mapped)
            }
        }
        let hashOffset = Int32(hashPool.count)
        hashPool.append(contentsOf: other.hashPool)
        joinKeys.append(other.joinKeys, recordOffset: records.count)
        records.reserveCapacity(records.count + other.records.count)
        for record in other.records {
            records.append(record.remapped(strings: stringIDs, tagSets: setIDs, hashOffset: hashOffset))
        }
        skipped.count += other.skipped.count
        skipped.examples += other.skipped.examples.prefix(max(0, 10 - skipped.examples.count))
        aggregateRows += other.aggregateRows
        aggregateRowsWithoutCount += other.aggregateRowsWithoutCount
        aggregateModalityTokens.add(other.aggregateModalityTokens)
        if let interval = other.coveredInterval {
            coveredInterval = coveredInterval.map { min($0.lowerBound, interval.lowerBound)...max($0.upperBound, interval.upperBound) } ?? interval
        }
    }
}

extension Traffic {
    /// Adds the tables of `block`, the next block of a sample read a block at a time, to this sample's, and returns the
    /// block with its records' string and tag-set ids remapped into them, sharing this sample's tables: the records as
    /// a whole read of the sample would have them (tables grow in the order names first appear, either way). The
    /// records are not kept here; the skipped records are counted. `interner` holds this sample's tag sets.
    mutating func adopt(_ block: consuming Traffic, interner: inout TagSetInterner) -> Traffic {
        let stringIDs = block.strings.strings.map { strings.intern($0) }
        var setIDs: [Int32] = []
        setIDs.reserveCapacity(block.tagSets.count)
        var pairs: [TagPair] = []
        for set in block.tagSets {
            pairs = set.map { TagPair(key: stringIDs[Int($0.key)], value: stringIDs[Int($0.value)]) }
            pairs.sort { $0.key < $1.key }
            let id = pairs.withUnsafeBufferPointer { interner.intern($0) }
            if Int(id) == tagSets.count { tagSets.append(pairs) }
            setIDs.append(id)
        }
        skipped.count += block.skipped.count
        skipped.examples += block.skipped.examples.prefix(max(0, 10 - skipped.examples.count))
        var view = self
        view.hashPool = block.hashPool
        // The block's records, taken over and remapped in place (a remapped copy of each record, through `memmove`,
        // was 3% of a check's time on the reading thread, and a copy of the whole block 2.5%).
        var records = block.records
        block.records = []
        records.withUnsafeMutableBufferPointer { buffer in
            for index in buffer.indices { buffer[index].remap(strings: stringIDs, tagSets: setIDs, hashOffset: 0) }
        }
        view.records = records
        return view
    }
}
