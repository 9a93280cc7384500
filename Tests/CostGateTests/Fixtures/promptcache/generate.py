#!/usr/bin/env python3
"""Writes the prompt-reorder scenario's traffic (Scenarios/prompt-reorder/traffic.jsonl) and an independent
decimal oracle of its provider prompt-cache forecast (expected.json here): for the base and the head plan, each
record's forecast cache reads and writes and its exact cost in picodollars, and each route's cached share.

The rule, restated from the README ("Provider prompt caching"): per route, model and prefix_id, in arrival order,
a request whose prefix was last used at most ttl seconds earlier reads min(prefix, input) tokens from the cache;
any other request writes them; prefixes under min_tokens are not cached; stable_prefix false means no reads.
PromptCacheForecastTests.swift replays both plans and compares every figure. Run: python3 generate.py
"""
import json, os, random
from decimal import Decimal as D

HERE = os.path.dirname(os.path.abspath(__file__))
SCENARIO = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "Scenarios", "prompt-reorder"))

# USD per 1M tokens = picodollars per token x 1e-6; written out in full (no fallback rule).
RATES = {
    "anthropic/claude-sonnet-4.5": dict(input=D("3"), cached=D("0.30"), write=D("3.75"), output=D("15")),
    "openai/gpt-4.1": dict(input=D("2"), cached=D("0.50"), write=D("2"), output=D("8")),  # OpenAI: writes are input
}
ROUTES = {"support": "anthropic/claude-sonnet-4.5", "search": "openai/gpt-4.1"}
# The plans' prompt_cache sections: base (costgate.base.json) and head (costgate.json).
PLANS = {
    "base": {"support": dict(prefix=None, stable=True), "search": dict(prefix=None, stable=True)},
    "head": {"support": dict(prefix=None, stable=False), "search": dict(prefix=6000, stable=True)},
}
TTL, MIN_TOKENS = 300, 1024


def traffic():
    rng = random.Random(20261129)
    records = []
    start = 1764403200  # 2025-11-29T08:00:00Z
    for route, model, prefix, mean_gap in (("support", ROUTES["support"], 4200, 150), ("search", ROUTES["search"], 2000, 200)):
        t = start
        while t < start + 3 * 3600:
            t += rng.expovariate(1 / mean_gap)
            if t >= start + 3 * 3600:
                break
            variant = "support-v7" if route == "support" else ("search-" + rng.choice(["en", "de"]))
            records.append(dict(timestamp=round(t, 3), model=model, route=route,
                                input_tokens=prefix + rng.randint(300, 6000), output_tokens=rng.randint(80, 900),
                                prefix_id=variant, prefix_tokens=prefix))
    records.sort(key=lambda r: r["timestamp"])
    return records


def forecast(records, plan):
    last, out = {}, []
    stats = {}
    for i, r in sorted(enumerate(records), key=lambda p: (p[1]["timestamp"], p[0])):
        rule = plan[r["route"]]
        prefix = min(rule["prefix"] if rule["prefix"] is not None else r["prefix_tokens"], r["input_tokens"])
        cached = written = 0
        if prefix >= MIN_TOKENS:
            key = (r["route"], r["model"], r["prefix_id"])
            if rule["stable"] and key in last and D(str(r["timestamp"])) - last[key] <= TTL:
                cached = prefix
            else:
                written = prefix
            last[key] = D(str(r["timestamp"]))
        rates = RATES[r["model"]]
        cost = ((r["input_tokens"] - cached - written) * rates["input"] + cached * rates["cached"]
                + written * rates["write"] + r["output_tokens"] * rates["output"]) * 1000000  # picodollars
        assert cost == cost.to_integral_value()
        out.append((i, cached, written, int(cost)))
        s = stats.setdefault(r["route"], dict(requests=0, hits=0, input_tokens=0, cached_tokens=0, written_tokens=0))
        s["requests"] += 1
        s["hits"] += 1 if cached else 0
        s["input_tokens"] += r["input_tokens"]
        s["cached_tokens"] += cached
        s["written_tokens"] += written
    out.sort()
    for s in stats.values():
        s["cached_share"] = str(D(s["cached_tokens"]) / D(s["input_tokens"]))
    return dict(records=[dict(line=i + 1, cached=c, written=w, picodollars=str(p)) for i, c, w, p in out], routes=stats,
                total_picodollars=str(sum(p for *_, p in out)))


def main():
    records = traffic()
    with open(os.path.join(SCENARIO, "traffic.jsonl"), "w") as f:
        for r in records:
            f.write(json.dumps(r, separators=(",", ":")) + "\n")
    expected = {name: forecast(records, plan) for name, plan in PLANS.items()}
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")
    for name, result in expected.items():
        print(name, {route: (s["hits"], s["requests"], s["cached_share"][:6]) for route, s in result["routes"].items()},
              "total USD", D(result["total_picodollars"]) / D(10) ** 12)


if __name__ == "__main__":
    main()
