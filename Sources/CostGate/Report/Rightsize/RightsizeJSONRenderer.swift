/// The rightsizing options as full-precision JSON.
public struct RightsizeJSONRenderer: ReportRenderer {
    /// Creates the renderer.
    public init() {}

    /// Renders `listing` as JSON.
    public func render(_ listing: RightsizeListing) -> String {
        JSONWriter.write(document(listing))
    }

    /// The listing as a JSON value.
    func document(_ listing: RightsizeListing) -> JSONValue {
        let report = listing.report
        func replicas(_ policy: ReplicaPolicy) -> JSONValue {
            switch policy {
            case .fixed(let n): return .number(Double(n))
            case .autoscale(let p):
                return .object([("min", .number(Double(p.min))), ("max", .number(Double(p.max))),
                                ("metric", .string(p.metric.rawValue))])
            }
        }
        let options: [JSONValue] = report.options.map { o in
            .object([
                ("gpu", .string(o.deployment.gpu.id)), ("tensor_parallel", .number(Double(o.deployment.tensorParallel))),
                ("replicas", replicas(o.deployment.replicas)), ("price_per_gpu_hour", .number(o.deployment.pricePerGPUHour)),
                ("price_source", .string(o.deployment.priceSource)), ("monthly_cost", .number(o.monthlyCost)),
                ("gpu_hours", .number(o.monthlyGPUHours)), ("utilization", .number(o.utilization)),
                ("replicas_mean", .number(o.replicasMean)),
                ("ttft_ms", o.ttft.json), ("tpot_ms", o.tpot.json), ("e2e_ms", o.e2e.json),
            ])
        }
        var members: [(key: String, value: JSONValue)] = [
            ("route", .string(listing.route)), ("model", .string(listing.model)),
            ("slos", .object(listing.slos.map { ($0.name, JSONValue.number($0.limitMs)) })),
            ("options", .array(options)),
            ("infeasible", .array(report.infeasible.map {
                .object([("gpu", .string($0.gpu)), ("tensor_parallel", .number(Double($0.tensorParallel))),
                         ("reason", .string($0.reason))])
            })),
        ]
        if let b = report.breakEven {
            members.append(("break_even", .object([
                ("api_cost_per_request", .number(b.apiCostPerRequest)), ("api_monthly_cost", .number(b.apiMonthlyCost)),
                ("fleet_monthly_cost", .number(b.fleetMonthlyCost)),
                ("break_even_monthly_requests", .number(b.breakEvenMonthlyRequests)),
                ("monthly_requests", .number(b.monthlyRequests)),
            ])))
        } else {
            members.append(("break_even", .null))
        }
        return .object(members)
    }
}
