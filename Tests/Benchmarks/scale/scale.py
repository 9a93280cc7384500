"""Interval width against sample size: the table in Sources/CostGate/CostGate.docc/Scale.md.

For each trace, the full log is forecast once (its point and 90% interval are the reference). Then, for each
rate, `costgate sample` draws SEEDS samples (seeds 1..SEEDS), each forecast by `costgate check`. Reported per
rate: records kept, the median half-width of the sample's 90% interval relative to its point, the median and
worst absolute error of the point against the full log's, and how many of the samples' intervals contain the
full log's point (coverage; about 90% expected).
"""
import argparse, json, os, shutil, statistics, subprocess

parser = argparse.ArgumentParser()
parser.add_argument("--costgate", required=True)
parser.add_argument("--traces", required=True)
parser.add_argument("--work", required=True)
parser.add_argument("--seeds", type=int, default=20)
args = parser.parse_args()
work = args.work
subprocess.run(["git", "init", "-q", work], check=True)

traces = [
    ("Azure 2023 conversation (19,366 requests, 1 h)", "azure-llm-inference-2023/AzureLLMInferenceTrace_conv.csv",
     {"format": "csv", "columns": {"timestamp": "TIMESTAMP", "input_tokens": "ContextTokens",
                                    "output_tokens": "GeneratedTokens"}}, 1.0),
    ("Mooncake conversation (12,031 requests, 59 min)", "mooncake-fast25/conversation_trace.jsonl",
     {"format": "jsonl", "timestamp_unit": "ms",
      "columns": {"timestamp": "timestamp", "input_tokens": "input_length", "output_tokens": "output_length"}},
     3537.0 / 3600),
]
rates = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5]

def plan(traffic):
    return {"version": 1, "traffic": traffic, "forecast": {"days": 30, "growth": 0, "confidence": 0.9},
            "routes": {"*": {"model": "openai/gpt-4.1-mini"}}}

def forecast(plan_value):
    with open(os.path.join(work, "plan.json"), "w") as f:
        json.dump(plan_value, f)
    out = subprocess.run([args.costgate, "check", "--plan", "plan.json", "--format", "json"], cwd=work,
                         capture_output=True, text=True, check=True)
    side = json.loads(out.stdout)["head"] if "head" in json.loads(out.stdout) else json.loads(out.stdout)["baseline"]
    return side["monthly_cost"], side["monthly_cost_low"], side["monthly_cost_high"]

for title, path, spec, hours in traces:
    name = os.path.basename(path)
    shutil.copy(os.path.join(args.traces, path), os.path.join(work, name))
    full_traffic = dict(spec, path=name, sample_rate=1, window_hours=hours, defaults={"route": "chat"})
    full, low, high = forecast(plan(full_traffic))
    print(f"\n**{title}** on gpt-4.1-mini: full log ${full:,.2f} a month, 90% interval "
          f"±{(high - low) / 2 / full * 100:.2f}%\n")
    print("| rate | records kept | interval half-width (median) | point error (median) | point error (worst) | intervals covering the full log's point |")
    print("|---|---|---|---|---|---|")
    for rate in rates:
        widths, errors, covered, kept = [], [], 0, 0
        for seed in range(1, args.seeds + 1):
            with open(os.path.join(work, "full.json"), "w") as f:
                json.dump(plan(full_traffic), f)
            summary = json.loads(subprocess.run(
                [args.costgate, "sample", "--plan", "full.json", "--rate", str(rate), "--seed", str(seed),
                 "--output", "sample.jsonl", "--format", "json"],
                cwd=work, capture_output=True, text=True, check=True).stdout)
            kept = summary["kept"]
            point, lo, hi = forecast(plan({"path": "sample.jsonl", "format": "jsonl", "sample_rate": 1,
                                           "window_hours": hours}))
            widths.append((hi - lo) / 2 / point * 100)
            errors.append(abs(point - full) / full * 100)
            covered += lo <= full <= hi
        print(f"| {rate} | {kept:,} | ±{statistics.median(widths):.2f}% | {statistics.median(errors):.2f}% "
              f"| {max(errors):.2f}% | {covered}/{args.seeds} |")
