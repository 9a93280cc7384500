/// The simulation as full-precision JSON.
public struct SimulationJSONRenderer: ReportRenderer {
    /// Creates the renderer.
    public init() {}

    /// Renders `listing` as JSON.
    public func render(_ listing: SimulationListing) -> String {
        let deployment = listing.deployment
        let result = listing.result
        return JSONWriter.write(.object([
            ("deployment", .object([
                ("model", .string(deployment.model.id)), ("gpu", .string(deployment.gpu.id)),
                ("tensor_parallel", .number(Double(deployment.tensorParallel))),
                ("kv_cache_tokens", .number(Double(deployment.kvCapacityTokens))),
            ])),
            ("load", .object([
                ("requests", .number(Double(listing.requests))),
                ("rate", listing.rate.map { .number($0) } ?? .null),
                ("concurrency", listing.concurrency.map { .number(Double($0)) } ?? .null),
            ])),
            ("completed", .number(Double(listing.completed))),
            ("rejected", .number(Double(result.rejected))),
            ("preemptions", .number(Double(result.preemptions))),
            ("duration_s", .number(result.span)),
            ("request_throughput", .number(listing.requestRate)),
            ("output_token_throughput", .number(result.outputThroughput)),
            ("ttft_ms", listing.ttft.json), ("tpot_ms", listing.tpot.json), ("e2e_ms", listing.e2e.json),
            ("utilization", .number(result.fleet.utilization)),
            ("mean_batch_size", .number(result.fleet.meanBatchSize)),
            ("gpu_hours", .number(result.fleet.gpuHours)),
            ("cost_usd", .number(result.fleet.cost)),
        ]))
    }
}
