/// Matches records on route, model (the side's resolved model) or any tag.
struct RecordFilter {
    private var routeIDs: Set<Int32>?
    private var modelSlots: Set<Int32>?
    private var tagPairs: [(key: Int32, value: Int32)] = []
    private var impossible = false
    private let traffic: Traffic
    private let replay: Replay

    init(_ filter: [(key: String, value: String)], traffic: Traffic, replay: Replay) {
        self.traffic = traffic
        self.replay = replay
        for (key, value) in filter {
            switch key {
            case "route":
                if let id = traffic.strings.id(of: value) { routeIDs = [id] } else { impossible = true }
            case "model":
                let slots = replay.modelNames.indices.filter { index in
                    let name = replay.modelNames[index]
                    return name == "deployment:" + value || replay.catalog.sameModel(value, name)
                }
                modelSlots = Set(slots.map { Int32($0) })
            default:
                if let keyID = traffic.strings.id(of: key), let valueID = traffic.strings.id(of: value) {
                    tagPairs.append((keyID, valueID))
                } else {
                    impossible = true
                }
            }
        }
    }

    func matches(_ index: Int) -> Bool {
        if impossible { return false }
        let record = traffic.records[index]
        if let routeIDs, !routeIDs.contains(record.route) { return false }
        if let modelSlots, !modelSlots.contains(replay.models[index]) { return false }
        if !tagPairs.isEmpty {
            let set = traffic.tagSets[Int(record.tagSet)]
            for pair in tagPairs where !set.contains(where: { $0.key == pair.key && $0.value == pair.value }) {
                return false
            }
        }
        return true
    }
}
