extension Evaluator {
    /// The jobs with every `"calibration": "traffic"` deployment fitted on the base side's measured latencies;
    /// the jobs unchanged when no plan asks for it.
    static func fittingOnTraffic(_ jobs: [SideJob], progress: (@Sendable (String) -> Void)?) throws(CostGateError) -> [SideJob] {
        guard jobs.contains(where: { $0.side.loaded.plan.deployments.contains(where: \.calibratesFromTraffic) }) else { return jobs }
        let base = jobs[0]
        let basePlan = base.side.loaded.plan
        let baseReplay = try Replayer.replay(base.traffic, plan: basePlan, name: base.side.name, catalog: basePlan.catalog,
                                             prompts: base.prompts, reference: basePlan, referencePrompts: base.prompts)
        let window = try Forecaster.scaling(traffic: base.traffic, plan: basePlan).windowSeconds
        var fitted: [String: Calibration] = [:]
        var result = jobs
        for job in result.indices {
            let plan = result[job].side.loaded.plan
            for index in plan.deployments.indices where plan.deployments[index].calibratesFromTraffic {
                let deployment = plan.deployments[index]
                if fitted[deployment.name] == nil {
                    progress?("costgate: fitting \(deployment.name) on the recorded latencies…")
                    fitted[deployment.name] = try TrafficCalibration.fit(deployment, planFile: plan.file, baseTraffic: base.traffic,
                                                                         baseReplay: baseReplay, basePlan: basePlan, windowSeconds: window)
                }
                let calibration = fitted[deployment.name]!
                if let mismatch = calibration.mismatch(with: deployment) {
                    throw .badPlan(file: plan.file, path: "deployments.\(deployment.name).calibration",
                                   expected: "the same model, GPU, tensor-parallel degree and engine as the base side's '\(deployment.name)' (for \"traffic\")",
                                   found: "the base side's is \(mismatch)")
                }
                result[job].side.loaded.plan.deployments[index].calibration = calibration
            }
        }
        return result
    }
}
