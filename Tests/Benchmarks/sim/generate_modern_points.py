#!/usr/bin/env python3
"""Writes ModernValidationPoints.swift from ../shared/groundtruth/modern_serving_benchmarks.csv.

Selection (fixed before any error was computed):
  * engine is vllm, sglang or tensorrt-llm (no disaggregated / Dynamo / ATOM rows), no speculative decoding;
  * the model's shape is in costgate's catalog (Qwen3-8B, Qwen3-14B, Qwen3-32B and their FP8 checkpoints,
    Llama-3.1-70B);
  * mean TTFT and mean TPOT both reported; the first row of each (engine, model, precision, GPU, TP,
    ISL, OSL, load) is kept (the gpustack docs list the baseline case first, tuning variants after it);
  * TPOT is dropped when the mean output is under 16 tokens (TPOT of a 4-token reply is noise).
Split rule (by model): Qwen3-32B and Llama-3.1-70B rows are held out; Qwen3-8B and Qwen3-14B rows are the fit
split. Usage: python3 Tests/Benchmarks/sim/generate_modern_points.py ../shared/groundtruth/modern_serving_benchmarks.csv
    > Tests/CostGateEndToEndTests/Simulation/ModernValidationPoints.swift
"""
import csv, sys

MODELS = {
    "Qwen/Qwen3-8B": ("Qwen/Qwen3-8B", "bf16"), "Qwen/Qwen3-8B-FP8": ("Qwen/Qwen3-8B", "fp8"),
    "Qwen/Qwen3-14B": ("Qwen/Qwen3-14B", "bf16"), "Qwen/Qwen3-14B-FP8": ("Qwen/Qwen3-14B", "fp8"),
    "Qwen/Qwen3-32B": ("Qwen/Qwen3-32B", "bf16"), "Qwen/Qwen3-32B-FP8": ("Qwen/Qwen3-32B", "fp8"),
    "meta-llama/Llama-3.1-70B": ("meta-llama/Llama-3.1-70B-Instruct", "bf16"),
}
HELD_OUT = {"Qwen/Qwen3-32B", "meta-llama/Llama-3.1-70B-Instruct"}

rows = list(csv.DictReader(open(sys.argv[1])))
seen = set()
out = []
for index, r in enumerate(rows):
    if r["engine"] not in ("vllm", "sglang", "tensorrt-llm") or r["model_hf_id"] not in MODELS:
        continue
    if "spec_decode=" in r["notes"] and "spec_decode=none" not in r["notes"]:
        continue
    if not r["ttft_ms_mean"] or not r["tpot_ms_mean"]:
        continue
    model, dtype = MODELS[r["model_hf_id"]]
    key = (r["engine"], r["model_hf_id"], r["gpu"], r["tensor_parallel"], round(float(r["isl"])), round(float(r["osl"])),
           r["load_kind"], r["load"])
    if key in seen:
        continue
    seen.add(key)
    isl, osl = float(r["isl"]), float(r["osl"])
    sharegpt = "ShareGPT" in r["notes"]
    if sharegpt:
        lengths = f".shareGPTMeans(input: {isl}, output: {osl})"
    else:
        lengths = f".fixed(input: {round(isl)}, output: {round(osl)})"
    if r["load_kind"] == "concurrency":
        load = f".closed(concurrency: {int(float(r['load']))})"
    elif r["load"] == "inf":
        load = ".offline"
    else:
        load = f".poisson(rate: {float(r['load'])})"
    requests = int(r["num_requests"])
    role = ".heldOut" if model in HELD_OUT else ".fit"
    gpu = {"A100": "A100-80GB"}.get(r["gpu"], r["gpu"])
    short = model.split("/")[1].replace("-Instruct", "").lower()
    ident = f"{r['engine']}-{short}{'-fp8' if dtype == 'fp8' else ''}-{gpu.lower()}-tp{r['tensor_parallel']}-{round(isl)}x{round(osl)}-{r['load_kind'][:4]}{r['load']}-r{index}"
    tpot = r["tpot_ms_mean"] if osl >= 16 else "nil"
    e2e = r["e2e_ms_mean"] or "nil"
    source = f"{r['source_repo'].split(' ')[0]}@{r['source_commit'][:8]} {r['source_path']} (row {index})"
    out.append(
        f'        ValidationPoint(id: "{ident}", role: {role}, fits: "{"profile" if role == ".fit" else ""}",\n'
        f'                        model: "{model}", gpu: "{gpu}", tp: {r["tensor_parallel"]}, engine: "{r["engine"]}", '
        f'engineVersion: "{r["engine_version"]}", dtype: "{dtype}",\n'
        f'                        load: {load}, lengths: {lengths}, requests: {requests}, statistic: .mean,\n'
        f'                        ttftMs: {r["ttft_ms_mean"]}, tpotMs: {tpot}, e2eMs: {e2e},\n'
        f'                        source: "{source}"),')

print("""import CostGate
import CostGateTestSupport

/// 2025–26 serving runs of vLLM, SGLang and TensorRT-LLM from modern_serving_benchmarks.csv (../shared/groundtruth),
/// written by Tests/Benchmarks/sim/generate_modern_points.py (selection and split rule in its docstring). Fit points: Qwen3-8B and
/// Qwen3-14B; held-out points: Qwen3-32B and Llama-3.1-70B, which no profile coefficient saw.
enum ModernValidationPoints {
    static let all: [ValidationPoint] = [""")
print("\n".join(out))
print("""    ]
}""")
