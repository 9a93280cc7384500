/// Fits a deployment's coefficients on the base side's own measured latencies (`"calibration": "traffic"`).
///
/// The records the base plan sends to a deployment of the same name are replayed through the simulator at the
/// recorded load (each record's weight, no growth), and the decode scale, prefill scale and front-end time are
/// fitted as `costgate calibrate` fits a benchmark run: to the weighted means of the TTFT, TPOT and E2E the
/// records measured. The head side then forecasts with the coefficients that were just shown to match the fleet.
enum TrafficCalibration {
    /// The calibration of `deployment` fitted on the base side.
    /// - Throws: `CostGateError.badPlan` at `deployments.NAME.calibration` when the base side sends no record with a
    ///   measured latency to a deployment of that name, or when the base deployment is another model, GPU,
    ///   tensor-parallel degree or engine.
    static func fit(_ deployment: Deployment, planFile: String, baseTraffic: Traffic, baseReplay: Replay,
                    basePlan: Plan, windowSeconds: Double) throws(CostGateError) -> Calibration {
        let path = "deployments.\(deployment.name).calibration"
        guard var measuredOn = basePlan.deployment(named: deployment.name) else {
            throw .badPlan(file: planFile, path: path,
                           expected: "a deployment the base plan also declares, serving recorded requests (for \"traffic\")",
                           found: "no deployment '\(deployment.name)' in \(basePlan.file)")
        }
        guard deployment.kind != .service else {
            throw .badPlan(file: planFile, path: path, expected: "an LLM deployment (a GPU service takes its service times from the records already)",
                           found: "\"traffic\" on a deployment of kind service")
        }
        let served = Backtester.served(by: deployment.name, traffic: baseTraffic, replay: baseReplay)
        guard !served.measured.isEmpty else {
            throw .badPlan(file: planFile, path: path,
                           expected: "records served by '\(deployment.name)' on the base side with measured ttft_ms or latency_ms (for \"traffic\")",
                           found: "\(served.all.count) record(s), none with a measured latency")
        }
        measuredOn.calibration = nil
        let (requests, predict) = try Backtester.load(served, traffic: baseTraffic, replay: baseReplay, windowSeconds: windowSeconds,
                                                      context: (basePlan.file, "deployments.\(deployment.name)"))
        let measured = Backtester.measuredMeans(served.measured, traffic: baseTraffic, replay: baseReplay)
        let fleet = measuredOn
        let target = Calibrator.Target(measured: measured) { coefficients in
            predict(ServingSimulator.run(requests, deployment: fleet, options: ServingSimulator.Options(
                coefficients: coefficients, frontEnd: EngineProfile.FrontEnd.none)))
        }
        var input = WeightedMean()
        var output = WeightedMean()
        for index in served.measured {
            input.add(Double(baseReplay.inputTokens[index]), weight: baseReplay.weights[index])
            output.add(Double(baseReplay.outputTokens[index]), weight: baseReplay.weights[index])
        }
        let meanInput = input.value ?? 0
        let profile = measuredOn.engine.profile
        let fit = Calibrator.fit(from: profile, targets: [target], meanInputTokens: [meanInput])
        func forecast(_ step: StepTimeModel.Coefficients, _ frontEnd: EngineProfile.FrontEnd) -> Calibration.Metrics {
            Calibrator.adding(frontEnd.seconds(promptTokens: Int(meanInput.rounded())) * 1000, to: target.simulate(step))
        }
        let run = Calibration.Run(file: "traffic (\(served.measured.count) records)",
                                  requestRate: Double(requests.count) / max(windowSeconds, 1e-9), maxConcurrency: nil,
                                  completed: requests.count, meanInputTokens: meanInput, meanOutputTokens: output.value ?? 0,
                                  measured: measured, before: forecast(profile.stepTime, profile.frontEnd),
                                  after: forecast(fit.stepTime, fit.frontEnd))
        let calibration = Calibration(model: measuredOn.model.id, gpu: measuredOn.gpu.id, tensorParallel: measuredOn.tensorParallel,
                                      engine: measuredOn.engine.name, engineVersion: measuredOn.engine.version, profile: profile.id,
                                      stepTime: fit.stepTime, frontEnd: fit.frontEnd, runs: [run])
        if let mismatch = calibration.mismatch(with: deployment) {
            throw .badPlan(file: planFile, path: path,
                           expected: "the same model, GPU, tensor-parallel degree and engine as the base side's '\(deployment.name)' (for \"traffic\")",
                           found: "the base side's is \(mismatch)")
        }
        return calibration
    }
}
