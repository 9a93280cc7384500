/// Coefficients fitted to measurements of one deployment (`costgate calibrate`), with what they were fitted on
/// and how well they fit; a deployment names the file with `"calibration": "C.json"`.
public struct Calibration: Sendable, Equatable {
    /// One measured run the fit used.
    public struct Run: Sendable, Equatable {
        /// The result file.
        public var file: String
        /// Poisson rate, requests/s (nil: as fast as possible).
        public var requestRate: Double?
        /// Closed-loop clients, when capped.
        public var maxConcurrency: Int?
        /// Completed requests.
        public var completed: Int
        /// Mean prompt tokens.
        public var meanInputTokens: Double
        /// Mean output tokens.
        public var meanOutputTokens: Double
        /// Measured mean TTFT, TPOT, E2E (ms).
        public var measured: Metrics
        /// The engine profile's forecast before calibration.
        public var before: Metrics
        /// The calibrated forecast.
        public var after: Metrics

        /// Creates a run record.
        public init(file: String, requestRate: Double?, maxConcurrency: Int?, completed: Int, meanInputTokens: Double,
                    meanOutputTokens: Double, measured: Metrics, before: Metrics, after: Metrics) {
            self.file = file
            self.requestRate = requestRate
            self.maxConcurrency = maxConcurrency
            self.completed = completed
            self.meanInputTokens = meanInputTokens
            self.meanOutputTokens = meanOutputTokens
            self.measured = measured
            self.before = before
            self.after = after
        }
    }

    /// Mean TTFT, TPOT and E2E latency in milliseconds (nil when not measured).
    public struct Metrics: Sendable, Equatable {
        /// Mean TTFT, ms.
        public var ttft: Double?
        /// Mean TPOT, ms.
        public var tpot: Double?
        /// Mean E2E latency, ms.
        public var e2e: Double?

        /// Creates metrics.
        public init(ttft: Double?, tpot: Double?, e2e: Double?) {
            self.ttft = ttft
            self.tpot = tpot
            self.e2e = e2e
        }
    }

    /// The served model's id.
    public var model: String
    /// The GPU id.
    public var gpu: String
    /// Tensor-parallel degree.
    public var tensorParallel: Int
    /// The engine.
    public var engine: EngineProfile.Engine
    /// The engine version of the deployment, when the plan gives one.
    public var engineVersion: String?
    /// The engine profile the fit started from.
    public var profile: String
    /// The fitted step-time coefficients.
    public var stepTime: StepTimeModel.Coefficients
    /// The fitted front-end time.
    public var frontEnd: EngineProfile.FrontEnd
    /// The runs fitted on.
    public var runs: [Run]

    /// Creates a calibration.
    public init(model: String, gpu: String, tensorParallel: Int, engine: EngineProfile.Engine, engineVersion: String?,
                profile: String, stepTime: StepTimeModel.Coefficients, frontEnd: EngineProfile.FrontEnd, runs: [Run]) {
        self.model = model
        self.gpu = gpu
        self.tensorParallel = tensorParallel
        self.engine = engine
        self.engineVersion = engineVersion
        self.profile = profile
        self.stepTime = stepTime
        self.frontEnd = frontEnd
        self.runs = runs
    }

    /// Median absolute relative error over the runs, per metric, of the forecast `at` (`\.before` or `\.after`).
    public func fitError(_ at: KeyPath<Run, Metrics>) -> Metrics {
        func median(_ metric: KeyPath<Metrics, Double?>) -> Double? {
            let errors = runs.compactMap { run -> Double? in
                guard let measured = run.measured[keyPath: metric], measured > 0,
                      let predicted = run[keyPath: at][keyPath: metric] else { return nil }
                return abs(predicted - measured) / measured
            }.sorted()
            guard !errors.isEmpty else { return nil }
            let mid = errors.count / 2
            return errors.count % 2 == 1 ? errors[mid] : (errors[mid - 1] + errors[mid]) / 2
        }
        return Metrics(ttft: median(\.ttft), tpot: median(\.tpot), e2e: median(\.e2e))
    }

    /// Why this calibration cannot be used for `deployment` (another model, GPU, tensor-parallel degree or
    /// engine), or nil when it can.
    public func mismatch(with deployment: Deployment) -> String? {
        if model != deployment.model.id { return "model \(model), not \(deployment.model.id)" }
        if gpu != deployment.gpu.id { return "GPU \(gpu), not \(deployment.gpu.id)" }
        if tensorParallel != deployment.tensorParallel {
            return "tensor_parallel \(tensorParallel), not \(deployment.tensorParallel)"
        }
        if engine != deployment.engine.name { return "engine \(engine.rawValue), not \(deployment.engine.name.rawValue)" }
        return nil
    }
}
