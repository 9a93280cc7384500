#!/usr/bin/env python3
"""Writes the `pipeline` fuzz target's seeds from the bundled scenarios: each scenario's plan (its traffic path
renamed to the target's traffic.jsonl, format kept), a NUL byte, and as many whole lines of its traffic as fit
under libFuzzer's -max_len of 4096 bytes. Scenarios whose traffic is a directory or one JSON document are skipped.

Run from the repository root: python3 Tests/CostGateFuzz/Corpus/make_pipeline_seeds.py
"""
import json, os

ROOT = "Scenarios"
OUT = "Tests/CostGateFuzz/Corpus/pipeline"
LIMIT = 4096

for name in sorted(os.listdir(ROOT)):
    folder = os.path.join(ROOT, name)
    plan_path = os.path.join(folder, "costgate.json")
    if not os.path.isfile(plan_path):
        continue
    plan = json.load(open(plan_path))
    traffic = plan.get("traffic", {})
    path = os.path.normpath(os.path.join(folder, traffic.get("path", "")))
    if not os.path.isfile(path) or traffic.get("format") in ("openai-usage", "anthropic-usage"):
        continue
    traffic["path"] = "traffic.jsonl"
    head = json.dumps(plan, separators=(",", ":")).encode() + b"\0"
    body = b""
    with open(path, "rb") as lines:
        for line in lines:
            if len(head) + len(body) + len(line) > LIMIT:
                break
            body += line
    if body:
        with open(os.path.join(OUT, name), "wb") as seed:
            seed.write(head + body)
        print(name, len(head) + len(body))
