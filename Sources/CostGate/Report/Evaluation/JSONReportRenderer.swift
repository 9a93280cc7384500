/// The machine-readable report: full-precision numbers, stable key order, `schema_version` for consumers.
public struct JSONReportRenderer: ReportRenderer {
    /// The report schema's version; bumped on any incompatible change.
    public static let schemaVersion = 1

    public init() {}

    public func render(_ evaluation: Evaluation) -> String {
        JSONWriter.write(document(evaluation))
    }

    /// The report as a JSON value.
    public func document(_ evaluation: Evaluation) -> JSONValue {
        let scaling = evaluation.candidates.first?.forecast.scaling ?? evaluation.baseline.scaling
        var candidates: [JSONValue] = []
        for candidate in evaluation.candidates {
            var members = forecastMembers(candidate.forecast)
            let delta = candidate.comparison.total
            members.append(("delta", .object([
                ("monthly_cost", number(delta.monthlyCost)),
                ("monthly_cost_pct", optional(delta.monthlyCostPct)),
                ("monthly_cost_low", number(delta.monthlyCostLow)),
                ("monthly_cost_high", number(delta.monthlyCostHigh)),
                ("requests", number(delta.requests)),
                ("cost_per_request", optional(delta.costPerRequest)),
                ("quality", optional(delta.quality)),
                ("cost_per_quality", optional(delta.costPerQuality)),
                ("cost_per_quality_pct", optional(delta.costPerQualityPct)),
            ])))
            members.append(("why", why(candidate.comparison.byRoute)))
            members.append(("prompts", .array(candidate.promptChanges.map { change in
                .object([
                    ("route", .string(change.route)),
                    ("base_tokens", number(Double(change.baseTokens))),
                    ("head_tokens", number(Double(change.headTokens))),
                    ("delta_tokens", number(Double(change.tokenChange))),
                    ("tokenizer", .string(change.counter)),
                    ("exact", .bool(change.exact)),
                ])
            })))
            members.append(("break_even", .array(candidate.breakEven.map { entry in
                .object([
                    ("route", .string(entry.route)), ("deployment", .string(entry.deployment)),
                    ("api_cost_per_request", number(entry.apiCostPerRequest)), ("fleet_monthly_cost", number(entry.fleetMonthlyCost)),
                    ("break_even_requests", number(entry.breakEvenRequests)), ("forecast_requests", number(entry.forecastRequests)),
                ])
            })))
            candidates.append(.object(members))
        }
        let policies: [JSONValue] = evaluation.policies.map { result in
            .object([
                ("name", .string(result.policy.name)),
                ("metric", .string(result.policy.metric.rawValue)),
                ("candidate", .string(result.candidate)),
                ("status", .string(result.status.rawValue)),
                ("actual", optional(result.actual)),
                ("limit", number(result.limit)),
                ("bound", .string(result.bound.rawValue)),
                ("severity", .string(result.policy.severity.rawValue)),
                ("where", .object(result.policy.filter.map { ($0.key, JSONValue.string($0.value)) })),
                ("note", result.note.map(JSONValue.string) ?? .null),
            ])
        }
        let unpriced = evaluation.candidates.map(\.forecast.unpricedRecords).max() ?? evaluation.baseline.unpricedRecords
        return .object([
            ("schema_version", number(Double(Self.schemaVersion))),
            ("tool", .string("costgate \(CLI.version)")),
            ("command", .string(evaluation.command)),
            ("currency", .string("USD")),
            ("result", .string(evaluation.result.rawValue)),
            ("baseline", .object(forecastMembers(evaluation.baseline))),
            ("candidates", .array(candidates)),
            ("policies", .array(policies)),
            ("backtest", .array(evaluation.backtests.map { backtest in
                func metrics(_ m: Calibration.Metrics) -> JSONValue {
                    .object([("ttft_ms", optional(m.ttft)), ("tpot_ms", optional(m.tpot)), ("e2e_ms", optional(m.e2e))])
                }
                return .object([
                    ("deployment", .string(backtest.deployment)), ("records", number(Double(backtest.records))),
                    ("coefficients", .string(backtest.coefficients)), ("measured", metrics(backtest.measured)),
                    ("predicted", metrics(backtest.predicted)), ("error", metrics(backtest.errors)),
                ])
            })),
            ("warnings", .array(evaluation.warnings.map(JSONValue.string))),
            ("skipped_records", number(Double(evaluation.skippedRecords))),
            ("unpriced_records", number(Double(max(unpriced, evaluation.baseline.unpricedRecords)))),
            ("assumptions", .object([
                ("traffic", .string(evaluation.trafficSource)),
                ("baseline", .string(evaluation.baselineDescription)),
                ("records", number(Double(scaling.records))),
                ("weighted_requests", number(scaling.weightedRequests)),
                ("window_hours", number(scaling.windowSeconds / 3600)),
                ("window_source", .string(scaling.windowFromPlan ? "plan" : scaling.windowFromBuckets ? "buckets" : "timestamps")),
                ("days", number(scaling.days)),
                ("growth", number(scaling.growth)),
                ("scale", number(scaling.factor)),
                ("confidence", number(scaling.confidence)),
                ("interval_method", .string(scaling.intervalMethod)),
                ("rounding", .string("per-request costs exact in picodollars; sums in double-double; JSON unrounded; text and Markdown rounded half-to-even to cents")),
                ("prices", .string((evaluation.candidates.first?.forecast ?? evaluation.baseline).prices.summary)),
            ])),
        ])
    }

    private func forecastMembers(_ forecast: Forecast) -> [(key: String, value: JSONValue)] {
        func groups(_ list: [Forecast.Group]) -> JSONValue {
            .object(list.map { ($0.name, JSONValue.object([("monthly_cost", number($0.monthlyCost)), ("requests", number($0.requests))])) })
        }
        return [
            ("name", .string(forecast.name)),
            ("monthly_cost", number(forecast.monthlyCost)),
            ("monthly_cost_low", number(forecast.monthlyCostLow)),
            ("monthly_cost_high", number(forecast.monthlyCostHigh)),
            ("requests", number(forecast.requests)),
            ("cost_per_request", optional(forecast.costPerRequest)),
            ("input_tokens", number(forecast.inputTokens)),
            ("output_tokens", number(forecast.outputTokens)),
            ("quality", optional(forecast.quality)),
            ("quality_coverage", number(forecast.qualityCoverage)),
            ("cost_per_quality", optional(forecast.costPerQuality)),
            ("unpriced_records", number(Double(forecast.unpricedRecords))),
            ("by_route", ArchitectureSection.jsonByRoute(groups(forecast.byRoute), forecast)),
            ("by_model", groups(forecast.byModel)),
            ("by_tag", .object(forecast.byTag.map { ($0.key, groups($0.groups)) })),
            ("latency", latency(forecast.serving?.latency)),
            ("fleet", .object((forecast.serving?.fleets ?? []).map { fleet in
                (fleet.name, JSONValue.object([
                    ("model", .string(fleet.model)), ("gpu", .string(fleet.gpu)), ("gpus_per_replica", number(Double(fleet.gpusPerReplica))),
                    ("gpu_hours", number(fleet.gpuHours)), ("replicas_mean", number(fleet.replicasMean)),
                    ("replicas_max", number(Double(fleet.replicasMax))), ("utilization", number(fleet.utilization)),
                    ("monthly_cost", number(fleet.monthlyCost)), ("simulated_requests", number(Double(fleet.simulatedRequests))),
                    ("preemptions", number(Double(fleet.preemptions))), ("rejected", number(Double(fleet.rejected))),
                    ("hourly_replicas", .array(fleet.hourlyReplicas.map { number($0) })),
                ] + fleetExtras(fleet)))
            })),
            ("rate_limits", .array((forecast.serving?.rateLimits ?? []).map { use in
                .object([
                    ("model", .string(use.model)), ("peak_rpm", number(use.peakRequestsPerMinute)), ("peak_tpm", number(use.peakTokensPerMinute)),
                    ("rpm_limit", optional(use.rpmLimit)), ("tpm_limit", optional(use.tpmLimit)),
                    ("peak_rpm_share", optional(use.rpmShare)), ("peak_tpm_share", optional(use.tpmShare)),
                    ("peak_rpm_records", number(Double(use.peakRequestsRecords))), ("peak_tpm_records", number(Double(use.peakTokensRecords))),
                    ("peak_rpm_relative_error", number(use.peakRequestsRelativeError)),
                    ("peak_tpm_relative_error", number(use.peakTokensRelativeError)),
                ])
            })),
            ("prices", PriceFactsReport.json(forecast.prices)),
        ] + ArchitectureSection.jsonMembers(forecast) + fallbackMembers(forecast.serving?.fallbacks ?? [])
    }

    private func latency(_ latency: ServingForecast.Latency?) -> JSONValue {
        guard let latency else { return .null }
        return .object([
            ("ttft_ms", latency.ttft.json), ("tpot_ms", latency.tpot.json), ("e2e_ms", latency.e2e.json),
            ("coverage", number(latency.coverage)),
            ("by_route", .object(latency.byRoute.map { entry in
                (entry.route, JSONValue.object([("ttft_ms", entry.ttft.json), ("tpot_ms", entry.tpot.json), ("e2e_ms", entry.e2e.json)]))
            })),
        ])
    }

    /// Per route, the parts of its change (`ChangeDecomposition`) and the factors on each side, full precision.
    private func why(_ rows: [Comparison.Row]) -> JSONValue {
        func factors(_ f: ChangeDecomposition.Factors, slot: String?, share: Double) -> JSONValue {
            .object([
                ("main_slot", slot.map(JSONValue.string) ?? .null), ("main_slot_share", number(share)),
                ("requests", number(f.requests)), ("input_tokens_per_request", number(f.inputPerRequest)),
                ("output_tokens_per_request", number(f.outputPerRequest)), ("cache_hit_share", number(f.cacheHitShare)),
                ("main_price", directions(f.price)), ("mix_premium", directions(f.mix)),
            ])
        }
        func directions(_ values: [Double]) -> JSONValue {
            .object(zip(["uncached_input_per_token", "cached_input_per_token", "output_per_token", "gpu_per_request"], values)
                .map { ($0.0, number($0.1)) })
        }
        let routes = rows.compactMap { row in row.why.map { (row.name, $0) } }.sorted { $0.0 < $1.0 }
        return .object(routes.map { name, why in
            (name, JSONValue.object([
                ("change", number(why.change)),
                ("parts", .object(ChangeDecomposition.Factor.allCases.map { ($0.rawValue, number(why.part($0))) })),
                ("base", factors(why.baseFactors, slot: why.baseSlot, share: why.baseMainShare)),
                ("head", factors(why.headFactors, slot: why.headSlot, share: why.headMainShare)),
            ]))
        })
    }

    private func number(_ value: Double) -> JSONValue { .number(value) }
    private func optional(_ value: Double?) -> JSONValue { value.map { .number($0) } ?? .null }
}
