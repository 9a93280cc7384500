extension Deployment {
    /// The keys a deployment may have.
    static let knownKeys = ["model", "architecture", "gpu", "tensor_parallel", "engine", "replicas",
                            "price_per_gpu_hour", "instance", "spot_share", "dtype", "calibration", "kind", "owned"]
    /// The keys a `"kind": "service"` deployment may have.
    static let serviceKeys = ["kind", "model", "gpu", "instance", "gpus_per_replica", "replicas", "price_per_gpu_hour",
                              "spot_share", "owned", "batch_size", "service_time_ms"]

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
        if try object.choice("kind", kind: "deployment kind", as: Kind.self) == .service {
            return try parseService(&object, name: name)
        }
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
        if let owned = try parseOwned(&object, instance: instance, price: price) { deployment.setOwned(owned) }
        if deployment.kvCapacityTokens <= 0 {
            throw object.error(at: "tensor_parallel",
                               expected: "enough GPU memory for \(model.id) weights on \(tp)× \(gpu.id) (raise tensor_parallel)",
                               found: "\(tp)")
        }
        return deployment
    }

    /// The `owned` object, when present; it replaces any cloud price, so it excludes `instance` and
    /// `price_per_gpu_hour`.
    private static func parseOwned(_ object: inout PlanObject, instance: CloudInstance?, price: Double?) throws(CostGateError) -> OwnedGPU? {
        guard var owned = try object.object("owned") else { return nil }
        if instance != nil || price != nil {
            throw object.error(at: "owned", expected: "either owned GPUs or a cloud price (instance, price_per_gpu_hour), not both",
                               found: instance != nil ? "an instance too" : "price_per_gpu_hour too")
        }
        return try OwnedGPU.parse(&owned)
    }

    /// Parses a `"kind": "service"` deployment: a GPU service simulated from measured per-request service times.
    ///
    /// Contract: `{"kind": "service", "model": name, "gpu": id | "instance": id, "gpus_per_replica": n,
    /// "replicas": n | {autoscaling}, "price_per_gpu_hour" | "spot_share" | "owned", "batch_size": n,
    /// "service_time_ms": {"p50": ms, "p95": ms} | [ms, …]}`. Without `service_time_ms`, each record's
    /// `latency_ms` is its service time. `model` is any name (no architecture is needed).
    private static func parseService(_ object: inout PlanObject, name: String) throws(CostGateError) -> Deployment {
        try object.rejectUnknownKeys(serviceKeys)
        let modelName = try object.string("model") ?? name
        var instance: CloudInstance?
        if let instanceID = try object.string("instance") {
            guard let found = InstanceCatalog.instance(instanceID) else {
                throw .unknown("instance", instanceID, in: "\(object.file): '\(object.childPath("instance"))'", known: InstanceCatalog.all.map(\.id))
            }
            instance = found
        }
        guard let gpuID = try object.string("gpu") ?? instance?.gpu else {
            throw object.error(at: "gpu", expected: "a GPU id such as \"A10G\" (or an \"instance\")", found: "nothing")
        }
        guard let gpu = GPUCatalog.spec(gpuID) else {
            throw .unknown("GPU", gpuID, in: "\(object.file): '\(object.childPath("gpu"))'", known: GPUCatalog.ids)
        }
        if let instance, instance.gpu != gpu.id {
            throw object.error(at: "gpu", expected: "\"\(instance.gpu)\" to match instance \(instance.id)", found: excerpt(gpuID))
        }
        let gpus = try object.int("gpus_per_replica", in: 1...64, as: "a number of GPUs per replica") ?? 1
        let replicas = try ReplicaPolicy.parse(in: &object, key: "replicas")
        let price = try object.number("price_per_gpu_hour", in: 0...1000, as: "a price per GPU-hour in USD")
        let spotShare = try object.number("spot_share", in: 0...1, as: "a spot share") ?? 0
        if spotShare > 0, instance == nil {
            throw object.error(at: "spot_share", expected: "an \"instance\" to take spot prices from", found: "no instance")
        }
        let batch = try object.int("batch_size", in: 1...4096, as: "a batch size") ?? 1
        var times = ServiceModel.Times.measured
        if let value = object.value("service_time_ms") {
            times = try parseServiceTimes(value, path: object.childPath("service_time_ms"), file: object.file)
        }
        let model = ModelArchitecture(id: modelName, layers: 0, hidden: 0, heads: 1, kvHeads: 1, intermediate: 0, vocab: 0,
                                      source: "GPU service (measured service times)")
        var deployment = Deployment(name: name, model: model, gpu: gpu, tensorParallel: gpus, replicas: replicas,
                                    pricePerGPUHour: price, instance: instance, spotShare: spotShare)
        deployment.tensorParallel = gpus
        deployment.kind = .service
        deployment.service = ServiceModel(times: times, batchSize: batch)
        if let owned = try parseOwned(&object, instance: instance, price: price) { deployment.setOwned(owned) }
        return deployment
    }

    /// `{"p50": ms, "p95": ms}` (a log-normal through both) or a non-empty list of measured times in ms.
    private static func parseServiceTimes(_ value: JSONValue, path: String, file: String) throws(CostGateError) -> ServiceModel.Times {
        if let list = value.arrayValue {
            var times: [Double] = []
            for (index, element) in list.enumerated() {
                guard let ms = element.doubleValue, ms.isFinite, ms > 0, ms <= 86_400_000 else {
                    throw .badPlan(file: file, path: "\(path)[\(index)]", expected: "a service time in ms from 0 (exclusive) to 86400000",
                                   found: element.kindDescription)
                }
                times.append(ms)
            }
            guard !times.isEmpty else {
                throw .badPlan(file: file, path: path, expected: "at least one service time", found: "an empty list")
            }
            return .list(times)
        }
        guard value.objectMembers != nil else {
            throw .badPlan(file: file, path: path, expected: "{\"p50\": ms, \"p95\": ms} or a list of service times in ms",
                           found: value.kindDescription)
        }
        var object = try PlanObject(value, path: path, file: file)
        try object.rejectUnknownKeys(["p50", "p95"])
        guard let p50 = try object.number("p50", in: 0.001...86_400_000, as: "a median service time in ms") else {
            throw object.error(at: "p50", expected: "a median service time in ms", found: "nothing")
        }
        guard let p95 = try object.number("p95", in: 0.001...86_400_000, as: "a 95th-percentile service time in ms") else {
            throw object.error(at: "p95", expected: "a 95th-percentile service time in ms", found: "nothing")
        }
        if p95 < p50 {
            throw object.error(at: "p95", expected: "at least p50 (\(PlanObject.format(p50)))", found: PlanObject.format(p95))
        }
        return .lognormal(p50: p50, p95: p95)
    }
}
