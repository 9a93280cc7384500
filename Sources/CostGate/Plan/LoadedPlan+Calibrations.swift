extension LoadedPlan {
    /// The plan with every deployment's `calibration` file read, checked against the deployment and attached.
    ///
    /// Runs when the plan is loaded, before any traffic is read, so a wrong calibration fails fast.
    /// `"calibration": "traffic"` is fitted later, on the base side's records (`TrafficCalibration`).
    /// - Throws: `CostGateError.badPlan` at `deployments.NAME.calibration` when the file is unreadable, not a
    ///   calibration, or was fitted on another model, GPU, tensor-parallel degree or engine.
    public func resolvingCalibrations() throws(CostGateError) -> LoadedPlan {
        var copy = self
        for index in copy.plan.deployments.indices {
            let deployment = copy.plan.deployments[index]
            guard let file = deployment.calibrationFile, !deployment.calibratesFromTraffic else { continue }
            let path = "deployments.\(deployment.name).calibration"
            let (data, display) = try readFile(file)
            let calibration = try Calibration.parse(try JSONParser.parse([UInt8](data), file: display), file: display)
            if let mismatch = calibration.mismatch(with: deployment) {
                throw .badPlan(file: plan.file, path: path,
                               expected: "a calibration of this deployment (\(deployment.model.id) on \(deployment.tensorParallel)× \(deployment.gpu.id), \(deployment.engine.name.rawValue))",
                               found: "\(display), fitted on \(mismatch)")
            }
            copy.plan.deployments[index].calibration = calibration
        }
        return copy
    }
}
