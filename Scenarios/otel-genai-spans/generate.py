#!/usr/bin/env python3
"""Generates traces.otlp.jsonl for the otel-genai-spans scenario (seeded, so the file is reproducible).

Six hours of a support assistant instrumented with the OpenTelemetry GenAI conventions and written by the
collector's file exporter: one ExportTraceServiceRequest (OTLP/JSON) per line, each a batch of a few traces.
Every trace has the HTTP server span (no gen_ai.usage, skipped by costgate) and one model-call client span.
Two services: `support-bot` calls Claude Sonnet 4.5 through the older `gen_ai.system` attribute (cache reads
and 5-minute cache writes of its system prompt), `kb-search` calls gpt-4o-mini with `gen_ai.provider.name`.
About 1% of the calls fail with status code 2 (rate limit). Run: python3 generate.py > traces.otlp.jsonl
"""
import json, math, random

rng = random.Random(11)
START_NS = 1762128000 * 10**9  # 2025-11-03T00:00:00Z
HOURS = 6

def attr(key, value):
    if isinstance(value, bool):
        return {"key": key, "value": {"boolValue": value}}
    if isinstance(value, int):
        return {"key": key, "value": {"intValue": str(value)}}  # OTLP/JSON writes 64-bit integers as strings
    if isinstance(value, float):
        return {"key": key, "value": {"doubleValue": value}}
    if isinstance(value, list):
        return {"key": key, "value": {"arrayValue": {"values": [{"stringValue": v} for v in value]}}}
    return {"key": key, "value": {"stringValue": value}}

def hexid(n):
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))

SERVICES = {
    "support-bot": {"version": "1.8.2", "share": 0.7, "system_attr": "gen_ai.system", "provider": "anthropic",
                    "request_model": "claude-sonnet-4-5", "response_model": "claude-sonnet-4-5-20250929",
                    "server": "api.anthropic.com", "route": "/v1/answer", "input": (800, 0.6), "output": (420, 0.55),
                    "max_tokens": 1024, "ttft": 620, "per_token": 14.0},
    "kb-search": {"version": "0.14.0", "share": 0.3, "system_attr": "gen_ai.provider.name", "provider": "openai",
                  "request_model": "gpt-4o-mini", "response_model": "gpt-4o-mini-2024-07-18",
                  "server": "api.openai.com", "route": "/v1/search", "input": (1500, 0.4), "output": (120, 0.5),
                  "max_tokens": 256, "ttft": 380, "per_token": 9.0},
}
CUSTOMERS = ["acme", "globex", "initech", "umbrella", "hooli", "stark"]
CUSTOMER_WEIGHTS = [30, 22, 16, 12, 12, 8]

def spans_for(service, cfg, t_ns):
    trace, server_id, client_id = hexid(32), hexid(16), hexid(16)
    input_tokens = max(50, int(rng.lognormvariate(math.log(cfg["input"][0]), cfg["input"][1])))
    if service == "support-bot":
        input_tokens += 3072  # the system prompt, cached
    output_tokens = min(cfg["max_tokens"], max(5, int(rng.lognormvariate(math.log(cfg["output"][0]), cfg["output"][1]))))
    failed = rng.random() < 0.01
    ttft_ms = max(120.0, rng.gauss(cfg["ttft"], cfg["ttft"] * 0.2))
    duration_ms = ttft_ms + (0 if failed else output_tokens * rng.uniform(0.8, 1.2) * cfg["per_token"])
    start = t_ns + 3_000_000
    end = start + int(duration_ms * 1e6)
    attributes = [attr("gen_ai.operation.name", "chat"), attr(cfg["system_attr"], cfg["provider"]),
                  attr("gen_ai.request.model", cfg["request_model"]), attr("gen_ai.request.max_tokens", cfg["max_tokens"]),
                  attr("server.address", cfg["server"]),
                  attr("app.customer_id", rng.choices(CUSTOMERS, weights=CUSTOMER_WEIGHTS)[0])]
    status = {}
    if failed:
        attributes.append(attr("error.type", "429"))
        status = {"code": 2, "message": "Error code: 429 - rate_limit_exceeded"}
        # A refused call reports no usage on the span; costgate skips spans without gen_ai.usage.* attributes.
    else:
        attributes += [attr("gen_ai.response.model", cfg["response_model"]), attr("gen_ai.response.id", "resp_" + hexid(20)),
                       attr("gen_ai.response.finish_reasons", ["length" if output_tokens == cfg["max_tokens"] else "stop"]),
                       attr("gen_ai.usage.input_tokens", input_tokens), attr("gen_ai.usage.output_tokens", output_tokens)]
        if service == "support-bot":
            # The 3,072-token system prompt is cached (input_tokens count it): written by the first call of a 5-minute window, read after.
            if rng.random() < 0.15:
                attributes.append(attr("gen_ai.usage.cache_creation.input_tokens", 3072))
            else:
                attributes.append(attr("gen_ai.usage.cache_read.input_tokens", 3072))
        elif rng.random() < 0.4:
            attributes.append(attr("gen_ai.usage.cache_read.input_tokens", (input_tokens // 2) // 128 * 128))
    client = {"traceId": trace, "spanId": client_id, "parentSpanId": server_id, "flags": 257,
              "name": "chat " + cfg["request_model"], "kind": 3,
              "startTimeUnixNano": str(start), "endTimeUnixNano": str(end), "attributes": attributes, "status": status}
    server = {"traceId": trace, "spanId": server_id, "parentSpanId": "", "flags": 257, "name": "POST " + cfg["route"], "kind": 2,
              "startTimeUnixNano": str(t_ns), "endTimeUnixNano": str(end + 2_000_000),
              "attributes": [attr("http.request.method", "POST"), attr("http.route", cfg["route"]),
                             attr("http.response.status_code", 429 if failed else 200)],
              "status": status}
    return [client, server]

def resource(service, cfg):
    return {"attributes": [attr("service.name", service), attr("service.version", cfg["version"]),
                           attr("deployment.environment.name", "production")]}

t = 0.0
batches = {name: [] for name in SERVICES}
lines = []
next_flush = 10.0
while True:
    hour = t / 3600.0
    rate = 0.018 * (0.6 + 0.4 * math.sin(math.pi * hour / HOURS))  # calls per second, a morning peak
    t += rng.expovariate(rate)
    if t >= HOURS * 3600:
        break
    while t >= next_flush:  # the exporter's batch processor flushes every 10 s (empty batches are not written)
        for name, spans in batches.items():
            if spans:
                scope = {"scope": {"name": "opentelemetry.instrumentation.genai", "version": "2.1b0"}, "spans": spans}
                lines.append({"resourceSpans": [{"resource": resource(name, SERVICES[name]), "scopeSpans": [scope]}]})
                batches[name] = []
        next_flush += 10.0
    service = rng.choices(list(SERVICES), weights=[c["share"] for c in SERVICES.values()])[0]
    batches[service] += spans_for(service, SERVICES[service], START_NS + int(t * 1e9))
for name, spans in batches.items():
    if spans:
        scope = {"scope": {"name": "opentelemetry.instrumentation.genai", "version": "2.1b0"}, "spans": spans}
        lines.append({"resourceSpans": [{"resource": resource(name, SERVICES[name]), "scopeSpans": [scope]}]})
for line in lines:
    print(json.dumps(line, separators=(",", ":")))
