#!/usr/bin/env python3
"""Generates traffic.jsonl for the quality-gate scenario (seeded). Run: python3 generate.py > traffic.jsonl

A help-centre product: `answer` (short answers, scored by an offline eval, on gpt-4.1-mini) and
`research` (long reports on o3, not scored). 12 hours, 20% sample.
"""
import json, math, random
from datetime import datetime, timedelta, timezone
rng = random.Random(11)
start = datetime(2025, 9, 1, 8, tzinfo=timezone.utc)
t = 0.0
while True:
    t += rng.expovariate(0.25)
    if t >= 12 * 3600:
        break
    if rng.random() < 0.85:
        rec = {"route": "answer", "model": "openai/gpt-4.1-mini",
               "input_tokens": int(rng.lognormvariate(math.log(1800), 0.4)),
               "output_tokens": int(rng.lognormvariate(math.log(160), 0.5))}
    else:
        out = int(rng.lognormvariate(math.log(3000), 0.5))
        rec = {"route": "research", "model": "openai/o3",
               "input_tokens": int(rng.lognormvariate(math.log(6000), 0.5)),
               "output_tokens": out, "reasoning_tokens": int(out * rng.uniform(0.5, 0.8))}
    rec["timestamp"] = (start + timedelta(seconds=t)).isoformat().replace("+00:00", "Z")
    rec["team"] = "helpcentre"
    print(json.dumps(rec, separators=(",", ":")))
