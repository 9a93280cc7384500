/// The recorded sample as billed, grouped by route, model or tag: who spent what, and at what unit cost.
public struct Showback: Sendable {
    /// One group's spend over the recorded window.
    public struct Row: Sendable, Equatable {
        public var value: String
        public var records: Int
        public var requests: Double
        public var cost: Double
        public var inputTokens: Double
        public var outputTokens: Double
    }

    /// The grouping key and its rows, largest cost first.
    public var tables: [(key: String, rows: [Row])]
    /// Total spend over the window, and the window's records and requests.
    public var total: Row
    /// Window length in hours and the source file.
    public var windowHours: Double
    public var source: String
    /// Records whose model is not priced (they cost nothing here), by model name.
    public var unpriced: [(model: String, records: Int)]

    /// Prices every record at its recorded model and groups by each of `keys`.
    public static func compute(traffic: Traffic, plan: Plan, keys: [String]) throws(CostGateError) -> Showback {
        let catalog = plan.catalog
        let known = ["route", "model"] + traffic.tagKeys
        for key in keys where !known.contains(key) {
            throw .unknown("grouping key", key, in: "--by", known: known)
        }
        var recordedPlan = plan
        recordedPlan.routes = [:]
        let replay = try Replayer.replay(traffic, plan: recordedPlan, name: "recorded", catalog: catalog,
                                         prompts: PromptSizes(), reference: recordedPlan, referencePrompts: PromptSizes())
        let values = Forecaster.costValues(replay)
        struct Accumulator {
            var records = 0
            var requests = PreciseSum()
            var cost = PreciseSum()
            var input = PreciseSum()
            var output = PreciseSum()
            mutating func add(_ index: Int, replay: Replay, value: Double) {
                records += 1
                let weight = replay.weights[index]
                requests.add(weight)
                cost.add(value)
                input.add(weight, times: Double(replay.inputTokens[index]))
                output.add(weight, times: Double(replay.outputTokens[index]))
            }
            func row(_ name: String) -> Row {
                Row(value: name, records: records, requests: requests.value, cost: cost.value, inputTokens: input.value, outputTokens: output.value)
            }
        }
        var total = Accumulator()
        var tables: [(key: String, rows: [Row])] = []
        for index in values.indices { total.add(index, replay: replay, value: values[index]) }
        for key in keys {
            var groups: [String: Accumulator] = [:]
            let keyID = traffic.strings.id(of: key)
            for index in values.indices {
                let record = traffic.records[index]
                let name: String
                switch key {
                case "route": name = traffic.strings[record.route]
                case "model": name = replay.modelNames[Int(replay.models[index])]
                default:
                    name = traffic.tagSets[Int(record.tagSet)].first { $0.key == keyID }.map { traffic.strings[$0.value] } ?? Traffic.noneTagValue
                }
                groups[name, default: Accumulator()].add(index, replay: replay, value: values[index])
            }
            let rows = groups.map { $0.value.row($0.key) }.sorted { $0.cost != $1.cost ? $0.cost > $1.cost : $0.value < $1.value }
            tables.append((key, rows))
        }
        let scaling = try Forecaster.scaling(traffic: traffic, plan: plan)
        var unpriced: [String: Int] = [:]
        for index in values.indices where replay.billing[index] == .unpriced {
            unpriced[replay.modelNames[Int(replay.models[index])], default: 0] += 1
        }
        let totalRow = total.row("total")
        if !totalRow.cost.isFinite || !totalRow.requests.isFinite {
            throw .notFinite(plan: plan.file, figure: totalRow.cost.isFinite ? "requests" : "total cost")
        }
        return Showback(tables: tables, total: totalRow, windowHours: scaling.windowSeconds / 3600, source: traffic.source,
                        unpriced: unpriced.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    /// The share of the total spend that `row` stands for, in percent.
    public func share(_ row: Row) -> Double { total.cost > 0 ? row.cost / total.cost * 100 : 0 }
}

extension Showback.Row {
    /// Cost per request, nil without requests.
    public var costPerRequest: Double? { requests > 0 ? cost / requests : nil }

    /// Tokens (input and output) per request, nil without requests.
    public var tokensPerRequest: Double? { requests > 0 ? (inputTokens + outputTokens) / requests : nil }

    /// Cost per 1,000 tokens, nil without tokens.
    public var costPerThousandTokens: Double? {
        let tokens = inputTokens + outputTokens
        return tokens > 0 ? cost / tokens * 1000 : nil
    }
}
