#!/usr/bin/env python3
"""Expected canonical records for each source sample in this folder, computed with Python's json module from
the mapping the README documents for that source (not from costgate's code). FormatReaderTests.swift reads
each sample with the matching `traffic.format` and compares every record. The CSV exports (litellm, langfuse: JSON in cells) must give the same records as the JSON Lines. Run: python3 generate.py
The samples are copies of ../shared/formats beside the repository (synthetic rows in each producer's documented shape)."""
import json, os
from datetime import datetime, timezone

HERE = os.path.dirname(os.path.abspath(__file__))

def naive_utc(text):
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc).timestamp()

def litellm(row):
    """LiteLLM spend log row; `prompt_tokens` already include cache reads and writes."""
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
            "latency_ms": row.get("request_duration_ms"),
            # TTFT: the first token's arrival (completionStartTime) minus startTime.
            "ttft_ms": None if row.get("completionStartTime") is None
                       else (naive_utc(row["completionStartTime"]) - naive_utc(row["startTime"])) * 1000,
            "is_error": row["status"] == "failure", "tags": tags}

def tag_list(entries):
    tags = {}
    for entry in entries or []:
        key, colon, value = entry.partition(":")
        tags[key] = value if colon else "true"
    return tags

def langfuse(row):
    usage = row.get("usage_details") or {}
    if "input" not in usage and "output" not in usage:
        return None  # a span or event, not a model call
    cached = usage.get("input_cached_tokens", 0)
    written = usage.get("input_cache_creation", 0)
    tags = tag_list(row.get("tags"))
    for tag, value in (("user", row.get("user_id")), ("environment", row.get("environment")),
                       ("customer", (row.get("metadata") or {}).get("customer_id"))):
        if value is not None: tags[tag] = str(value)
    latency = row.get("latency")
    ttft = row.get("time_to_first_token")
    return {"timestamp": naive_utc(row["start_time"]), "model": row["provided_model_name"], "route": row["trace_name"],
            # Langfuse's input excludes cache reads and writes; the canonical count includes them.
            "input_tokens": usage["input"] + cached + written, "cached_input_tokens": cached,
            "cache_write_input_tokens": written, "output_tokens": usage["output"],
            "reasoning_tokens": usage.get("output_reasoning_tokens", 0),
            "latency_ms": None if latency is None else latency * 1000, "ttft_ms": None if ttft is None else ttft * 1000,
            "is_error": row["level"] == "ERROR", "tags": tags}

def helicone(row):
    tags = dict(row.get("properties") or {})
    for tag, value in (("user", row.get("request_user_id")), ("provider", row.get("provider"))):
        if value is not None: tags[tag] = str(value)
    return {"timestamp": datetime.fromisoformat(row["request_created_at"].replace("Z", "+00:00")).timestamp(),
            "model": row["model"], "input_tokens": row["prompt_tokens"],
            "cached_input_tokens": row.get("prompt_cache_read_tokens") or 0,
            "cache_write_input_tokens": row.get("prompt_cache_write_tokens") or 0,
            "output_tokens": row["completion_tokens"], "reasoning_tokens": row.get("reasoning_tokens") or 0,
            "latency_ms": row.get("delay_ms"), "ttft_ms": row.get("time_to_first_token"),
            "is_error": row["response_status"] >= 400, "tags": tags}

def otlp_records(line):
    """Every span with gen_ai.usage.* attributes of one ExportTraceServiceRequest line."""
    out = []
    def attrs(items):
        result = {}
        for item in items or []:
            value = item.get("value") or {}
            for kind in ("stringValue", "intValue", "doubleValue", "boolValue"):
                if kind in value: result[item["key"]] = value[kind]
        return result
    for rs in json.loads(line).get("resourceSpans", []):
        resource = attrs((rs.get("resource") or {}).get("attributes"))
        for ss in rs.get("scopeSpans", []):
            for span in ss.get("spans", []):
                a = attrs(span.get("attributes"))
                if not any(k.startswith("gen_ai.usage.") for k in a): continue
                start, end = int(span["startTimeUnixNano"]), int(span["endTimeUnixNano"])
                tags = {}
                service = a.get("service.name", resource.get("service.name"))
                if service is not None: tags["service"] = service
                provider = a.get("gen_ai.provider.name", resource.get("gen_ai.provider.name", a.get("gen_ai.system")))
                if provider is not None: tags["provider"] = provider
                code = (span.get("status") or {}).get("code")
                out.append({"timestamp": start / 1e9, "model": a.get("gen_ai.response.model") or a.get("gen_ai.request.model"),
                            "input_tokens": int(a["gen_ai.usage.input_tokens"]),
                            "cached_input_tokens": int(a.get("gen_ai.usage.cache_read.input_tokens", 0)),
                            "cache_write_input_tokens": int(a.get("gen_ai.usage.cache_creation.input_tokens", 0)),
                            "output_tokens": int(a["gen_ai.usage.output_tokens"]),
                            "reasoning_tokens": int(a.get("gen_ai.usage.reasoning.output_tokens", 0)),
                            "latency_ms": (end - start) / 1e6, "is_error": code in (2, "STATUS_CODE_ERROR"), "tags": tags})
    return out

with open(os.path.join(HERE, "otlp", "traces.otlp.jsonl")) as f:
    records = [r for line in f if line.strip() for r in otlp_records(line)]
with open(os.path.join(HERE, "otlp", "expected.json"), "w") as f:
    json.dump(records, f, indent=1)
    f.write("\n")

for folder, name, mapper in [("litellm", "spend_logs.jsonl", litellm), ("langfuse", "observations_v2.jsonl", langfuse),
                             ("helicone", "helicone_export.jsonl", helicone)]:
    rows = [json.loads(line) for line in open(os.path.join(HERE, folder, name)) if line.strip()]
    with open(os.path.join(HERE, folder, "expected.json"), "w") as f:
        json.dump([m for m in map(mapper, rows) if m is not None], f, indent=1)
        f.write("\n")
