/// Numbers the strata of `costgate sample` in order of first appearance across the blocks of a log.
///
/// A stratum is the values of the `--by` keys: `route`, `model` (the model the plan sends the record to) or a tag,
/// `(none)` for a record without that tag.
struct StrataIndex {
    /// The `--by` keys.
    let by: [String]
    /// Each stratum's values of the keys, by stratum number.
    private(set) var keys: [[String]] = []
    private var numbers: [[String]: Int] = [:]

    init(keys by: [String]) {
        self.by = by
    }

    /// A record's place in a block before its names are looked up: records alike in these are in one stratum.
    private struct Local: Hashable {
        var route: Int32
        var model: Int32
        var tagSet: Int32
    }

    /// The stratum of each record of `block`; `replay` is the block under the plan (for the `model` key).
    mutating func strata(of block: Traffic, replay: Replay) -> [Int] {
        let tagKeyIDs = by.map { block.strings.id(of: $0) }
        var known: [Local: Int] = [:]
        var strata: [Int] = []
        strata.reserveCapacity(block.records.count)
        for (index, record) in block.records.enumerated() {
            let local = Local(route: record.route, model: replay.models[index], tagSet: record.tagSet)
            if let number = known[local] {
                strata.append(number)
                continue
            }
            let values = by.indices.map { position -> String in
                switch by[position] {
                case "route": return block.strings[record.route]
                case "model": return replay.modelNames[Int(replay.models[index])]
                default:
                    guard let keyID = tagKeyIDs[position] else { return Traffic.noneTagValue }
                    for pair in block.tagSets[Int(record.tagSet)] where pair.key == keyID { return block.strings[pair.value] }
                    return Traffic.noneTagValue
                }
            }
            let number: Int
            if let existing = numbers[values] {
                number = existing
            } else {
                number = keys.count
                numbers[values] = number
                keys.append(values)
            }
            known[local] = number
            strata.append(number)
        }
        return strata
    }
}
