/// Matches records on route, model (the side's resolved model) or any tag. A tag value of `(none)` matches the records
/// without the key (and any whose value is the text `(none)`), as the breakdowns group them.
struct RecordFilter {

    private var routeID: Int32?
    /// Per model slot of the replay, whether it matches; nil when the filter names no model.
    private var modelSlots: [Bool]?
    /// Per tag set, whether it holds every pair of `tagPairs`; nil when the filter names no tag.
    private var tagSetMatches: [Bool]?
    private var impossible = false
    private let traffic: Traffic
    private let replay: Replay

    init(_ filter: [(key: String, value: String)], traffic: Traffic, replay: Replay) {
        self.traffic = traffic
        self.replay = replay
        var tagPairs: [(key: Int32, value: Int32)] = []
        // Keys the record must not carry (but for the value `(none)` itself); a key no record has is no constraint.
        var absentKeys: [(key: Int32, none: Int32?)] = []
        for (key, value) in filter {
            switch key {
            case "route":
                if let id = traffic.strings.id(of: value) { routeID = id } else { impossible = true }
            case "model":
                let slots = replay.modelNames.indices.filter { index in
                    let name = replay.modelNames[index]
                    return name == "deployment:" + value || replay.catalog.sameModel(value, name)
                }
                var matches = [Bool](repeating: false, count: replay.modelNames.count)
                for slot in slots { matches[slot] = true }
                modelSlots = matches
            default:
                if value == Traffic.noneTagValue {
                    if let keyID = traffic.strings.id(of: key) { absentKeys.append((keyID, traffic.strings.id(of: value))) }
                } else if let keyID = traffic.strings.id(of: key), let valueID = traffic.strings.id(of: value) {
                    tagPairs.append((keyID, valueID))
                } else {
                    impossible = true
                }
            }
        }
        if !tagPairs.isEmpty || !absentKeys.isEmpty {
            tagSetMatches = traffic.tagSets.map { set in
                tagPairs.allSatisfy { pair in set.contains { $0.key == pair.key && $0.value == pair.value } }
                    && absentKeys.allSatisfy { absent in set.allSatisfy { $0.key != absent.key || $0.value == absent.none } }
            }
        }
    }

    func matches(_ index: Int) -> Bool {
        if impossible { return false }
        let record = traffic.records[index]
        if let routeID, record.route != routeID { return false }
        if let modelSlots, !modelSlots[Int(replay.models[index])] { return false }
        if let tagSetMatches, !tagSetMatches[Int(record.tagSet)] { return false }
        return true
    }
}
