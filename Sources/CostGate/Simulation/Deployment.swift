/// A self-hosted model deployment: model, GPU, parallelism, engine limits, replicas and price.
///
/// Parsed from one entry of a plan's `deployments` object by `parse(_:name:file:)` (`Plan/Deployment+Parsing.swift`).
public struct Deployment: Sendable, Equatable {
    /// The deployment's name in the plan (`llama8b`).
    public var name: String
    /// The served model.
    public var model: ModelArchitecture
    /// The GPU type.
    public var gpu: GPUSpec
    /// Tensor-parallel degree: GPUs per replica.
    public var tensorParallel: Int
    /// vLLM engine settings.
    public var engine: ServingEngineConfig
    /// Fixed replica count or autoscaling policy.
    public var replicas: ReplicaPolicy
    /// Price per GPU-hour in USD, after any spot blending.
    public var pricePerGPUHour: Double
    /// Where the price comes from (`price_per_gpu_hour`, an instance id, or the catalog default).
    public var priceSource: String
    /// The catalog instance, when priced by one.
    public var instance: CloudInstance?
    /// Share of GPU-hours on spot capacity (0…1).
    public var spotShare: Double
    /// The `calibration` file the plan names, as written there.
    public var calibrationFile: String?
    /// Coefficients fitted to measurements of this deployment (`costgate calibrate`), which replace the engine
    /// profile's; the plan loader reads them from `calibrationFile`.
    public var calibration: Calibration?
    /// What the deployment serves: an LLM (simulated token by token) or another GPU service (simulated from
    /// measured service times).
    public var kind: Kind = .llm
    /// Service times and batch size of a `.service` deployment.
    public var service: ServiceModel?
    /// Owned GPUs: the price per GPU-hour is derived from purchase, power and hosting instead of a cloud price.
    public var owned: OwnedGPU?

    /// What a deployment serves.
    public enum Kind: String, Sendable, CaseIterable {
        /// A language model, simulated token by token (vLLM-style continuous batching).
        case llm
        /// Any other GPU service, simulated from per-request service times with a batch size.
        case service
    }

    /// Creates a deployment directly (the rightsizer builds variants this way).
    public init(name: String, model: ModelArchitecture, gpu: GPUSpec, tensorParallel: Int = 1,
                engine: ServingEngineConfig = ServingEngineConfig(), replicas: ReplicaPolicy = .fixed(1),
                pricePerGPUHour: Double? = nil, instance: CloudInstance? = nil, spotShare: Double = 0) {
        self.name = name
        self.model = model
        self.gpu = gpu
        self.tensorParallel = max(1, tensorParallel)
        self.engine = engine
        self.replicas = replicas
        self.instance = instance
        self.spotShare = spotShare
        if let pricePerGPUHour {
            self.pricePerGPUHour = pricePerGPUHour
            self.priceSource = "price_per_gpu_hour"
        } else if let instance {
            self.pricePerGPUHour = instance.pricePerGPUHour(spotShare: spotShare)
            self.priceSource = instance.id + (spotShare > 0 ? " (\(Int((spotShare * 100).rounded()))% spot)" : "")
        } else if let cheapest = InstanceCatalog.cheapestPerGPUHour(gpu: gpu.id) {
            self.pricePerGPUHour = cheapest.onDemandPerGPUHour
            self.priceSource = "catalog default: " + cheapest.id + " on-demand"
        } else {
            self.pricePerGPUHour = 0
            self.priceSource = "unpriced"
        }
    }

    /// GPUs per replica.
    public var gpusPerReplica: Int { tensorParallel }

    /// The deployment with another GPU, tensor-parallel degree and replica policy, re-priced from the catalog
    /// unless the original carried an explicit price for the same GPU.
    public func with(gpu: GPUSpec, tensorParallel: Int, replicas: ReplicaPolicy) -> Deployment {
        let keepPrice = gpu.id == self.gpu.id && priceSource == "price_per_gpu_hour"
        var copy = Deployment(name: name, model: model, gpu: gpu, tensorParallel: tensorParallel, engine: engine,
                              replicas: replicas, pricePerGPUHour: keepPrice ? pricePerGPUHour : nil,
                              instance: instance?.gpu == gpu.id ? instance : nil, spotShare: spotShare)
        if keepPrice { copy.priceSource = priceSource }
        copy.kind = kind
        copy.service = service
        if gpu.id == self.gpu.id, let owned { copy.setOwned(owned) }
        // A calibration describes one GPU at one tensor-parallel degree; variants fall back to the engine profile.
        if gpu.id == self.gpu.id, tensorParallel == self.tensorParallel { copy.calibration = calibration }
        return copy
    }

    /// Prices the deployment as owned GPUs (`OwnedGPU.pricePerGPUHour`).
    public mutating func setOwned(_ owned: OwnedGPU) {
        self.owned = owned
        pricePerGPUHour = owned.pricePerGPUHour
        priceSource = "owned (TCO)"
    }

    /// The GPUs the team owns for an owned deployment: every GPU the largest fleet needs.
    public var ownedGPUs: Int { replicas.maximum * gpusPerReplica }
}
