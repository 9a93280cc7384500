#!/usr/bin/env python3
"""Generates billing vectors: records on several routes (standard, batch, flex, priority) and the exact cost the
provider's invoice gives each, computed here with Python's decimal module from rate tables written out in full
(every tier, every token class, as the providers' pricing pages and LiteLLM 1.110.2's map publish them).

Writes plan.json, traffic.jsonl and expected.json. BillingTests.swift replays the traffic under the plan and
compares each record's cost in picodollars exactly. Run: python3 generate.py (swift test needs no Python).
"""
import json, os, random
from decimal import Decimal as D

HERE = os.path.dirname(os.path.abspath(__file__))
M = D(1000000)

def rates(input, cached, write, write1h, output, reasoning=None):
    """USD per 1M tokens for each token class, fully written out (no fallback rule)."""
    return dict(input=D(input), cached=D(cached), write=D(write), write1h=D(write1h), output=D(output),
                reasoning=D(reasoning if reasoning is not None else output))

# Provider rate tables. OpenAI and Gemini do not charge for cache writes: written tokens are input tokens.
CATALOG = {
    # Anthropic: reads 0.1x, 5-min writes 1.25x, 1-h writes 2x input; batch halves all; >200k prompt tier 2x in, 1.5x out.
    "anthropic/claude-sonnet-4.5": dict(
        standard=rates("3", "0.30", "3.75", "6", "15"), batch=rates("1.5", "0.15", "1.875", "3", "7.5"),
        threshold=200000, long=rates("6", "0.60", "7.50", "12", "22.50"), long_batch=rates("3", "0.30", "3.75", "6", "11.25")),
    "anthropic/claude-haiku-4.5": dict(
        standard=rates("1", "0.10", "1.25", "2", "5"), batch=rates("0.5", "0.05", "0.625", "1", "2.5")),
    # OpenAI gpt-4.1: batch 50% on input/output, batch cache reads at the interactive cached rate (issue's $0.064).
    "openai/gpt-4.1": dict(
        standard=rates("2", "0.5", "2", "2", "8"), batch=rates("1", "0.5", "1", "1", "4"),
        priority=rates("3.5", "0.875", "3.5", "3.5", "14")),
    "openai/gpt-5": dict(
        standard=rates("1.25", "0.125", "1.25", "1.25", "10"), batch=rates("0.625", "0.0625", "0.625", "0.625", "5"),
        flex=rates("0.625", "0.0625", "0.625", "0.625", "5"), priority=rates("2.5", "0.25", "2.5", "2.5", "20")),
    "openai/o4-mini": dict(
        standard=rates("1.1", "0.275", "1.1", "1.1", "4.4"), batch=rates("0.55", "0.275", "0.55", "0.55", "2.2"),
        flex=rates("0.55", "0.138", "0.55", "0.55", "2.2"), priority=rates("2", "0.5", "2", "2", "8")),
    "google/gemini-2.5-pro": dict(
        standard=rates("1.25", "0.125", "1.25", "1.25", "10"), batch=rates("0.625", "0.125", "0.625", "0.625", "5"),
        threshold=200000, long=rates("2.5", "0.25", "2.5", "2.5", "15"), long_batch=rates("1.25", "0.25", "1.25", "1.25", "7.5"),
        # Flex (half price, cache reads at the standard cached rate) and Priority (1.8x), each with its own >200k rates.
        flex=rates("0.625", "0.125", "0.625", "0.625", "5"), priority=rates("2.25", "0.225", "2.25", "2.25", "18"),
        long_flex=rates("1.25", "0.25", "1.25", "1.25", "7.5"), long_priority=rates("4.5", "0.45", "4.5", "4.5", "27")),
    # A plan override naming only input_per_mtok and flex rates: gpt-4.1 keeps batch, priority and cached rates.
    "openai/gpt-4.1-mini": dict(
        standard=rates("0.35", "0.1", "0.35", "0.35", "1.6"), batch=rates("0.2", "0.1", "0.2", "0.2", "0.8"),
        flex=rates("0.2", "0.05", "0.2", "0.2", "0.8"), priority=rates("0.7", "0.175", "0.7", "0.7", "2.8")),
    # A custom plan model with every rate name and a long-context tier with its own batch and priority rates (its
    # flex rates have no long-context version, so they apply whatever the prompt size).
    "acme/full": dict(
        standard=rates("2", "0.2", "2.5", "4", "10", "12"), batch=rates("1", "0.1", "1.25", "2", "5", "6"),
        flex=rates("1.2", "0.12", "2.5", "4", "6", "7"), priority=rates("3", "0.3", "3.75", "6", "15", "18"),
        threshold=100000, long=rates("4", "0.4", "5", "8", "20", "24"), long_batch=rates("2", "0.2", "2.5", "4", "10", "12"),
        long_priority=rates("6", "0.6", "7.5", "12", "30", "36")),
}

PLAN_MODELS = {
    "openai/gpt-4.1-mini": {"input_per_mtok": 0.35, "flex_input_per_mtok": 0.2, "flex_cached_input_per_mtok": 0.05,
                            "flex_output_per_mtok": 0.8},
    "acme/full": {"input_per_mtok": 2, "cached_input_per_mtok": 0.2, "cache_write_per_mtok": 2.5,
                  "cache_write_1h_per_mtok": 4, "output_per_mtok": 10, "reasoning_per_mtok": 12,
                  "batch_input_per_mtok": 1, "batch_cached_input_per_mtok": 0.1, "batch_cache_write_per_mtok": 1.25,
                  "batch_cache_write_1h_per_mtok": 2, "batch_output_per_mtok": 5, "batch_reasoning_per_mtok": 6,
                  "flex_input_per_mtok": 1.2, "flex_cached_input_per_mtok": 0.12, "flex_output_per_mtok": 6,
                  "flex_reasoning_per_mtok": 7,
                  "priority_input_per_mtok": 3, "priority_cached_input_per_mtok": 0.3, "priority_cache_write_per_mtok": 3.75,
                  "priority_cache_write_1h_per_mtok": 6, "priority_output_per_mtok": 15, "priority_reasoning_per_mtok": 18,
                  "long_context": {"threshold": 100000, "input_per_mtok": 4, "cached_input_per_mtok": 0.4,
                                   "cache_write_per_mtok": 5, "cache_write_1h_per_mtok": 8, "output_per_mtok": 20,
                                   "reasoning_per_mtok": 24, "batch_input_per_mtok": 2, "batch_cached_input_per_mtok": 0.2,
                                   "batch_cache_write_per_mtok": 2.5, "batch_cache_write_1h_per_mtok": 4,
                                   "batch_output_per_mtok": 10, "batch_reasoning_per_mtok": 12,
                                   "priority_input_per_mtok": 6, "priority_cached_input_per_mtok": 0.6,
                                   "priority_cache_write_per_mtok": 7.5, "priority_cache_write_1h_per_mtok": 12,
                                   "priority_output_per_mtok": 30, "priority_reasoning_per_mtok": 36}},
}

ROUTES = {"standard": {}, "batch": {"batch": True}, "flex": {"service_tier": "flex"}, "priority": {"service_tier": "priority"}}

def cost(model, route_tier, record_tier, prompt, cached, w5, w1h, out, reas):
    """Picodollars, exact. `prompt` counts every input token, cache reads and writes included."""
    m = CATALOG[model]
    tier = route_tier or record_tier or "standard"
    if tier not in m: tier = "standard"  # a record naming a tier the model lacks is billed at standard (warned)
    above = "threshold" in m and prompt > m["threshold"]
    if tier == "standard": r = m["long"] if above else m["standard"]
    elif tier == "batch": r = m["long_batch"] if above else m["batch"]
    else: r = m["long_" + tier] if above and "long_" + tier in m else m[tier]  # flat tier rates when it has no long ones
    usd = ((prompt - cached - w5 - w1h) * r["input"] + cached * r["cached"] + w5 * r["write"] + w1h * r["write1h"]
           + (out - reas) * r["output"] + reas * r["reasoning"]) / M
    pico = usd * D(10) ** 12
    assert pico == pico.to_integral_value(), (model, pico)
    return int(pico), usd

def main():
    rng = random.Random(8)
    records, expected = [], []
    def add(model, route, prompt, cached=0, w5=0, w1h=0, out=0, reas=0, anthropic=False, record_tier=None, note=""):
        r = {"timestamp": 1760000000 + len(records), "model": model, "route": route}
        r["input_tokens"] = prompt - cached - w5 - w1h if anthropic else prompt
        if anthropic: r["token_convention"] = "anthropic"
        if cached: r["cached_input_tokens"] = cached
        if w5: r["cache_write_input_tokens"] = w5
        if w1h: r["cache_write_1h_input_tokens"] = w1h
        r["output_tokens"] = out
        if reas: r["reasoning_tokens"] = reas
        if record_tier: r["service_tier"] = record_tier
        route_tier = {"batch": "batch", "flex": "flex", "priority": "priority"}.get(route)
        pico, usd = cost(model, route_tier, record_tier if record_tier not in ("default", "auto") else "standard",
                         prompt, cached, w5, w1h, out, reas)
        records.append(r)
        expected.append({"line": len(records), "picodollars": str(pico), "usd": str(usd), "note": note})
    # The worked examples.
    add("anthropic/claude-sonnet-4.5", "standard", 110000, cached=50000, out=1000, anthropic=True,
        note="issue: Sonnet 4.5 raw Anthropic counts, 60k input + 50k cache read + 1k out = $0.21")
    add("anthropic/claude-sonnet-4.5", "standard", 210000, w5=60000, out=1000, anthropic=True,
        note="issue: 150k uncached + 60k written + 1k out; the 210k prompt is above 200k, so Anthropic bills the long-context tier ($1.3725; LiteLLM's $0.69 lacks the tier)")
    add("anthropic/claude-haiku-4.5", "standard", 210000, w5=60000, out=1000, anthropic=True,
        note="the same counts on a model without a tier: 150k x 1 + 60k x 1.25 + 1k x 5")
    add("openai/gpt-4.1", "batch", 100000, cached=80000, out=1000, note="issue: gpt-4.1 batch 100k in / 80k cached / 1k out = $0.064")
    # Tier thresholds exactly at the boundary and one above, on every tier the model has.
    for model in ("anthropic/claude-sonnet-4.5", "google/gemini-2.5-pro", "acme/full"):
        t = CATALOG[model]["threshold"]
        for route in ("standard", "batch", "flex", "priority"):
            if route not in CATALOG[model] and route != "standard": continue
            for prompt in (t, t + 1):
                add(model, route, prompt, cached=t // 4, out=500, note=f"{model} {route} prompt {prompt} vs threshold {t}")
        # Cache reads and writes count towards the threshold (Anthropic convention: input alone is below it).
        add(model, "standard", t + 1, cached=t // 2, w5=1000, out=10, anthropic=True, note="reads and writes push the prompt over")
    # Random records over every model, route, convention and recorded tier.
    models = list(CATALOG)
    for _ in range(400):
        model = rng.choice(models)
        route = rng.choice(list(ROUTES))
        if route in ("flex", "priority") and route not in CATALOG[model]: route = "standard"
        prompt = int(rng.lognormvariate(8.5, 1.5))
        if rng.random() < 0.1: prompt = rng.randint(90000, 260000)
        cached = rng.randint(0, prompt) if rng.random() < 0.5 else 0
        w5 = rng.randint(0, prompt - cached) if rng.random() < 0.3 else 0
        w1h = rng.randint(0, prompt - cached - w5) if rng.random() < 0.2 else 0
        out = int(rng.lognormvariate(6, 1.2))
        reas = rng.randint(0, out) if rng.random() < 0.3 else 0
        record_tier = rng.choice([None, None, None, "default", "auto", "flex", "priority", "batch"]) if route == "standard" else None
        add(model, route, prompt, cached, w5, w1h, out, reas, anthropic=rng.random() < 0.4, record_tier=record_tier)
    plan = {"version": 1, "traffic": {"path": "traffic.jsonl", "format": "jsonl"}, "models": PLAN_MODELS,
            "routes": ROUTES}
    with open(os.path.join(HERE, "plan.json"), "w") as f: json.dump(plan, f, indent=2); f.write("\n")
    with open(os.path.join(HERE, "traffic.jsonl"), "w") as f:
        for r in records: f.write(json.dumps(r) + "\n")
    with open(os.path.join(HERE, "expected.json"), "w") as f: json.dump(expected, f, indent=1); f.write("\n")

main()
