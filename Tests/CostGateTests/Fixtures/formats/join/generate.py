#!/usr/bin/env python3
"""Expected result of joining app.log.jsonl (right) to provider_usage.log.jsonl (left) on request_id, computed with
Python's json module from the join rule the README documents (not from costgate's code): rows of the right log
sharing a key are one partner; its tags come from the rows that have them; a field comes from the first row in
file order that has it. Writes expected.json: per usage line, in file order, the tags and filled fields.
Run: python3 generate.py"""
import json, os
from datetime import datetime, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
TAGS = {"customer": "customer_id", "feature": "feature", "team": "team"}
COLUMNS = {"timestamp": "ts", "latency_ms": "duration_ms", "ttft_ms": "ttft_ms"}
partners = {}
for line in open(os.path.join(HERE, "app.log.jsonl")):
    row = json.loads(line)
    key = row.get("request_id")
    if key is None: continue
    partner = partners.setdefault(key, {"tags": {}, "fields": {}})
    for tag, field in TAGS.items():
        if row.get(field) is not None:
            assert partner["tags"].get(tag, row[field]) == row[field]
            partner["tags"][tag] = row[field]
    for name, field in COLUMNS.items():
        if row.get(field) is not None and name not in partner["fields"]:
            value = row[field]
            if name == "timestamp": value = datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
            partner["fields"][name] = value
out = []
for line in open(os.path.join(HERE, "provider_usage.log.jsonl")):
    row = json.loads(line)
    partner = partners.get(row["request_id"])
    out.append({"request_id": row["request_id"], "shape": "openai" if row.get("object") == "chat.completion" else "anthropic",
                "tags": partner["tags"] if partner else {}, **(partner["fields"] if partner else {})})
with open(os.path.join(HERE, "expected.json"), "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
