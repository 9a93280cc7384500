#!/usr/bin/env python3
"""Expected canonical records for each source sample in this folder, computed with Python's json module from
the mapping the README documents for that source (not from costgate's code). FormatReaderTests.swift reads
each sample with the matching `traffic.format` and compares every record. Run: python3 generate.py
The samples are copies of /work/shared/formats (synthetic rows in each producer's documented shape)."""
import json, os
from datetime import datetime, timezone

HERE = os.path.dirname(os.path.abspath(__file__))

def naive_utc(text):
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc).timestamp()

def litellm(row):
    meta = row.get("metadata") or {}
    usage = meta.get("usage_object") or {}
    tags = {}
    for entry in row.get("request_tags") or []:
        key, _, value = entry.partition(":")
        tags[key] = value if _ else "true"
    for tag, value in (("team", meta.get("user_api_key_team_alias")), ("api_key", meta.get("user_api_key_alias")),
                       ("end_user", row.get("end_user")), ("provider", row.get("custom_llm_provider")),
                       ("model_group", row.get("model_group"))):
        if value is not None: tags[tag] = str(value)
    return {"timestamp": naive_utc(row["startTime"]), "model": row["model"],
            "input_tokens": row["prompt_tokens"],
            "cached_input_tokens": (usage.get("prompt_tokens_details") or {}).get("cached_tokens") or 0,
            "cache_write_input_tokens": usage.get("cache_creation_input_tokens") or 0,
            "output_tokens": row["completion_tokens"],
            "reasoning_tokens": (usage.get("completion_tokens_details") or {}).get("reasoning_tokens") or 0,
            "latency_ms": row.get("request_duration_ms"), "is_error": row["status"] == "failure", "tags": tags}

for folder, name, mapper in [("litellm", "spend_logs.jsonl", litellm)]:
    rows = [json.loads(line) for line in open(os.path.join(HERE, folder, name)) if line.strip()]
    with open(os.path.join(HERE, folder, "expected.json"), "w") as f:
        json.dump([mapper(r) for r in rows], f, indent=1)
        f.write("\n")
