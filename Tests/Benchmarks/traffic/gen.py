#!/usr/bin/env python3
"""Writes a realistic synthetic JSON Lines traffic sample for costgate benchmarks.

Usage: gen.py [--records N] [--seed S] [--out PATH]

Routes chat/search/summarize/agent with their own models and lognormal token distributions,
cached input on part of the traffic, reasoning tokens on reasoning models, latency and TTFT,
quality on about a fifth of the records, status error on about 1%, tags team/customer/feature
(some as a `tags` object, some as top-level strings). Output is deterministic for a seed.
"""
import argparse
import json
import math
import os
import random

ROUTES = {
    # route: (share, models, input (mu, sigma), output (mu, sigma), cached share)
    "chat": (0.45, ["gpt-4o-mini", "claude-3-5-haiku"], (7.0, 0.9), (5.3, 0.8), 0.6),
    "search": (0.25, ["gpt-4o-mini", "gemini-1.5-flash"], (8.2, 0.6), (4.6, 0.6), 0.3),
    "summarize": (0.20, ["gpt-4o", "claude-3-5-sonnet"], (8.8, 0.7), (5.6, 0.5), 0.1),
    "agent": (0.10, ["o3-mini", "claude-3-7-sonnet"], (9.0, 0.8), (6.4, 0.9), 0.7),
}
REASONING = {"o3-mini", "claude-3-7-sonnet"}
TEAMS = ["core", "growth", "platform", "ml", "support"]
FEATURES = ["autocomplete", "inbox", "reports", "assistant", "search-box", "digest"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    out = args.out or os.path.join(here, "..", "data", f"traffic-{args.records}.jsonl")
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)

    rng = random.Random(args.seed)
    routes = list(ROUTES)
    weights = [ROUTES[r][0] for r in routes]
    customers = [f"cust-{i:04d}" for i in range(400)]
    start = 1_740_787_200.0  # 2025-03-01T00:00:00Z
    rate = args.records / (7 * 86_400)  # one week
    t = start
    with open(out, "w", encoding="utf-8") as f:
        for _ in range(args.records):
            t += rng.expovariate(rate)
            route = rng.choices(routes, weights)[0]
            _, models, (imu, isg), (omu, osg), cached_share = ROUTES[route]
            model = rng.choice(models)
            input_tokens = max(1, int(rng.lognormvariate(imu, isg)))
            output_tokens = max(1, int(rng.lognormvariate(omu, osg)))
            record = {
                "timestamp": f"{format_time(t)}",
                "model": model,
                "route": route,
                "input_tokens": input_tokens,
                "output_tokens": output_tokens,
            }
            if rng.random() < cached_share:
                record["cached_input_tokens"] = int(input_tokens * rng.uniform(0.2, 0.95))
            if model in REASONING:
                record["reasoning_tokens"] = int(output_tokens * rng.uniform(0.3, 0.8))
            ttft = rng.lognormvariate(math.log(250 + input_tokens / 40), 0.4)
            record["ttft_ms"] = round(ttft, 1)
            record["latency_ms"] = round(ttft + output_tokens * rng.uniform(8, 25), 1)
            record["status"] = "error" if rng.random() < 0.01 else "ok"
            if rng.random() < 0.2:
                record["quality"] = round(rng.betavariate(8, 2), 3)
            team = rng.choice(TEAMS)
            customer = customers[min(len(customers) - 1, int(rng.paretovariate(1.2))) - 1]
            if rng.random() < 0.7:
                record["tags"] = {"team": team, "customer": customer, "feature": rng.choice(FEATURES)}
            else:
                record["team"] = team
                record["customer"] = customer
            f.write(json.dumps(record, separators=(", ", ": ")))
            f.write("\n")
    print(out)


def format_time(t):
    whole = int(t)
    millis = int((t - whole) * 1000)
    days, rest = divmod(whole, 86_400)
    hour, rest = divmod(rest, 3600)
    minute, second = divmod(rest, 60)
    year, month, day = civil_from_days(days)
    return f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}.{millis:03d}Z"


def civil_from_days(z):
    z += 719_468
    era = (z if z >= 0 else z - 146_096) // 146_097
    doe = z - era * 146_097
    yoe = (doe - doe // 1460 + doe // 36_524 - doe // 146_096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return (y + (m <= 2), m, d)


if __name__ == "__main__":
    main()
