#!/usr/bin/env python3
"""Generates observations.jsonl for the langfuse-export scenario (seeded, so the file is reproducible).

Four hours of a document assistant traced with Langfuse, as the blob-storage export writes observations
(JSON Lines, one observation a line, the export's field names). Each trace is a SPAN (no usage: skipped by
costgate) and one GENERATION with `usage_details` in Langfuse's keys (`input` without cache, `input_cached_tokens`,
`input_cache_creation`, `output`), latencies in seconds, `level` ERROR on a call whose stream broke off, `tags` as `key:value`
strings. Three trace names (routes): `chat` and `summarize` on Claude Sonnet 4.5, `classify` on Claude Haiku 4.5.
Run: python3 generate.py > observations.jsonl
"""
import json, math, random
from datetime import datetime, timedelta

rng = random.Random(23)
START = datetime(2025, 11, 3, 8, 0, 0)
HOURS = 4
ROUTES = [
    # trace name, model, team, share, uncached input (median, sigma), output (median, sigma), cached system prompt
    ("chat", "claude-sonnet-4-5-20250929", "support", 0.55, 700, 0.6, 320, 0.5, 2048),
    ("summarize", "claude-sonnet-4-5-20250929", "docs", 0.25, 5200, 0.5, 450, 0.35, 0),
    ("classify", "claude-haiku-4-5-20251001", "ops", 0.20, 400, 0.3, 12, 0.3, 1024),
]
PRICES = {  # USD per token as Langfuse's model table shows them (input, cached, cache write, output)
    "claude-sonnet-4-5-20250929": (3e-6, 0.3e-6, 3.75e-6, 15e-6),
    "claude-haiku-4-5-20251001": (1e-6, 0.1e-6, 1.25e-6, 5e-6),
}
CUSTOMERS = ["acme", "globex", "initech", "umbrella", "hooli"]
CUSTOMER_WEIGHTS = [35, 25, 18, 12, 10]

def stamp(t):
    return t.strftime("%Y-%m-%d %H:%M:%S.%f")

def observation(**fields):
    base = {"id": None, "trace_id": None, "project_id": "cm3qprojdocs0001", "environment": "production", "type": None,
            "parent_observation_id": None, "start_time": None, "end_time": None, "name": None, "metadata": {},
            "level": "DEFAULT", "status_message": None, "version": None, "input": None, "output": None,
            "provided_model_name": None, "model_parameters": None, "usage_details": {}, "cost_details": {},
            "completion_start_time": None, "prompt_name": None, "prompt_version": None, "total_cost": None,
            "latency": None, "time_to_first_token": None, "model_id": None, "created_at": None, "updated_at": None,
            "prompt_id": None, "tool_calls": [], "tool_call_names": [], "tool_definitions": {},
            "usage_pricing_tier_name": None, "input_price": None, "output_price": None, "total_price": None,
            "user_id": None, "session_id": None, "trace_name": None, "tags": [], "release": "2025.11.2",
            "bookmarked": False, "public": False}
    base.update(fields)
    return base

rows = []
t = 0.0
n = 0
while True:
    rate = 0.022 * (0.7 + 0.3 * math.sin(math.pi * t / (HOURS * 3600)))
    t += rng.expovariate(rate)
    if t >= HOURS * 3600:
        break
    n += 1
    name, model, team, _, i_med, i_sig, o_med, o_sig, cached_prompt = rng.choices(ROUTES, weights=[r[3] for r in ROUTES])[0]
    customer = rng.choices(CUSTOMERS, weights=CUSTOMER_WEIGHTS)[0]
    trace = "%032x" % rng.getrandbits(128)
    begin = START + timedelta(seconds=t)
    uncached = max(40, int(rng.lognormvariate(math.log(i_med), i_sig)))
    output = max(1, int(rng.lognormvariate(math.log(o_med), o_sig)))
    cached = written = 0
    if cached_prompt:
        if rng.random() < 0.12:
            written = cached_prompt
        else:
            cached = cached_prompt
    failed = rng.random() < 0.015
    if failed:
        output = output * 2 // 5  # the stream broke off; the tokens sent so far are still billed
    ttft = max(0.15, rng.gauss(0.55 if "sonnet" in model else 0.35, 0.1))
    latency = round(ttft + output * rng.uniform(0.011, 0.016), 3)
    ttft = round(ttft, 3)
    end = begin + timedelta(seconds=latency)
    p_in, p_cached, p_write, p_out = PRICES[model]
    usage = {"input": uncached, "output": output}
    cost = {"input": round(uncached * p_in, 8), "output": round(output * p_out, 8)}
    if cached:
        usage["input_cached_tokens"] = cached
        cost["input_cached_tokens"] = round(cached * p_cached, 8)
    if written:
        usage["input_cache_creation"] = written
        cost["input_cache_creation"] = round(written * p_write, 8)
    usage["total"] = uncached + cached + written + output
    cost["total"] = round(sum(cost.values()), 8)
    common = dict(trace_id=trace, user_id=customer, session_id="sess-%s-%d" % (customer, n % 7), trace_name=name,
                  tags=["team:" + team, "feature:" + name], metadata={"customer_id": customer})
    span_id = trace[:16] + "sp"
    rows.append(observation(id=span_id, type="SPAN", name=name, start_time=stamp(begin - timedelta(milliseconds=4)),
                            end_time=stamp(end + timedelta(milliseconds=3)), latency=round(latency + 0.007, 3),
                            input='{"request":"..."}', output='"..."', created_at=stamp(end + timedelta(seconds=2)),
                            updated_at=stamp(end + timedelta(seconds=3)), **common))
    generation = observation(
        id=trace[:16] + "gn", type="GENERATION", parent_observation_id=span_id, name="llm-call",
        start_time=stamp(begin), end_time=stamp(end), provided_model_name=model,
        model_parameters='{"temperature":0.2,"max_tokens":1024}', usage_details=usage, cost_details=cost,
        completion_start_time=stamp(begin + timedelta(seconds=ttft)),
        prompt_name=name + "-system", prompt_version=4, total_cost=cost["total"], latency=latency,
        time_to_first_token=ttft, created_at=stamp(end + timedelta(seconds=2)),
        updated_at=stamp(end + timedelta(seconds=3)), input='[{"role":"system","content":"..."}]',
        output='{"role":"assistant","content":"..."}',
        input_price="%.8f" % p_in, output_price="%.8f" % p_out, **common)
    if failed:
        generation["level"] = "ERROR"
        generation["status_message"] = "APIConnectionError: stream interrupted (client read timeout)"
    rows.append(generation)
for row in rows:
    print(json.dumps(row))
