/// Reconciliation: what the provider billed for recorded requests (`billed_cost_usd`, LiteLLM's `spend`) against
/// costgate's price of the same tokens, per model.
///
/// Only records the side replays unchanged are compared: the recorded model, the recorded input and output
/// tokens, priced by tokens. A record the plan moves to another model, or whose prompt or output it changes, has
/// no bill to compare with.
public struct PriceDrift: Sendable, Equatable {
    /// Per model, in id order.
    public var rows: [Row]

    /// One model's records: billed, priced and the drift between them.
    public struct Row: Sendable, Equatable {
        /// The catalog id the records were priced as.
        public var model: String
        /// Records compared.
        public var records: Int
        /// What the provider billed, USD, summed over the records (unweighted: both sides see the same records).
        public var billedUSD: Double
        /// costgate's price of the same records, USD.
        public var pricedUSD: Double

        /// (priced − billed) / billed in percent; nil when nothing was billed.
        public var driftPercent: Double? {
            billedUSD > 0 ? (pricedUSD - billedUSD) / billedUSD * 100 : nil
        }
    }

    /// Records compared across models.
    public var records: Int { rows.reduce(0) { $0 + $1.records } }
    /// Billed and priced totals, USD.
    public var billedUSD: Double { rows.reduce(0) { $0 + $1.billedUSD } }
    public var pricedUSD: Double { rows.reduce(0) { $0 + $1.pricedUSD } }

    /// The largest drift of any model, in absolute percent: the figure `price_drift_pct` measures, so one stale
    /// model's price fails a policy even when others offset it. Nil when no model was billed anything.
    public var largestDriftPercent: Double? {
        rows.compactMap { $0.driftPercent.map(abs) }.max()
    }

    /// Compares the billed cost of every record that carries one with the replay's price; nil when none does.
    public static func measure(traffic: Traffic, replay: Replay) -> PriceDrift? {
        var sums = Sums()
        sums.add(traffic: traffic, replay: replay, slots: nil, slotNames: replay.modelNames)
        return sums.drift(slotNames: replay.modelNames)
    }

    /// Billed and priced totals per slot, added one block of records at a time in record order.
    struct Sums {
        private var billed: [Int32: PreciseSum] = [:]
        // A model's priced records can cost more than Int64's 9.2 million USD of picodollars in all.
        private var priced: [Int32: Int128] = [:]
        private var counts: [Int32: Int] = [:]

        /// Adds `traffic`'s records replayed as `replay`; `slots` maps the replay's slots to the side's (`slotNames`),
        /// nil when they are the same.
        mutating func add(traffic: Traffic, replay: Replay, slots: [Int32]?, slotNames: [String]) {
            for (index, record) in traffic.records.enumerated() where record.billedCostUSD.isFinite {
                guard replay.billing[index] == .priced, replay.inputTokens[index] == record.inputTokens,
                      replay.outputTokens[index] == record.outputTokens else { continue }
                let slot = slots.map { $0[Int(replay.models[index])] } ?? replay.models[index]
                guard replay.catalog.sameModel(traffic.strings[record.model], slotNames[Int(slot)]) else { continue }
                billed[slot, default: PreciseSum()].add(record.billedCostUSD)
                priced[slot, default: 0] += Int128(replay.picodollars[index])
                counts[slot, default: 0] += 1
            }
        }

        /// The drift per model, nil when no record carried a billed cost.
        func drift(slotNames: [String]) -> PriceDrift? {
            guard !counts.isEmpty else { return nil }
            let rows = counts.keys.map { slot in
                Row(model: slotNames[Int(slot)], records: counts[slot]!, billedUSD: billed[slot]!.value,
                    pricedUSD: Double(priced[slot]!) * 1e-12)
            }
            return PriceDrift(rows: rows.sorted { $0.model < $1.model })
        }
    }
}
