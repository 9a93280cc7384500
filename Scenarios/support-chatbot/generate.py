#!/usr/bin/env python3
"""Generates traffic.jsonl for the support-chatbot scenario (seeded, so the file is reproducible).

A multi-tenant support assistant: 24 hours of a 10% sample of its requests, four routes, three teams,
twelve customers. Run: python3 generate.py > traffic.jsonl
"""
import json, math, random
from datetime import datetime, timedelta, timezone

rng = random.Random(7)
start = datetime(2025, 10, 6, tzinfo=timezone.utc)
customers = ["acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne", "wonka", "tyrell", "cyberdyne", "soylent", "vandelay"]
customer_weights = [30, 18, 12, 9, 7, 6, 5, 4, 3, 3, 2, 1]
routes = [
    # route, model, team, share, input (median, sigma), output (median, sigma), cached share
    ("chat", "openai/gpt-4o", "support", 0.55, 1400, 0.5, 220, 0.6, 0.5),
    ("summarize", "openai/gpt-4o", "support", 0.15, 3200, 0.6, 180, 0.4, 0.0),
    ("search", "openai/gpt-4o-mini", "search", 0.20, 900, 0.4, 60, 0.5, 0.3),
    ("triage", "anthropic/claude-haiku-4.5", "ops", 0.10, 600, 0.3, 40, 0.3, 0.0),
]
records = []
t = 0.0
while True:
    hour = (t / 3600.0) % 24
    rate = 0.35 * (0.45 + 0.55 * math.sin(math.pi * max(0.0, hour - 6) / 14) ** 2)  # sampled req/s, busier by day
    t += rng.expovariate(rate)
    if t >= 86400:
        break
    route, model, team, _, i_med, i_sig, o_med, o_sig, cache = rng.choices(routes, weights=[r[3] for r in routes])[0]
    input_tokens = max(50, int(rng.lognormvariate(math.log(i_med), i_sig)))
    output_tokens = max(1, int(rng.lognormvariate(math.log(o_med), o_sig)))
    cached = int(input_tokens * cache * rng.random()) // 128 * 128
    customer = rng.choices(customers, weights=customer_weights)[0]
    ttft = max(80.0, rng.gauss(420, 90))
    latency = ttft + output_tokens * rng.uniform(11, 16)
    rec = {
        "timestamp": (start + timedelta(seconds=t)).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z",
        "model": model, "route": route,
        "input_tokens": input_tokens, "cached_input_tokens": cached, "output_tokens": output_tokens,
        "latency_ms": round(latency, 1), "ttft_ms": round(ttft, 1),
        "status": "error" if rng.random() < 0.01 else "ok",
        "team": team, "customer": customer,
        "tags": {"feature": rng.choice(["web", "email", "slack"])},
    }
    if route == "chat" and rng.random() < 0.3:
        rec["quality"] = round(min(1.0, max(0.0, rng.gauss(0.88, 0.06))), 3)
    records.append(rec)
for r in records:
    print(json.dumps(r, separators=(",", ":")))
