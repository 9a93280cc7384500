#!/usr/bin/env python3
"""Writes OpenLoopValidationPoints.swift: open-loop vLLM runs published by the BLIS project (inference-sim).

Sources (read with `git show COMMIT:PATH` from local clones; pass the three clone directories):
  * inference-sim/sim-to-real-accuracy-validation@7f3b2702 results_iter36/error_records.csv — measured
    ("actual") mean E2E, TTFT and ITL of 38 vLLM runs (BLIS's validation set; stage -1 = the whole run) with model,
    GPU, TP, max_num_batched_tokens, gpu_memory_utilization; this commit's blis-trained-physics rows give BLIS's
    published 6.8 / 18.4 / 6.5 % medians.
  * inference-sim/sim-to-real-accuracy-validation@dcec3fd4 results_trainval/error_records.csv — the same figures
    for BLIS's training experiments (ids 17-67 and 20260217-155451).
  * inference-sim/inference-sim@f90a1e3a testdata/trained_physics_iter29.json — the training experiments'
    workloads (inference-perf shared_prefix profiles and load stages) and max_num_seqs.
  * inference-sim/training@ed5c1d26 default_args/*/profile.yaml, results/summary_lifecycle_metrics.json,
    exp-config.yaml — workload profiles of the named runs (general, codegen, roleplay, reasoning) and, for the
    Llama-2-7B training runs, measured mean prompt and output lengths (their outputs stop early: mean 195 of 247).

Workload of a validation run: the profile its folder names (general, general-lite, codegen, roleplay, reasoning,
reasoning-lite). general/codegen/roleplay/reasoning are the default_args profiles; the "-lite" rates (2.5 and 6 req/s
for general, 1 req/s for reasoning) are those of the training runs with the same suffix (iter29 json). inference-perf
`constant` load: evenly spaced arrivals at each stage's rate. max_num_seqs 128 (every published config).

Split (fixed before any error was computed): the fit split is BLIS's training split (models Llama-2-7B,
Llama-3.1-70B, Mistral-Nemo-12B, Qwen2.5-7B, Yi-34B, Llama-4-Scout FP8; all H100); the held-out split is BLIS's
validation split (Llama-3.1-8B, Qwen3-14B, CodeLlama-34B, Llama-2-70B, Mixtral-8x7B, Mixtral-8x22B; H100, A100-80GB,
L40S). No model is in both; BLIS's published errors are on the same held-out runs. Training run 67 (Llama-2-7B
reasoning-lite) is left out: its outputs stop early (implied mean 1,122 of 1,448 tokens) and no length summary
is published for it.

Usage: python3 Tests/Benchmarks/sim/generate_blis_points.py SIM2REAL_CLONE INFERENCE_SIM_CLONE TRAINING_CLONE
    > Tests/CostGateEndToEndTests/Simulation/OpenLoopValidationPoints.swift
"""
import csv, io, json, subprocess, sys

sim2real, infsim, training = sys.argv[1:4]
VAL = ("7f3b27022dcd575958a2f0c7b2373afece64c655", "results_iter36/error_records.csv")
FIT = ("dcec3fd4711c761ac16557db720d1856b604579c", "results_trainval/error_records.csv")
ITER29 = ("f90a1e3a6787da17c2cd463dab6fb2660b1b1760", "testdata/trained_physics_iter29.json")
TRAINING = "ed5c1d26900e6909758d5e1641a18edaf56a1caf"


def show(repo, commit, path):
    return subprocess.run(["git", "-C", repo, "show", f"{commit}:{path}"], check=True, capture_output=True,
                          text=True).stdout


def means(text, folder_filter=None):
    out = {}
    for r in csv.DictReader(io.StringIO(text)):
        if r["simulator"] not in ("blis-trained-physics", "blis-roofline") or r["stage_index"] != "-1":
            continue
        folder = r["experiment_folder"].split("/")[-1]
        m = out.setdefault(folder, {"row": r})
        m[r["metric_name"]] = float(r["actual"])
    return out


PROFILES = {}  # workload name -> (system, question, output, groups, stages)
listing = subprocess.run(["git", "-C", training, "ls-tree", "--name-only", f"{TRAINING}:default_args"],
                         check=True, capture_output=True, text=True).stdout.split()
default_args = {}
for name in listing:
    prof = json.loads(show(training, TRAINING, f"default_args/{name}/profile.yaml"))
    sp = prof["data"]["shared_prefix"]
    workload = name.split("-")[-1]
    stages = [(float(s["rate"]), float(s["duration"])) for s in prof["load"]["stages"]]
    assert prof["load"]["type"] == "constant"
    PROFILES[workload] = (sp["system_prompt_len"], sp["question_len"], sp["output_len"],
                          sp["num_unique_system_prompts"], stages)
    default_args[name] = json.loads(show(training, TRAINING, f"default_args/{name}/results/summary_lifecycle_metrics.json"))
PROFILES["general-lite"] = PROFILES["general"][:4] + ([(2.5, 600.0), (6.0, 600.0)],)
PROFILES["reasoning-lite"] = PROFILES["reasoning"][:4] + ([(1.0, 1200.0)],)

iter29 = {e["id"]: e for e in json.loads(show(infsim, *ITER29))["experiments"]}

MODELS = {  # folder model part -> catalog id
    "codellama-34b": "codellama/CodeLlama-34b-Instruct-hf", "llama-2-70b": "meta-llama/Llama-2-70b-hf",
    "mixtral-8x7b": "mistralai/Mixtral-8x7B-v0.1", "mixtral-8x22b": "mistralai/Mixtral-8x22B-v0.1",
    "qwen3-14b": "Qwen/Qwen3-14B", "llama-3-1-8b": "meta-llama/Llama-3.1-8B-Instruct",
}


def workload_of(folder):
    for w in ("general-lite", "reasoning-lite", "general", "codegen", "roleplay", "reasoning"):
        if f"-{w}" in folder:
            return w
    raise SystemExit(f"no workload in {folder}")


def stages_swift(stages):
    return "[" + ", ".join(f"(rate: {r}, seconds: {d})" for r, d in stages) + "]"


points = []


def emit(ident, role, model, gpu, tp, mnbt, util, system, question, output, groups, stages, ttft, tpot, e2e, source,
         dtype="bf16"):
    points.append(
        f'        ValidationPoint(id: "{ident}", role: {role}, fits: "{"vllm-0.11 profile" if role == ".fit" else ""}",\n'
        f'                        model: "{model}", gpu: "{gpu}", tp: {tp}, engineVersion: "0.15", dtype: "{dtype}",\n'
        f'                        maxNumSeqs: 128, maxBatchedTokens: {mnbt}, gpuMemoryUtilization: {util},\n'
        f'                        load: .stages({stages_swift(stages)}),\n'
        f'                        lengths: .sharedPrefix(system: {system}, question: {question}, output: {output}, groups: {groups}),\n'
        f'                        requests: {int(round(sum(r * d for r, d in stages)))}, statistic: .mean,\n'
        f'                        ttftMs: {ttft:.3f}, tpotMs: {tpot:.3f}, e2eMs: {e2e:.3f},\n'
        f'                        source: "{source}"),')


# Held-out: BLIS's validation split.
for folder, m in sorted(means(show(sim2real, *VAL)).items(), key=lambda kv: int(kv[0].split("-")[0])):
    r = m["row"]
    model = next(v for k, v in MODELS.items() if f"-{k}-" in folder)
    gpu = r["hardware"]
    system, question, output, groups, stages = PROFILES[workload_of(folder)]
    util = float(r["gpu_mem_util"] or 0.9)
    emit(f"blis-{folder}", ".heldOut", model, gpu, int(float(r["tp"])), int(float(r["max_num_batched_tokens"])), util,
         system, question, output, groups, stages, m["ttft_mean"], m["itl_mean"], m["e2e_mean"],
         f"inference-sim/sim-to-real-accuracy-validation@{VAL[0][:8]} {VAL[1]} ({folder}, stage -1)")

# Fit: BLIS's training split.
for folder, m in sorted(means(show(sim2real, *FIT)).items()):
    ident = folder.split("-")[0] if not folder.startswith("2026") else "-".join(folder.split("-")[:2])
    if ident == "67":
        continue
    e = iter29[ident]
    sp = e["workload"]["inference_perf"]["shared_prefix"]
    stages = [(float(s["rate"]), float(s["duration"])) for s in e["workload"]["inference_perf"]["stages"]]
    system, question, output = sp["system_prompt_len"], sp["question_len"], sp["output_len"]
    ttft, e2e, tpot = m["ttft_mean"], m["e2e_mean"], m["itl_mean"]
    if folder in default_args:  # measured lengths (Llama-2-7B outputs stop early)
        s = default_args[folder]["successes"]
        question, output = round(s["prompt_len"]["mean"] - system), round(s["output_len"]["mean"])
    dtype = "fp8" if "FP8" in e["model"] else "bf16"
    emit(f"blis-{folder}", ".fit", e["model"], e["hardware"], e["tp"], e["max_num_batched_tokens"], 0.9,
         system, question, output, sp["num_unique_system_prompts"], stages, ttft, tpot, e2e,
         f"inference-sim/sim-to-real-accuracy-validation@{FIT[0][:8]} {FIT[1]} ({folder}, stage -1); workload "
         f"inference-sim/inference-sim@{ITER29[0][:8]} {ITER29[1]} (id {ident})", dtype)

# Fit: the two Llama-2-7B training runs only in inference-sim/training (prompt and output means measured).
for name in ("20260217-162547-llama-2-7b-tp1-roleplay", "20260217-231439-llama-2-7b-tp1-general"):
    s = default_args[name]["successes"]
    lat = s["latency"]
    ttft, e2e = lat["time_to_first_token"]["mean"] * 1000, lat["request_latency"]["mean"] * 1000
    out_mean = s["output_len"]["mean"]
    tpot = (e2e - ttft) / (out_mean - 1)
    system, question, _, groups, stages = PROFILES[workload_of(name)]
    prompt = s["prompt_len"]["mean"]
    emit(f"blis-{name}", ".fit", "meta-llama/Llama-2-7b-hf", "H100", 1, 2048, 0.9, system, round(prompt - system),
         round(out_mean), groups, stages, ttft, tpot, e2e,
         f"inference-sim/training@{TRAINING[:8]} default_args/{name}/results/summary_lifecycle_metrics.json "
         f"(TPOT = (E2E - TTFT) / (mean output - 1))")

print("""import CostGate
import CostGateTestSupport

/// Open-loop vLLM runs published by the BLIS project, written by Tests/Benchmarks/sim/generate_blis_points.py
/// (sources, workload rules and split in its docstring). Held-out: BLIS's validation split (38 runs, whole-run means);
/// fit: BLIS's training split (other models, H100 only).
enum OpenLoopValidationPoints {
    static let all: [ValidationPoint] = [""")
print("\n".join(points))
print("""    ]
}""")
