#!/usr/bin/env python3
"""Vectors for the usage-report readers (`openai-usage`, `anthropic-usage`), computed with Python's json and decimal
modules from the documented row fields and the providers' published rates, not from costgate's code.

For each report file in openai-usage/ and anthropic-usage/ it writes `<file>.expected.json`: per row (keyed by bucket
start, model, tags, tier and long-context tier) the token totals, the request count (1 when the report has none) and
the exact cost of the totals in picodollars, and the file's total cost. It also writes the synthetic edge files
(batch, priority, scale, remainders that do not divide, long-context rows, rows without a count).
UsageReportTests.swift reads each file, sums weight × tokens and weight × cost per key and compares exactly.
Run: python3 generate_usage.py (swift test needs no Python)."""
import json, os
from datetime import datetime
from decimal import Decimal as D

HERE = os.path.dirname(os.path.abspath(__file__))

def r(input, cached, write, write1h, output):
    return dict(uncached=D(input), cached=D(cached), write5m=D(write), write1h=D(write1h), output=D(output))

# USD per 1M tokens, written out per tier from platform.openai.com/docs/pricing and
# platform.claude.com/docs/en/about-claude/pricing. OpenAI bills no cache writes; its Batch API halves input and
# output and bills cache reads at the interactive cached rate (GPT-4o, GPT-4.1 families); `scale` is priced standard.
RATES = {
    "gpt-4o-2024-08-06": {"standard": r("2.5", "1.25", "2.5", "2.5", "10"), "batch": r("1.25", "1.25", "1.25", "1.25", "5"),
                          "priority": r("4.25", "2.125", "4.25", "4.25", "17")},
    "gpt-4o-mini-2024-07-18": {"standard": r("0.15", "0.075", "0.15", "0.15", "0.6"), "batch": r("0.075", "0.075", "0.075", "0.075", "0.3"),
                               "priority": r("0.25", "0.125", "0.25", "0.25", "1")},
    "gpt-4.1": {"standard": r("2", "0.5", "2", "2", "8"), "batch": r("1", "0.5", "1", "1", "4")},
    # Anthropic: reads 0.1x, 5-minute writes 1.25x, 1-hour writes 2x input; batch halves all; Sonnet 4.5 above 200k
    # prompt tokens (context_window "200k-1M"): 2x input (and cache prices), 1.5x output.
    "claude-sonnet-4-5-20250929": {"standard": r("3", "0.3", "3.75", "6", "15"), "batch": r("1.5", "0.15", "1.875", "3", "7.5"),
                                   "long": r("6", "0.6", "7.5", "12", "22.5"), "long_batch": r("3", "0.3", "3.75", "6", "11.25")},
    "claude-haiku-4-5-20251001": {"standard": r("1", "0.1", "1.25", "2", "5"), "batch": r("0.5", "0.05", "0.625", "1", "2.5")},
}

def timestamp(value):
    return value if isinstance(value, (int, float)) else datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()

def openai_rows(page):
    for bucket in page["data"]:
        for row in bucket["results"]:
            tier = "batch" if row.get("batch") else {None: "standard", "default": "standard", "auto": "standard",
                                                    "scale": "standard"}.get(row.get("service_tier"), row.get("service_tier"))
            tags = {k: row[f] for k, f in (("project", "project_id"), ("api_key", "api_key_id"), ("user", "user_id")) if row.get(f) is not None}
            parts = dict(uncached=row["input_tokens"] - row["input_cached_tokens"], cached=row["input_cached_tokens"],
                         write5m=0, write1h=0, output=row["output_tokens"])
            yield bucket["start_time"], bucket["end_time"], row["model"], tags, tier, 0, parts, row.get("num_model_requests") or None

def anthropic_rows(page):
    for bucket in page["data"]:
        for row in bucket["results"]:
            tags = {k: row[f] for k, f in (("workspace", "workspace_id"), ("api_key", "api_key_id")) if row.get(f) is not None}
            cc = row.get("cache_creation") or {}
            parts = dict(uncached=row["uncached_input_tokens"], cached=row["cache_read_input_tokens"],
                         write5m=cc.get("ephemeral_5m_input_tokens", 0), write1h=cc.get("ephemeral_1h_input_tokens", 0),
                         output=row["output_tokens"])
            context = {None: 0, "0-200k": 1, "200k-1M": 2}[row.get("context_window")]
            yield (timestamp(bucket["starting_at"]), timestamp(bucket["ending_at"]), row["model"], tags,
                   row.get("service_tier") or "standard", context, parts, None)

def pages(path):
    text = open(path).read()
    if text.lstrip().startswith("{") and "\n" in text.strip() and text.strip().split("\n")[0].rstrip().endswith("}"):
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    return [json.loads(text)]

def vectors(path, rows_of):
    rows, total, start, end = [], D(0), None, None
    for page in pages(path):
        for begin, finish, model, tags, tier, context, parts, requests in rows_of(page):
            table = RATES[model]
            key = ("long_" if context == 2 and "long" in table else "") + tier
            rates = table["long" if key == "long_standard" else key]
            picodollars = sum(D(parts[p]) * rates[p] for p in parts) * D(10) ** 6   # per 1M tokens -> picodollars
            assert picodollars == picodollars.to_integral_value()
            total += picodollars
            start = begin if start is None else min(start, begin)
            end = finish if end is None else max(end, finish)
            rows.append({"key": f"{begin:.0f}|{model}|{json.dumps(tags, sort_keys=True)}|{tier}|{context}",
                         "tokens": parts, "requests": requests or 1, "picodollars": str(int(picodollars))})
    with open(path + ".expected.json", "w") as f:
        json.dump({"rows": rows, "picodollars": str(int(total)), "covered_seconds": end - start}, f, indent=1)
        f.write("\n")

def row(model, input, cached, output, requests, **extra):
    base = {"object": "organization.usage.completions.result", "input_tokens": input, "output_tokens": output,
            "input_cached_tokens": cached, "input_audio_tokens": 0, "output_audio_tokens": 0,
            "num_model_requests": requests, "project_id": "proj_edge", "user_id": None, "api_key_id": None,
            "model": model, "batch": None, "service_tier": None}
    base.update(extra)
    return base

edge_openai = [
    {"object": "page", "data": [{"object": "bucket", "start_time": 1762128000, "end_time": 1762131600, "results": [
        row("gpt-4.1", 1000003, 800001, 10007, 7, batch=True),
        row("gpt-4o-2024-08-06", 20011, 4099, 3001, 3, service_tier="priority", project_id="proj_fast"),
        row("gpt-4o-mini-2024-07-18", 12345, 0, 678, 1, service_tier="scale", api_key_id="key_scale"),
        row("gpt-4o-mini-2024-07-18", 999, 13, 77, None, user_id="user_x")]}],
     "has_more": True, "next_page": "page_2"},
    {"object": "page", "data": [{"object": "bucket", "start_time": 1762131600, "end_time": 1762135200, "results": [
        row("gpt-4o-2024-08-06", 5, 0, 3, 11), row("gpt-4.1", 7000000, 6999999, 1, 13, batch=False)]}],
     "has_more": False, "next_page": None},
]
with open(os.path.join(HERE, "openai-usage", "edge_pages.jsonl"), "w") as f:
    for page in edge_openai: f.write(json.dumps(page) + "\n")

def arow(model, uncached, read, w5, w1, output, workspace, context="0-200k", tier="standard"):
    return {"uncached_input_tokens": uncached, "cache_creation": {"ephemeral_1h_input_tokens": w1, "ephemeral_5m_input_tokens": w5},
            "cache_read_input_tokens": read, "output_tokens": output, "server_tool_use": {"web_search_requests": 0},
            "api_key_id": None, "workspace_id": workspace, "model": model, "service_tier": tier, "context_window": context}

edge_anthropic = {"data": [{"starting_at": "2025-11-03T00:00:00Z", "ending_at": "2025-11-03T06:00:00Z", "results": [
    arow("claude-sonnet-4-5-20250929", 650001, 120003, 20011, 5003, 4007, "wrkspc_long", context="200k-1M"),
    arow("claude-sonnet-4-5-20250929", 310007, 90001, 0, 2003, 3001, "wrkspc_long", context="200k-1M", tier="batch"),
    arow("claude-sonnet-4-5-20250929", 150000, 40000, 10000, 0, 1000, "wrkspc_short", tier="batch"),
    arow("claude-haiku-4-5-20251001", 7, 0, 0, 9, 11, None, tier="batch")]}],
    "has_more": False, "next_page": None}
with open(os.path.join(HERE, "anthropic-usage", "edge_report.json"), "w") as f:
    json.dump(edge_anthropic, f, indent=2)
    f.write("\n")

for name in ("usage_page_24h.json", "usage_pages_1h.jsonl", "edge_pages.jsonl"):
    vectors(os.path.join(HERE, "openai-usage", name), openai_rows)
for name in ("usage_report_24h.json", "usage_report_1h.json", "edge_report.json"):
    vectors(os.path.join(HERE, "anthropic-usage", name), anthropic_rows)
