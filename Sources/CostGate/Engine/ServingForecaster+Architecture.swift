extension ServingForecaster {
    /// Latency of the requests on routes with a router or semantic cache: one weighted sample per path a request
    /// can take, so percentiles see the mixture rather than an average.
    ///
    /// - A cache hit answers in `hit_latency_ms` (TTFT and E2E; no TPOT).
    /// - A miss pays the same lookup, then the classifier's whole call (its `output_tokens`), then the tier's call:
    ///   TTFT = lookup + classifier + the tier's TTFT; E2E adds the tier's full call at the request's output length.
    /// - An escalated request also waits for the first tier's whole answer, then the target tier's call (chains
    ///   add each hop); its TTFT is everything before the last call plus that call's TTFT.
    /// Each path's weight is the record's weight times the expected share of requests taking it (hit share, tier
    /// share, escalation rates), so the samples of one record add up to its weight. Models are timed with their
    /// hosted profiles (calibrated on the sample's own latencies of that model where present); a path through a
    /// model with no profile gets no sample, which lowers the latency coverage the report shows.
    static func architectureSamples(traffic: Traffic, replay: Replay, plan: Plan,
                                    profiles: [HostedLatencyProfile?]) -> [ServingForecast.Sample] {
        guard let ledger = replay.architecture else { return [] }
        var samples: [ServingForecast.Sample] = []
        for position in ledger.entries.indices {
            let entry = ledger.entries[position]
            let index = Int(entry.record)
            let weight = replay.weights[index]
            let output = max(1, Int(replay.outputTokens[index]))
            let route = ledger.routes[Int(entry.route)]
            let lookup = route.hitLatencyMs ?? 0
            let classifierOutput = max(1, Int(plan.routeConfig(for: route.name).router?.classifier?.outputTokens ?? 1))
            var classifier = 0.0
            var firsts: [ArchitectureLedger.Component] = []
            var escalations: [ArchitectureLedger.Component] = []
            var timed = true
            for k in ledger.components(ofEntry: position) {
                let component = ledger.components[k]
                switch component.role {
                case .embedding: break
                case .classifier:
                    if let profile = profiles[Int(component.slot)] {
                        classifier = profile.latencyMs(outputTokens: classifierOutput)
                    } else {
                        timed = false
                    }
                case .tier: firsts.append(component)
                case .escalation: escalations.append(component)
                }
            }
            if entry.hitShare > 0, let hit = route.hitLatencyMs {
                samples.append(.init(record: index, weight: weight * entry.hitShare, ttftMs: hit, tpotMs: .nan, e2eMs: hit))
            }
            guard timed else { continue }
            for first in firsts where first.calls > 0 {
                guard let profile = profiles[Int(first.slot)] else { continue }
                // Deeper hops of a chain are nested: each is taken by a share of the hop before it.
                let chain = escalations.filter { $0.origin == first.target }.sorted { $0.calls > $1.calls }
                let before = lookup + classifier
                samples.append(.init(record: index, weight: weight * max(0, first.calls - (chain.first?.calls ?? 0)),
                                     ttftMs: before + profile.ttftMs, tpotMs: output > 1 ? profile.tpotMs : .nan,
                                     e2eMs: before + profile.latencyMs(outputTokens: output)))
                var elapsed = before + profile.latencyMs(outputTokens: output)
                for (hop, escalation) in chain.enumerated() {
                    guard let target = profiles[Int(escalation.slot)] else { break }
                    let deeper = hop + 1 < chain.count ? chain[hop + 1].calls : 0
                    samples.append(.init(record: index, weight: weight * max(0, escalation.calls - deeper),
                                         ttftMs: elapsed + target.ttftMs, tpotMs: output > 1 ? target.tpotMs : .nan,
                                         e2eMs: elapsed + target.latencyMs(outputTokens: output)))
                    elapsed += target.latencyMs(outputTokens: output)
                }
            }
        }
        return samples.filter { $0.weight > 0 }
    }
}
