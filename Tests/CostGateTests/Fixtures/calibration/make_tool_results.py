"""Writes the GuideLLM, AIPerf and GenAI-Perf result fixtures from run-summary.json.

Each file carries the same measured load and latencies as the vllm bench serve summary, in the shape the tool
writes (GuideLLM 0.4+ benchmarks.json: benchmarks[].config.strategy and metrics.*.successful.mean, request_latency
in seconds; AIPerf profile_export_aiperf.json: metrics as {unit, avg}, total_isl / total_osl, input_config.loadgen;
GenAI-Perf profile_export_genai_perf.json: {unit, avg} metrics with input/output_sequence_length means and
input_config). GuideLLM's file holds a second benchmark, 8 concurrent streams, with made-up latencies: the
numbers mean nothing beyond exercising the readers. Run: python3 make_tool_results.py
"""
import json

run = json.load(open("run-summary.json"))
n = run["completed"]
mean_in = run["total_input_tokens"] / n
mean_out = run["total_output_tokens"] / n
e2e_ms = run["mean_ttft_ms"] + run["mean_tpot_ms"] * (mean_out - 1)

def summary(mean):
    return {"successful": {"mean": mean, "median": mean, "count": n}, "errored": None, "incomplete": None}

def guidellm_benchmark(strategy, ttft, tpot, e2e_s):
    return {"type_": "generative_benchmark",
            "config": {"strategy": strategy, "backend": {"model": run["model_id"]}},
            "metrics": {"request_totals": {"successful": n, "errored": 0, "incomplete": 0, "total": n},
                        "prompt_token_count": summary(mean_in), "output_token_count": summary(mean_out),
                        "time_to_first_token_ms": summary(ttft), "time_per_output_token_ms": summary(tpot),
                        "inter_token_latency_ms": summary(tpot), "request_latency": summary(e2e_s)}}

guidellm = {"metadata": {"guidellm_version": "0.4.0"},
            "benchmarks": [guidellm_benchmark({"type_": "poisson", "rate": run["request_rate"]}, run["mean_ttft_ms"],
                                              run["mean_tpot_ms"], e2e_ms / 1000),
                           guidellm_benchmark({"type_": "concurrent", "streams": 8}, 55.0, 9.1,
                                              (55.0 + 9.1 * (mean_out - 1)) / 1000)]}
json.dump(guidellm, open("guidellm-benchmarks.json", "w"), indent=2)

def metric(unit, avg):
    return {"unit": unit, "avg": avg}

aiperf = {"request_throughput": metric("requests/sec", run["request_throughput"]),
          "request_latency": metric("ms", e2e_ms), "time_to_first_token": metric("ms", run["mean_ttft_ms"]),
          "inter_token_latency": metric("ms", run["mean_tpot_ms"]),
          "benchmark_duration": metric("sec", run["duration"]), "request_count": metric("requests", n),
          "total_isl": metric("tokens", run["total_input_tokens"]), "total_osl": metric("tokens", run["total_output_tokens"]),
          "input_config": {"endpoint": {"model_names": [run["model_id"]]},
                           "loadgen": {"request_rate": run["request_rate"], "request_count": n}}}
json.dump(aiperf, open("profile_export_aiperf.json", "w"), indent=2)

genai = {"request_throughput": metric("requests/sec", run["request_throughput"]),
         "request_latency": metric("ms", e2e_ms), "time_to_first_token": metric("ms", run["mean_ttft_ms"]),
         "inter_token_latency": metric("ms", run["mean_tpot_ms"]),
         "input_sequence_length": metric("tokens", mean_in), "output_sequence_length": metric("tokens", mean_out),
         "benchmark_duration": metric("sec", run["duration"]),
         "input_config": {"model": [run["model_id"]], "concurrency": 4}}
json.dump(genai, open("profile_export_genai_perf.json", "w"), indent=2)
