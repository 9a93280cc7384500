extension Deployment {
    /// The keys a deployment may have.
    static let knownKeys = ["model", "architecture", "gpu", "tensor_parallel", "engine", "replicas",
                            "price_per_gpu_hour", "instance", "spot_share", "dtype", "calibration"]

    /// Parses one deployment from a plan, with the plan's one strict reader (`PlanObject`).
    ///
    /// Contract: `{"model": HF id, "architecture": {config.json fields}?, "gpu": id, "tensor_parallel": n,
    /// "engine": {"max_num_seqs", "max_num_batched_tokens", "prefix_caching", "gpu_memory_utilization",
    /// "kv_cache_dtype"}, "replicas": n | {"min", "max", "metric", "scale_up_at", "scale_down_at", "cooldown_s",
    /// "cold_start_s"}, "price_per_gpu_hour": usd | "instance": "aws/p5.48xlarge", "spot_share": 0…1,
    /// "dtype": "bf16" | "fp8", "calibration": "C.json"}`. `gpu` may be omitted when `instance` names one; the
    /// engine object also takes `name` (`vllm`, `sglang`, `tensorrt-llm`) and `version`, which pick the engine
    /// profile. The calibration file is read by the plan loader (`LoadedPlan.resolvingCalibrations()`).
    /// - Parameters:
    ///   - value: the deployment object.
    ///   - name: its key under `deployments`.
    ///   - file: the plan file, for errors.
    /// - Returns: the deployment.
    /// - Throws: `CostGateError.badPlan` with the JSON path (`deployments.NAME.engine.max_num_seqs`), or
    ///   `.unknownName` with suggestions for unknown models, GPUs, instances, keys and dtypes.
    public static func parse(_ value: JSONValue, name: String, file: String) throws(CostGateError) -> Deployment {
        var object = try PlanObject(value, path: "deployments." + name, file: file)
        // Unknown keys first: a misspelt key explains the "missing" errors its absence would cause.
        try object.rejectUnknownKeys(knownKeys)

        // Model: a catalog id, or any id with an inline architecture.
        let modelID = try object.string("model")
        var model: ModelArchitecture
        if var inline = try object.object("architecture") {
            model = try ModelArchitecture.parse(&inline, id: modelID ?? name)
        } else if let modelID {
            guard let known = ModelCatalog.model(modelID) else {
                throw .unknown("model", modelID, in: "\(file): '\(object.childPath("model"))' (add an inline \"architecture\" for other models)",
                               known: ModelCatalog.ids)
            }
            model = known
        } else {
            throw object.error(at: "model", expected: "a Hugging Face model id", found: "nothing")
        }
        if let bytes = try object.choice("dtype", kind: "dtype", [
            "bf16": 2.0, "bfloat16": 2, "fp16": 2, "float16": 2, "fp8": 1, "int8": 1, "float8": 1,
            "int4": 0.5, "fp4": 0.5, "awq": 0.5, "gptq": 0.5,
        ]) {
            model.weightBytes = bytes
        }

        // Instance and GPU.
        var instance: CloudInstance?
        if let instanceID = try object.string("instance") {
            guard let found = InstanceCatalog.instance(instanceID) else {
                throw .unknown("instance", instanceID, in: "\(file): '\(object.childPath("instance"))'", known: InstanceCatalog.all.map(\.id))
            }
            instance = found
        }
        let gpuID = try object.string("gpu") ?? instance?.gpu
        guard let gpuID else {
            throw object.error(at: "gpu", expected: "a GPU id such as \"H100\" (or an \"instance\")", found: "nothing")
        }
        guard let gpu = GPUCatalog.spec(gpuID) else {
            throw .unknown("GPU", gpuID, in: "\(file): '\(object.childPath("gpu"))'", known: GPUCatalog.ids)
        }
        if let instance, instance.gpu != gpu.id {
            throw object.error(at: "gpu", expected: "\"\(instance.gpu)\" to match instance \(instance.id)", found: excerpt(gpuID))
        }
        let tp = try object.int("tensor_parallel", in: 1...64) ?? 1
        if tp & (tp - 1) != 0 {
            throw object.error(at: "tensor_parallel", expected: "a power of two (1, 2, 4, 8…)", found: "\(tp)")
        }
        if model.heads % tp != 0 {
            throw object.error(at: "tensor_parallel", expected: "a divisor of the model's \(model.heads) attention heads", found: "\(tp)")
        }

        var engine = ServingEngineConfig()
        if var engineObject = try object.object("engine") { engine = try ServingEngineConfig.parse(&engineObject) }
        let replicas = try ReplicaPolicy.parse(in: &object, key: "replicas")
        let price = try object.number("price_per_gpu_hour", in: 0...1000, as: "a price per GPU-hour in USD")
        let spotShare = try object.number("spot_share", in: 0...1, as: "a spot share") ?? 0
        if spotShare > 0, instance == nil {
            throw object.error(at: "spot_share", expected: "an \"instance\" to take spot prices from", found: "no instance")
        }
        let calibrationFile = try object.string("calibration")
        var deployment = Deployment(name: name, model: model, gpu: gpu, tensorParallel: tp, engine: engine,
                                    replicas: replicas, pricePerGPUHour: price, instance: instance, spotShare: spotShare)
        deployment.calibrationFile = calibrationFile
        if deployment.kvCapacityTokens <= 0 {
            throw object.error(at: "tensor_parallel",
                               expected: "enough GPU memory for \(model.id) weights on \(tp)× \(gpu.id) (raise tensor_parallel)",
                               found: "\(tp)")
        }
        return deployment
    }
}
