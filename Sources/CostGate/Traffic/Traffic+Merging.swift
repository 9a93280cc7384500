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
