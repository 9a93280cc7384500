#!/usr/bin/env python3
"""Generates requests.jsonl for the helicone-export scenario (seeded, so the file is reproducible).

Three hours of an app behind the Helicone gateway, as Helicone's request export writes it (JSON Lines of
`HeliconeRequest` objects). Custom properties (`Helicone-Property-*` headers) carry `feature`, `team` and
`customer`. Four features: `chat` on Claude Sonnet 4.5 (cached system prompt), `search` on gpt-4o-mini,
`summarize` on gpt-4o, `extract` on o4-mini (reasoning tokens, counted inside `completion_tokens`).
`prompt_tokens` include cache reads and writes; `cost` is Helicone's own price of the request in USD at list
rates; about 1% are HTTP 429 with no usage. Run: python3 generate.py > requests.jsonl
"""
import json, math, random, uuid
from datetime import datetime, timedelta, timezone

rng = random.Random(31)
START = datetime(2025, 11, 4, 13, 0, 0, tzinfo=timezone.utc)
HOURS = 3
FEATURES = [
    # feature, team, provider, request model, response model, share, input (median, sigma), output (median, sigma), cached prefix
    ("chat", "support", "ANTHROPIC", "claude-sonnet-4-5", "claude-sonnet-4-5-20250929", 0.40, 900, 0.5, 300, 0.5, 2048),
    ("search", "search", "OPENAI", "gpt-4o-mini", "gpt-4o-mini-2024-07-18", 0.30, 2400, 0.5, 140, 0.4, 1024),
    ("summarize", "growth", "OPENAI", "gpt-4o", "gpt-4o-2024-08-06", 0.20, 5200, 0.35, 380, 0.3, 0),
    ("extract", "ops", "OPENAI", "o4-mini", "o4-mini-2025-04-16", 0.10, 1800, 0.4, 250, 0.4, 0),
]
PRICES = {  # USD per 1M tokens: input, cache read, cache write (5 min), output
    "claude-sonnet-4-5-20250929": (3.0, 0.30, 3.75, 15.0),
    "gpt-4o-mini-2024-07-18": (0.15, 0.075, 0.0, 0.60),
    "gpt-4o-2024-08-06": (2.50, 1.25, 0.0, 10.0),
    "o4-mini-2025-04-16": (1.10, 0.275, 0.0, 4.40),
}
PATHS = {"ANTHROPIC": "https://api.anthropic.com/v1/messages", "OPENAI": "https://api.openai.com/v1/chat/completions"}
CUSTOMERS = ["acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne"]
CUSTOMER_WEIGHTS = [28, 20, 15, 12, 10, 8, 7]

def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)

def uid():
    return str(uuid.UUID(int=rng.getrandbits(128)))

rows = []
t = 0.0
while True:
    rate = 0.03 * (0.8 + 0.2 * math.cos(2 * math.pi * t / (HOURS * 3600)))
    t += rng.expovariate(rate)
    if t >= HOURS * 3600:
        break
    feature, team, provider, request_model, response_model, _, i_med, i_sig, o_med, o_sig, prefix = \
        rng.choices(FEATURES, weights=[f[5] for f in FEATURES])[0]
    customer = rng.choices(CUSTOMERS, weights=CUSTOMER_WEIGHTS)[0]
    begin = START + timedelta(seconds=t)
    properties = {"customer": customer, "feature": feature, "team": team}
    failed = rng.random() < 0.01
    prompt = max(60, int(rng.lognormvariate(math.log(i_med), i_sig))) + prefix
    completion = max(1, int(rng.lognormvariate(math.log(o_med), o_sig)))
    reasoning = cache_read = cache_write = 0
    if feature == "extract":
        reasoning = int(completion * rng.uniform(1.5, 4.0)) // 64 * 64
        completion += reasoning  # OpenAI counts reasoning inside completion_tokens
    if prefix:
        if provider == "ANTHROPIC" and rng.random() < 0.1:
            cache_write = prefix
        elif rng.random() < 0.8:
            cache_read = prefix
    ttft = max(120, int(rng.gauss(600 if provider == "ANTHROPIC" else 420, 90)))
    if feature == "extract":
        ttft += int(reasoning * 7.5)  # reasoning happens before the first visible token
    delay = ttft + int((completion - reasoning) * rng.uniform(9, 15))
    if failed:
        prompt = completion = reasoning = cache_read = cache_write = 0
        delay, ttft, status, model = int(rng.uniform(80, 200)), None, 429, request_model
    else:
        status, model = 200, response_model
    cost = 0.0
    if not failed:
        p_in, p_read, p_write, p_out = PRICES[model]
        cost = round(((prompt - cache_read - cache_write) * p_in + cache_read * p_read + cache_write * p_write
                      + completion * p_out) / 1e6, 10)
    request_id = uid()
    rows.append({
        "response_id": uid(), "response_created_at": iso(begin + timedelta(milliseconds=delay)), "response_body": {},
        "response_status": status, "response_model": None if failed else response_model, "request_id": request_id,
        "request_created_at": iso(begin), "request_body": {}, "request_path": PATHS[provider], "request_user_id": customer,
        "request_properties": properties, "request_model": request_model, "model_override": None,
        "helicone_user": "d3c1a1b2-0000-4000-8000-00000000abcd", "provider": provider, "delay_ms": delay,
        "time_to_first_token": ttft, "total_tokens": prompt + completion, "prompt_tokens": prompt,
        "prompt_cache_write_tokens": cache_write, "prompt_cache_read_tokens": cache_read, "completion_tokens": completion,
        "reasoning_tokens": reasoning, "prompt_audio_tokens": 0, "completion_audio_tokens": 0, "cost": cost,
        "prompt_id": None, "prompt_version": None, "feedback_created_at": None, "feedback_id": None,
        "feedback_rating": None, "signed_body_url": None, "llmSchema": None, "country_code": "US", "asset_ids": None,
        "asset_urls": None, "scores": {}, "costUSD": cost, "properties": properties, "assets": [], "target_url": "",
        "model": model, "cache_reference_id": None, "cache_enabled": False,
        "updated_at": iso(begin + timedelta(milliseconds=delay + 900)), "request_referrer": None,
        "ai_gateway_body_mapping": None, "storage_location": "s3"})
for row in rows:
    print(json.dumps(row))
