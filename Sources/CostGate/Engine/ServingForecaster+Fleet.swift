extension ServingForecaster {
    /// An owned fleet's monthly cost parts and its break-even against renting the same GPU.
    static func ownedCost(_ owned: OwnedGPU, deployment: Deployment, runningGPUHours: Double, days: Double) -> ServingForecast.OwnedCost {
        let cloud = InstanceCatalog.cheapestPerGPUHour(gpu: deployment.gpu.id)
        let cloudPrice = cloud?.onDemandPerGPUHour
        return ServingForecast.OwnedCost(owned: owned, ownedGPUs: deployment.ownedGPUs, monthHours: days * 24,
                                         runningGPUHours: runningGPUHours, cloudInstance: cloud?.id, cloudPerGPUHour: cloudPrice,
                                         cloudMonthlyCost: cloudPrice.map { $0 * runningGPUHours },
                                         breakEvenHoursPerMonth: cloudPrice.flatMap { owned.breakEvenHoursPerMonth(cloudPerGPUHour: $0) })
    }

    /// For a `gpu_utilization` autoscaler: the same requests on a fixed fleet of the policy's maximum, so the
    /// report can show what the autoscaler saves and what it costs in p95 latency. Nil for other policies.
    static func fixedComparison(_ requests: [SimRequest], deployment: Deployment, autoscaled: SimulationResult, monthlyCost: Double,
                                days: Double) -> ServingForecast.FixedComparison? {
        guard case .autoscale(let policy) = deployment.replicas, policy.metric == .gpuUtilization else { return nil }
        var fixed = deployment
        fixed.replicas = .fixed(policy.max)
        let result = ServingSimulator.run(requests, deployment: fixed)
        // The fixed fleet's own span may end a little later than the autoscaled one's; each is scaled by its own.
        let scale = days * 86_400 / max(result.span, 1)
        var fixedCost = result.fleet.cost * scale
        if let owned = deployment.owned {
            fixedCost = owned.monthlyCost(ownedGPUs: fixed.ownedGPUs, monthHours: days * 24, runningGPUHours: result.fleet.gpuHours * scale)
        }
        return .init(replicas: policy.max, fixedMonthlyCost: fixedCost, fixedE2EP95Ms: LatencySummary(result.e2eMs).p95,
                     autoscaledMonthlyCost: monthlyCost, autoscaledE2EP95Ms: LatencySummary(autoscaled.e2eMs).p95)
    }
}
