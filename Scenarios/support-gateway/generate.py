#!/usr/bin/env python3
"""Generates traffic.jsonl for the support-gateway scenario (seeded, so the file is reproducible).

A customer-support gateway on one route, `support`: 24 hours of a 10% sample. Each record carries its
team, whether the user's issue was resolved (`outcome`), and a `prompt_hash` of the normalised question, so
repeated questions (password resets, invoice copies) can be measured as semantic-cache hits.
Run: python3 generate.py > traffic.jsonl
"""
import json, math, random
from datetime import datetime, timedelta, timezone

rng = random.Random(12)
start = datetime(2025, 11, 3, tzinfo=timezone.utc)
teams = ["billing", "technical", "account"]
# A few hundred frequent questions asked again and again, and a long tail of unique ones.
frequent = [f"faq-{n:03d}" for n in range(300)]
records = []
t = 0.0
while True:
    hour = (t / 3600.0) % 24
    rate = 0.03 * (0.4 + 0.6 * math.sin(math.pi * max(0.0, hour - 6) / 14) ** 2)  # sampled req/s
    t += rng.expovariate(rate)
    if t >= 86400:
        break
    team = rng.choices(teams, weights=[40, 45, 15])[0]
    long_context = rng.random() < 0.08
    input_tokens = max(80, int(rng.lognormvariate(math.log(7500 if long_context else 1200), 0.35)))
    output_tokens = max(5, int(rng.lognormvariate(math.log(260), 0.5)))
    if rng.random() < 0.35:
        prompt_hash = rng.choice(frequent[: 60 if rng.random() < 0.6 else 300])
    else:
        prompt_hash = "q-%08x" % rng.getrandbits(32)
    rec = {
        "timestamp": (start + timedelta(seconds=t)).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z",
        "model": "anthropic/claude-sonnet-4.5", "route": "support",
        "input_tokens": input_tokens, "output_tokens": output_tokens,
        "status": "ok", "team": team, "prompt_hash": prompt_hash,
        "outcome": "success" if rng.random() < (0.83 if long_context else 0.9) else "failure",
    }
    records.append(rec)
for r in records:
    print(json.dumps(r, separators=(",", ":")))
