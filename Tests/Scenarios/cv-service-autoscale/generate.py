#!/usr/bin/env python3
"""Writes Scenarios/cv-service-autoscale/traffic.jsonl: one day of an image-tagging service's requests, a 2% sample.

Arrivals are a seeded Poisson process whose rate follows a daily cycle (2 requests/s at night, 20 at the
mid-afternoon peak); each record's latency_ms is the model's measured service time on one A10G at batch 1
(log-normal, median 150 ms, sigma 0.35), the figure costgate's service simulator uses.
Run: python3 Tests/Scenarios/cv-service-autoscale/generate.py (from the repository root)."""
import datetime, json, math, pathlib, random

rng = random.Random(20261129)
sample_rate = 0.02
start = datetime.datetime(2026, 11, 2, tzinfo=datetime.timezone.utc)
out = pathlib.Path(__file__).resolve().parents[3] / "Scenarios/cv-service-autoscale/traffic.jsonl"


def rate(t):
    """Requests per second at t seconds after midnight: 2/s at 03:00, 20/s at 15:00."""
    return 11 - 9 * math.cos(2 * math.pi * (t - 3 * 3600) / 86400)


lines = []
t = 0.0
peak = 20 * sample_rate
while True:
    t += rng.expovariate(peak)  # thinning: candidates at the peak rate, kept with rate(t) / peak
    if t >= 86400:
        break
    if rng.random() >= rate(t) * sample_rate / peak:
        continue
    service = 150 * math.exp(0.35 * rng.gauss(0, 1))
    stamp = (start + datetime.timedelta(seconds=t)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    team = "catalog" if rng.random() < 0.7 else "moderation"
    lines.append(json.dumps({"timestamp": stamp, "model": "acme/vision-tagger", "route": "tagging", "input_tokens": 0,
                             "output_tokens": 0, "latency_ms": round(service, 1), "status": "ok", "team": team},
                            separators=(",", ":")))
out.write_text("\n".join(lines) + "\n")
print(f"{len(lines)} records -> {out}")
