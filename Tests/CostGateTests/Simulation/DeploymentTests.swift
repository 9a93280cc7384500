import Testing
@testable import CostGate
import CostGateTestSupport

@Suite struct DeploymentTests {
    func parse(_ text: String) throws -> Deployment {
        let value = try JSONParser.parse(Array(text.utf8), file: "plan.json")
        return try Deployment.parse(value, name: "llama8b", file: "plan.json")
    }

    func error(_ text: String) -> CostGateError? {
        do {
            _ = try parse(text)
            return nil
        } catch let error as CostGateError {
            return error
        } catch {
            return nil
        }
    }

    @Test func parsesTheContractExample() throws {
        let d = try parse("""
        {"model": "meta-llama/Llama-3.1-8B-Instruct", "gpu": "H100", "tensor_parallel": 1,
         "engine": {"max_num_seqs": 128, "max_num_batched_tokens": 2048, "prefix_caching": true},
         "replicas": 2, "price_per_gpu_hour": 2.69}
        """)
        #expect(d.model.layers == 32)
        #expect(d.gpu.id == "H100")
        #expect(d.engine.maxNumSeqs == 128)
        #expect(d.engine.maxNumBatchedTokens == 2048)
        #expect(d.engine.prefixCaching)
        #expect(d.replicas == .fixed(2))
        #expect(d.pricePerGPUHour == 2.69)
        #expect(d.priceSource == "price_per_gpu_hour")
        #expect(d.kvCapacityTokens > 300_000)
    }

    @Test func parsesAutoscalingAndInstanceWithSpot() throws {
        let d = try parse("""
        {"model": "meta-llama/Llama-3.1-70B-Instruct", "instance": "aws/p5.48xlarge", "tensor_parallel": 4,
         "spot_share": 0.5,
         "replicas": {"min": 1, "max": 6, "metric": "running_requests", "scale_up_at": 64, "scale_down_at": 16,
                      "cooldown_s": 120, "cold_start_s": 300}}
        """)
        #expect(d.gpu.id == "H100")
        guard case .autoscale(let p) = d.replicas else {
            Issue.record("expected autoscaling")
            return
        }
        #expect(p.metric == .runningRequests && p.min == 1 && p.max == 6 && p.coldStart == 300)
        let p5 = InstanceCatalog.instance("aws/p5.48xlarge")!
        #expect(abs(d.pricePerGPUHour - (p5.onDemandPerHour + p5.spotPerHour!) / 2 / 8) < 1e-9)
    }

    @Test func parsesInlineArchitecture() throws {
        let d = try parse("""
        {"model": "acme/tiny-moe", "gpu": "L40S",
         "architecture": {"num_hidden_layers": 16, "hidden_size": 2048, "num_attention_heads": 16,
                          "num_key_value_heads": 4, "intermediate_size": 8192, "num_local_experts": 8,
                          "num_experts_per_tok": 2, "vocab_size": 32000, "torch_dtype": "bfloat16"}}
        """)
        #expect(d.model.id == "acme/tiny-moe")
        #expect(d.model.headDim == 128)
        #expect(d.model.experts == 8 && d.model.activeExperts == 2)
        #expect(d.model.activeParams < d.model.totalParams)
    }

    @Test(arguments: [
        (#"{"model": "meta-llama/Llama-3.1-8B-Instruct", "gpu": "H100", "engine": {"max_num_seqs": 0}}"#,
         "deployments.llama8b.engine.max_num_seqs"),
        (#"{"model": "meta-llama/Llama-3.1-8B-Instruct", "gpu": "H100", "tensor_parallel": 3}"#,
         "deployments.llama8b.tensor_parallel"),
        (#"{"model": "meta-llama/Llama-3.1-8B-Instruct", "gpu": "H100", "replicas": {"min": 4, "max": 2}}"#,
         "deployments.llama8b.replicas.max"),
        (#"{"model": "meta-llama/Llama-3.1-70B-Instruct", "gpu": "L4"}"#, "deployments.llama8b.tensor_parallel"),
        (#"{"model": "x/y", "gpu": "H100", "architecture": {"hidden_size": 10}}"#,
         "deployments.llama8b.architecture.num_hidden_layers"),
    ])
    func reportsBadValuesWithTheirPath(text: String, path: String) {
        guard case .badPlan(_, let found, _, _) = error(text) else {
            Issue.record("expected a badPlan error for \(text)")
            return
        }
        #expect(found == path)
    }

    @Test(arguments: [
        (#"{"model": "meta-llama/Llama-3.1-8B-Instruct", "gpu": "H10"}"#, "H100"),
        (#"{"model": "meta-llama/Llama-3.1-8B-Instruc", "gpu": "H100"}"#, "meta-llama/Llama-3.1-8B-Instruct"),
        (#"{"model": "meta-llama/Llama-3.1-8B-Instruct", "instance": "aws/p5.48xlarg"}"#, "aws/p5.48xlarge"),
        (#"{"model": "meta-llama/Llama-3.1-8B-Instruct", "gpu": "H100", "replica": 2}"#, "replicas"),
    ])
    func suggestsNames(text: String, suggestion: String) {
        guard case .unknownName(_, _, _, let suggestions, _) = error(text) else {
            Issue.record("expected an unknown-name error for \(text)")
            return
        }
        #expect(suggestions.contains(suggestion))
    }

    @Test func catalogHoldsEveryGroundTruthModel() {
        let ids = ["codellama/CodeLlama-34b-Instruct-hf", "deepseek-ai/DeepSeek-V2-Lite", "glm-5.2-fp8",
                   "meta-llama/Llama-2-7b-hf", "meta-llama/Llama-3.1-70B-Instruct", "meta-llama/Llama-3.1-8B-Instruct",
                   "RedHatAI/Llama-4-Scout-17B-16E-Instruct-FP8-dynamic", "mistralai/Mistral-Nemo-Instruct-2407",
                   "mistralai/Mixtral-8x7B-v0.1", "Qwen/Qwen2.5-7B-Instruct", "Qwen/Qwen3-14B", "Qwen/Qwen3-30B-A3B",
                   "01-ai/Yi-34B", "meta-llama/Llama-2-70b-hf", "mistralai/Mixtral-8x22B-v0.1",
                   "meta-llama/Llama-3.3-70B-Instruct", "Qwen/Qwen2.5-72B-Instruct", "mistralai/Mixtral-8x7B-Instruct-v0.1"]
        for id in ids { #expect(ModelCatalog.model(id) != nil, "missing \(id)") }
        // Parameter counts land near the published sizes.
        #expect(abs(ModelCatalog.model("meta-llama/Llama-3.1-8B-Instruct")!.totalParams / 8.03e9 - 1) < 0.02)
        #expect(abs(ModelCatalog.model("meta-llama/Llama-3.1-70B-Instruct")!.totalParams / 70.6e9 - 1) < 0.02)
        #expect(abs(ModelCatalog.model("mistralai/Mixtral-8x7B-v0.1")!.totalParams / 46.7e9 - 1) < 0.02)
        #expect(abs(ModelCatalog.model("Qwen/Qwen3-30B-A3B")!.totalParams / 30.5e9 - 1) < 0.03)
    }

    @Test func everyInstanceNamesAKnownGPU() {
        for instance in InstanceCatalog.all {
            #expect(GPUCatalog.spec(instance.gpu) != nil, "\(instance.id)")
            #expect(!instance.source.isEmpty && !instance.date.isEmpty)
        }
        for id in ["H100", "H200", "A100-80GB", "A100-40GB", "L40S", "L4", "A10G", "B200"] {
            #expect(GPUCatalog.spec(id) != nil)
        }
    }
}
