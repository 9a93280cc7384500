import Foundation

/// The simulation as a few lines and a latency table for a terminal.
public struct SimulationTextRenderer: ReportRenderer {
    /// Creates the renderer.
    public init() {}

    /// Renders `listing` as text.
    public func render(_ listing: SimulationListing) -> String {
        let deployment = listing.deployment
        let result = listing.result
        let number = Format.measurement
        var text = "\(deployment.model.id) on \(deployment.tensorParallel)× \(deployment.gpu.id)"
        text += " (KV cache \(Format.count(Double(deployment.kvCapacityTokens))) tokens per replica)\n"
        let load = listing.rate.map { "Poisson \(number($0)) req/s" } ?? "\(listing.concurrency ?? 0) concurrent clients"
        text += "load: \(listing.requests) requests, " + load + "\n"
        text += "completed \(listing.completed), rejected \(result.rejected), preemptions \(result.preemptions)\n"
        text += "duration \(number(result.span)) s, throughput \(number(listing.requestRate)) req/s, "
            + "\(number(result.outputThroughput)) output tok/s\n"
        text += "            mean       p50       p90       p95       p99\n"
        for (label, summary) in [("TTFT ms", listing.ttft), ("TPOT ms", listing.tpot), ("E2E ms", listing.e2e)] {
            text += label.padding(toLength: 8, withPad: " ", startingAt: 0)
            for value in [summary.mean, summary.p50, summary.p90, summary.p95, summary.p99] {
                let cell = number(value)
                text += String(repeating: " ", count: max(1, 10 - cell.count)) + cell
            }
            text += "\n"
        }
        text += "utilization \(number(result.fleet.utilization * 100))% (mean batch \(number(result.fleet.meanBatchSize))), "
        text += "\(number(result.fleet.gpuHours)) GPU-hours, "
        text += Format.money(result.fleet.cost) + " at \(Format.unitCost(deployment.pricePerGPUHour))/GPU-hour (\(deployment.priceSource))\n"
        return text
    }
}
