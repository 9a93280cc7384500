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
                    name = traffic.tagSets[Int(record.tagSet)].first { $0.key == keyID }.map { traffic.strings[$0.value] } ?? "(none)"
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
        return Showback(tables: tables, total: total.row("total"), windowHours: scaling.windowSeconds / 3600, source: traffic.source,
                        unpriced: unpriced.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    private func share(_ row: Row) -> Double { total.cost > 0 ? row.cost / total.cost * 100 : 0 }
    private func perRequest(_ row: Row) -> Double? { row.requests > 0 ? row.cost / row.requests : nil }
    private func perThousandTokens(_ row: Row) -> Double? {
        let tokens = row.inputTokens + row.outputTokens
        return tokens > 0 ? row.cost / tokens * 1000 : nil
    }

    private var heading: String {
        "Spend of the recorded window (\(String(format2: windowHours)) hours, \(Money.formatCount(total.requests)) requests): \(Money.format(total.cost))"
    }

    /// Aligned tables for a terminal.
    public func renderText(top: Int) -> String {
        var text = heading + "\n"
        for (key, rows) in tables {
            text += "\nBy \(TextTable.clean(key)):\n"
            var table = TextTable([key, "cost", "share", "requests", "cost/request", "tokens/request", "cost/1K tokens"], rightAligned: Set(1...6))
            for row in (top > 0 ? Array(rows.prefix(top)) : rows) {
                table.add([TextTable.clean(row.value), Money.format(row.cost), String(format1: share(row)) + "%", Money.formatCount(row.requests),
                           perRequest(row).map(Money.formatUnit) ?? "n/a",
                           row.requests > 0 ? Money.formatCount((row.inputTokens + row.outputTokens) / row.requests) : "n/a",
                           perThousandTokens(row).map(Money.formatUnit) ?? "n/a"])
            }
            text += table.render()
            if top > 0, rows.count > top { text += "  (\(rows.count - top) more)\n" }
        }
        for entry in unpriced { text += "\nwarning: \(entry.records) record(s) of unpriced model '\(TextTable.clean(entry.model))' cost nothing here\n" }
        return text
    }

    /// Markdown tables (untrusted names escaped).
    public func renderMarkdown(top: Int) -> String {
        var text = MarkdownReportRenderer.marker + "\n### costgate showback\n\n" + heading + "\n"
        for (key, rows) in tables {
            text += "\n#### By \(Markdown.escape(key))\n\n"
            var cells: [[String]] = []
            for row in (top > 0 ? Array(rows.prefix(top)) : rows) {
                cells.append([Markdown.escape(row.value), Money.format(row.cost), String(format1: share(row)) + "%", Money.formatCount(row.requests),
                              perRequest(row).map(Money.formatUnit) ?? "n/a", perThousandTokens(row).map(Money.formatUnit) ?? "n/a"])
            }
            text += Markdown.table([Markdown.escape(key), "Cost", "Share", "Requests", "Cost / request", "Cost / 1K tokens"], cells, alignRight: Set(1...5))
        }
        for entry in unpriced { text += "\n> ⚠️ \(entry.records) record(s) of unpriced model \(Markdown.escape(entry.model)) cost nothing here.\n" }
        return text
    }

    /// Full-precision JSON.
    public func renderJSON() -> String {
        func row(_ row: Row) -> JSONValue {
            .object([
                ("value", .string(row.value)), ("records", .number(Double(row.records))), ("requests", .number(row.requests)),
                ("cost", .number(row.cost)), ("input_tokens", .number(row.inputTokens)), ("output_tokens", .number(row.outputTokens)),
                ("cost_per_request", perRequest(row).map { .number($0) } ?? .null),
                ("share", .number(share(row) / 100)),
            ])
        }
        return JSONWriter.write(.object([
            ("schema_version", .number(1)), ("currency", .string("USD")), ("traffic", .string(source)),
            ("window_hours", .number(windowHours)), ("total", row(total)),
            ("by", .object(tables.map { ($0.key, JSONValue.array($0.rows.map(row))) })),
            ("unpriced", .array(unpriced.map { .object([("model", .string($0.model)), ("records", .number(Double($0.records)))]) })),
        ]))
    }

    /// One CSV row per (key, value), RFC 4180 quoting; cells that a spreadsheet would run as a formula are prefixed with '.
    public func renderCSV() -> String {
        var text = "key,value,records,requests,cost_usd,input_tokens,output_tokens,cost_per_request\n"
        for (key, rows) in tables {
            for row in rows {
                text += [csv(key), csv(row.value), String(row.records), JSONWriter.format(row.requests), JSONWriter.format(row.cost),
                         JSONWriter.format(row.inputTokens), JSONWriter.format(row.outputTokens),
                         perRequest(row).map(JSONWriter.format) ?? ""].joined(separator: ",") + "\n"
            }
        }
        return text
    }

    private func csv(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@\t\r".contains(first) { value = "'" + value }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }
}
