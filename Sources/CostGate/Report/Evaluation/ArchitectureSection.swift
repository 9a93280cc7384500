/// The routers-and-caches part of the evaluation reports: per side and route with a router or semantic cache, a
/// tier table, the classifier's and the cache's own lines, the hit rate used, and the cost per successful
/// outcome. Kept apart from the renderers, which each call one function here.
enum ArchitectureSection {
    /// The sides that have something to show, baseline first.
    private static func sides(_ evaluation: Evaluation) -> [Forecast] {
        ([evaluation.baseline] + evaluation.candidates.map(\.forecast)).filter { !$0.architectures.isEmpty }
    }

    /// Header and rows of one route's table; `clean` escapes names for the output format.
    private static func rows(_ route: RouteArchitecture, clean: (String) -> String) -> [[String]] {
        var rows: [[String]] = []
        for tier in route.tiers {
            rows.append(["tier " + clean(tier.name), clean(tier.model), Format.count(tier.requests), Format.money(tier.monthlyCost),
                         tier.quality.map { Format.fixed($0, digits: 3) } ?? "n/a", tier.costPerQuality.map(Format.unitCost) ?? "n/a",
                         Format.count(tier.escalations)])
        }
        if let classifier = route.classifier {
            rows.append(["classifier", clean(classifier.model), Format.count(classifier.calls), Format.money(classifier.monthlyCost), "", "", ""])
        }
        if let embedding = route.embedding {
            rows.append(["cache embedding", clean(embedding.model), Format.count(embedding.calls), Format.money(embedding.monthlyCost), "", "", ""])
            rows.append(["cache store", Format.fixed(route.storePricePerHour, digits: 4) + " USD/h", "", Format.money(route.storeMonthlyCost), "", "", ""])
        }
        rows.append(["route total", "", Format.count(route.requests), Format.money(route.monthlyCost), "", "", ""])
        return rows
    }

    static let header = ["Line", "Model", "Requests / calls", "Monthly cost", "Quality", "Cost / quality", "Escalated calls"]

    /// A sentence on the cache: the hit rate used and what the cache itself costs.
    private static func cacheLine(_ route: RouteArchitecture) -> String? {
        guard let rate = route.hitRate else { return nil }
        var text = "cache hit rate used: " + Format.fixed(rate * 100, digits: 1) + "%"
        if route.hitRateSetting == "measured" { text += " (measured from the records)" }
        text += "; the cache itself costs " + Format.money(route.cacheMonthlyCost) + " a month"
        if let latency = route.hitLatencyMs { text += "; hit latency " + Format.milliseconds(latency) + " ms" }
        return text
    }

    private static func outcomeLine(_ evaluation: Evaluation, clean: (String) -> String) -> String? {
        let forecasts = [evaluation.baseline] + evaluation.candidates.map(\.forecast)
        guard forecasts.contains(where: { $0.outcomes != nil }) else { return nil }
        return "Cost per successful outcome: " + forecasts.map { forecast in
            clean(forecast.name) + " " + (forecast.outcomes?.costPerSuccess.map(Format.unitCost) ?? "n/a")
                + (forecast.outcomes?.successRate.map { " (" + Format.fixed($0 * 100, digits: 1) + "% succeed)" } ?? "")
        }.joined(separator: ", ")
    }

    /// The section for the terminal report, "" when no side has a router or cache and no record an outcome.
    static func text(_ evaluation: Evaluation) -> String {
        var text = ""
        for forecast in sides(evaluation) {
            for route in forecast.architectures {
                text += "\nRouter and cache, route \(TextTable.clean(route.route)) (\(TextTable.clean(forecast.name))):\n"
                var table = TextTable(header.map { $0.lowercased() }, rightAligned: [2, 3, 4, 5, 6])
                for row in rows(route, clean: { TextTable.clean($0) }) { table.add(row) }
                text += table.render()
                if let line = cacheLine(route) { text += "  " + line + "\n" }
            }
        }
        if let line = outcomeLine(evaluation, clean: { TextTable.clean($0) }) { text += "\n" + line + "\n" }
        return text
    }

    /// The section for the Markdown comment, "" when there is nothing to show.
    static func markdown(_ evaluation: Evaluation) -> String {
        var text = ""
        for forecast in sides(evaluation) {
            for route in forecast.architectures {
                text += "\n#### Router and cache: \(Markdown.code(route.route)) (\(Markdown.escape(forecast.name)))\n\n"
                text += Markdown.table(header, rows(route, clean: { Markdown.escape($0) }), alignRight: [2, 3, 4, 5, 6])
                if let line = cacheLine(route) { text += "\n" + line.prefix(1).uppercased() + line.dropFirst() + ".\n" }
            }
        }
        if let line = outcomeLine(evaluation, clean: { Markdown.escape($0) }) { text += "\n" + line + ".\n" }
        return text
    }

    /// `by_route` with `tiers` and `cache` added to each route that has a router or cache.
    static func jsonByRoute(_ byRoute: JSONValue, _ forecast: Forecast) -> JSONValue {
        guard !forecast.architectures.isEmpty, let members = byRoute.objectMembers else { return byRoute }
        return .object(members.map { member in
            guard let route = forecast.architectures.first(where: { $0.route == member.key }),
                  var fields = member.value.objectMembers else { return member }
            fields.append(("tiers", .object(route.tiers.map { tier in
                (tier.name, JSONValue.object([
                    ("model", .string(tier.model)), ("requests", .number(tier.requests)), ("monthly_cost", .number(tier.monthlyCost)),
                    ("escalation_cost", .number(tier.escalationCost)), ("escalations", .number(tier.escalations)),
                    ("quality", tier.quality.map { .number($0) } ?? .null),
                    ("scored_requests", .number(tier.scoredRequests)),
                    ("cost_per_quality", tier.costPerQuality.map { .number($0) } ?? .null),
                ]))
            })))
            if let classifier = route.classifier {
                fields.append(("classifier", .object([("model", .string(classifier.model)), ("calls", .number(classifier.calls)),
                                                      ("monthly_cost", .number(classifier.monthlyCost))])))
            }
            if let embedding = route.embedding {
                fields.append(("cache", .object([
                    ("hit_rate", route.hitRate.map { .number($0) } ?? .null),
                    ("hit_rate_setting", route.hitRateSetting.map { .string($0) } ?? .null),
                    ("embedding_model", .string(embedding.model)), ("embedding_calls", .number(embedding.calls)),
                    ("embedding_cost", .number(embedding.monthlyCost)),
                    ("store_price_per_hour", .number(route.storePricePerHour)), ("store_cost", .number(route.storeMonthlyCost)),
                    ("monthly_cost", .number(route.cacheMonthlyCost)),
                    ("hit_latency_ms", route.hitLatencyMs.map { .number($0) } ?? .null),
                ])))
            }
            return (member.key, .object(fields))
        })
    }

    /// Members added to a side's JSON: `outcomes` when records carry one (nothing otherwise).
    static func jsonMembers(_ forecast: Forecast) -> [(key: String, value: JSONValue)] {
        guard let outcomes = forecast.outcomes else { return [] }
        return [("outcomes", .object([
            ("successes", .number(outcomes.successes)), ("requests_with_outcome", .number(outcomes.withOutcome)),
            ("monthly_cost", .number(outcomes.monthlyCost)),
            ("cost_per_success", outcomes.costPerSuccess.map { .number($0) } ?? .null),
        ]))]
    }
}
