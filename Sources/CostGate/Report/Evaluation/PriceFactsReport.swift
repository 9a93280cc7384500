/// The price facts of a report (`PriceFacts`) in each format: discounts as list vs effective cost, deprecated
/// models, and reconciliation against provider bills. Confidential plans show none of the discount rows.
enum PriceFactsReport {
    /// The facts as JSON, full precision.
    static func json(_ facts: PriceFacts) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("sources", .string(facts.summary)),
            ("confidential", .bool(facts.confidential)),
        ]
        if !facts.confidential {
            members.append(("list_monthly_cost", facts.listMonthlyCost.map { .number($0) } ?? .null))
            members.append(("discounts", .array(facts.discounts.map { item in
                .object([("model", .string(item.model)), ("pattern", .string(item.pattern)), ("discount", .number(item.fraction)),
                         ("list_monthly_cost", .number(item.listMonthlyCost)), ("effective_monthly_cost", .number(item.effectiveMonthlyCost))])
            })))
        }
        members.append(("reference_day", facts.referenceDay.map(JSONValue.string) ?? .null))
        members.append(("deprecations", .array(facts.deprecations.map { item in
            .object([("model", .string(item.model)), ("deprecation_date", .string(item.date)), ("past", .bool(item.past)),
                     ("requests", .number(item.requests))])
        })))
        members.append(("reconciliation", facts.drift.map { drift in
            .object([
                ("records", .number(Double(drift.records))), ("billed_usd", .number(drift.billedUSD)), ("priced_usd", .number(drift.pricedUSD)),
                ("price_drift_pct", drift.largestDriftPercent.map { .number($0) } ?? .null),
                ("by_model", .array(drift.rows.map { row in
                    .object([("model", .string(row.model)), ("records", .number(Double(row.records))), ("billed_usd", .number(row.billedUSD)),
                             ("priced_usd", .number(row.pricedUSD)), ("drift_pct", row.driftPercent.map { .number($0) } ?? .null)])
                })),
            ])
        } ?? .null))
        members.append(("prompt_cache", .object(facts.promptCache.map { route in
            (route.route, JSONValue.object([
                ("requests", .number(Double(route.requests))), ("hits", .number(Double(route.hits))),
                ("input_tokens", .number(Double(route.inputTokens))), ("cached_tokens", .number(Double(route.cachedTokens))),
                ("written_tokens", .number(Double(route.writtenTokens))), ("cached_share", .number(route.cachedShare)),
                ("ttl_seconds", .number(route.ttlSeconds)),
            ]))
        })))
        return .object(members)
    }

    /// The Markdown section, empty when no side has discounts or reconciliation to show.
    static func markdown(_ forecasts: [Forecast]) -> String {
        var text = ""
        let cacheRoutes = Array(Set(forecasts.flatMap { $0.prices.promptCache.map(\.route) })).sorted()
        if !cacheRoutes.isEmpty {
            let rows = cacheRoutes.map { route in
                [Markdown.code(route, inTable: true)] + forecasts.map { forecast in
                    forecast.prices.promptCache.first { $0.route == route }.map {
                        Format.fixed($0.cachedShare * 100, digits: 1) + "% (\($0.hits) of \($0.requests) hit)"
                    } ?? "recorded"
                }
            }
            text += "\n#### Provider prompt cache (cached share of input tokens)\n\n"
                + Markdown.table(["Route"] + forecasts.map { Markdown.escape($0.name) }, rows, alignRight: Set(1...forecasts.count))
        }
        for forecast in forecasts where !forecast.prices.discounts.isEmpty {
            let rows = forecast.prices.discounts.map { item in
                [Markdown.code(item.model, inTable: true), Format.fixed(item.fraction * 100, digits: 1) + "%", Format.money(item.listMonthlyCost),
                 Format.money(item.effectiveMonthlyCost)]
            }
            text += "\n#### List vs effective cost (\(Markdown.escape(forecast.name)))\n\n"
                + Markdown.table(["Model", "Discount", "List / month", "Effective / month"], rows, alignRight: [1, 2, 3])
        }
        // The head's prices (the first candidate's) are the ones a policy judges.
        let judged = forecasts.count > 1 ? forecasts[1] : forecasts.first
        if let judged, let drift = judged.prices.drift {
            let rows = drift.rows.map { row in
                [Markdown.code(row.model, inTable: true), Format.count(Double(row.records)), Format.unitCost(row.billedUSD),
                 Format.unitCost(row.pricedUSD), row.driftPercent.map(Format.percentChange) ?? "–"]
            }
            text += "\n#### Reconciliation with provider bills (\(Markdown.escape(judged.name)))\n\n"
                + Markdown.table(["Model", "Records", "Billed", "Priced", "Drift"], rows, alignRight: [1, 2, 3, 4])
        }
        return text
    }

    /// The plain-text section, empty when there is nothing to show.
    static func text(_ forecasts: [Forecast]) -> String {
        var text = ""
        for forecast in forecasts where !forecast.prices.promptCache.isEmpty {
            text += "\nProvider prompt cache (\(TextTable.clean(forecast.name))):\n"
            for route in forecast.prices.promptCache {
                text += "  \(TextTable.clean(route.route)): \(Format.fixed(route.cachedShare * 100, digits: 1))% of input tokens cached, \(route.hits) of \(route.requests) requests hit\n"
            }
        }
        for forecast in forecasts where !forecast.prices.discounts.isEmpty {
            text += "\nList vs effective cost (\(TextTable.clean(forecast.name))):\n"
            for item in forecast.prices.discounts {
                text += "  \(TextTable.clean(item.model)): \(Format.fixed(item.fraction * 100, digits: 1) + "%") off, list \(Format.money(item.listMonthlyCost)), effective \(Format.money(item.effectiveMonthlyCost)) a month\n"
            }
        }
        let judged = forecasts.count > 1 ? forecasts[1] : forecasts.first
        if let judged, let drift = judged.prices.drift {
            text += "\nReconciliation with provider bills (\(TextTable.clean(judged.name))):\n"
            for row in drift.rows {
                text += "  \(TextTable.clean(row.model)): \(row.records) records, billed \(Format.unitCost(row.billedUSD)), priced \(Format.unitCost(row.pricedUSD)), drift \(row.driftPercent.map(Format.percentChange) ?? "-")\n"
            }
        }
        return text
    }
}
