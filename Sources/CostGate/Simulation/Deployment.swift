/// A self-hosted model deployment: model, GPU, parallelism, engine limits, replicas and price.
///
/// Parsed from one entry of a plan's `deployments` object; see `parse(_:name:file:)` for the contract.
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
        return copy
    }

    static let knownKeys = ["model", "architecture", "gpu", "tensor_parallel", "engine", "replicas",
                            "price_per_gpu_hour", "instance", "spot_share", "dtype"]

    /// Parses one deployment from a plan.
    ///
    /// Contract: `{"model": HF id, "architecture": {config.json fields}?, "gpu": id, "tensor_parallel": n,
    /// "engine": {"max_num_seqs", "max_num_batched_tokens", "prefix_caching", "gpu_memory_utilization",
    /// "kv_cache_dtype"}, "replicas": n | {"min", "max", "metric", "scale_up_at", "scale_down_at", "cooldown_s",
    /// "cold_start_s"}, "price_per_gpu_hour": usd | "instance": "aws/p5.48xlarge", "spot_share": 0…1,
    /// "dtype": "bf16" | "fp8"}`. `gpu` may be omitted when `instance` names one.
    /// - Parameters:
    ///   - value: the deployment object.
    ///   - name: its key under `deployments`.
    ///   - file: the plan file, for errors.
    /// - Returns: the deployment.
    /// - Throws: `CostGateError.badPlan` with the JSON path (`deployments.NAME.engine.max_num_seqs`), or
    ///   `.unknownName` with suggestions for unknown models, GPUs, instances and keys.
    public static func parse(_ value: JSONValue, name: String, file: String) throws(CostGateError) -> Deployment {
        let base = "deployments." + name
        guard let members = value.objectMembers else {
            throw .badPlan(file: file, path: base, expected: "an object", found: value.kindDescription)
        }
        for member in members where !knownKeys.contains(member.key) {
            throw .unknown("deployment key", member.key, in: "\(file): '\(base)'", known: knownKeys)
        }
        let reader = DeploymentFieldReader(file: file, base: base, value: value)

        // Model: a catalog id, or any id with an inline architecture.
        let modelID = try reader.string("model")
        var model: ModelArchitecture
        if let inline = value["architecture"] {
            model = try ModelCatalog.parseArchitecture(inline, id: modelID ?? name, file: file, path: base + ".architecture")
        } else if let modelID {
            guard let known = ModelCatalog.model(modelID) else {
                throw .unknown("model", modelID, in: "\(file): '\(base).model' (add an inline \"architecture\" for other models)",
                               known: ModelCatalog.ids)
            }
            model = known
        } else {
            throw .badPlan(file: file, path: base + ".model", expected: "a Hugging Face model id", found: "nothing")
        }
        if let dtype = try reader.string("dtype") {
            switch dtype.lowercased() {
            case "bf16", "bfloat16", "fp16", "float16": model.weightBytes = 2
            case "fp8", "int8", "float8": model.weightBytes = 1
            case "int4", "fp4", "awq", "gptq": model.weightBytes = 0.5
            default:
                throw .badPlan(file: file, path: base + ".dtype", expected: "bf16, fp16, fp8, int8 or int4", found: excerpt(dtype))
            }
        }

        // Instance and GPU.
        var instance: CloudInstance?
        if let instanceID = try reader.string("instance") {
            guard let found = InstanceCatalog.instance(instanceID) else {
                throw .unknown("instance", instanceID, in: "\(file): '\(base).instance'", known: InstanceCatalog.all.map(\.id))
            }
            instance = found
        }
        let gpuID = try reader.string("gpu") ?? instance?.gpu
        guard let gpuID else {
            throw .badPlan(file: file, path: base + ".gpu", expected: "a GPU id such as \"H100\" (or an \"instance\")", found: "nothing")
        }
        guard let gpu = GPUCatalog.spec(gpuID) else {
            throw .unknown("GPU", gpuID, in: "\(file): '\(base).gpu'", known: GPUCatalog.ids)
        }
        if let instance, instance.gpu != gpu.id {
            throw .badPlan(file: file, path: base + ".gpu", expected: "\"\(instance.gpu)\" to match instance \(instance.id)",
                           found: excerpt(gpuID))
        }
        let tp = try reader.int("tensor_parallel", min: 1, max: 64) ?? 1
        if tp & (tp - 1) != 0 {
            throw .badPlan(file: file, path: base + ".tensor_parallel", expected: "a power of two (1, 2, 4, 8…)", found: "\(tp)")
        }
        if model.heads % tp != 0 {
            throw .badPlan(file: file, path: base + ".tensor_parallel",
                           expected: "a divisor of the model's \(model.heads) attention heads", found: "\(tp)")
        }

        let engine = try ServingEngineConfig.parse(value["engine"], reader: reader.nested("engine"))
        let replicas = try ReplicaPolicy.parse(value["replicas"], reader: reader.nested("replicas"))
        let price = try reader.number("price_per_gpu_hour", min: 0, max: 1000)
        let spotShare = try reader.number("spot_share", min: 0, max: 1) ?? 0
        if spotShare > 0, instance == nil {
            throw .badPlan(file: file, path: base + ".spot_share", expected: "an \"instance\" to take spot prices from",
                           found: "no instance")
        }
        let deployment = Deployment(name: name, model: model, gpu: gpu, tensorParallel: tp, engine: engine,
                                    replicas: replicas, pricePerGPUHour: price, instance: instance, spotShare: spotShare)
        let fit = deployment.kvCapacityTokens
        if fit <= 0 {
            throw .badPlan(file: file, path: base + ".tensor_parallel",
                           expected: "enough GPU memory for \(model.id) weights on \(tp)× \(gpu.id) (raise tensor_parallel)",
                           found: "\(tp)")
        }
        return deployment
    }
}
