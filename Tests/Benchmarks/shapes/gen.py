"""Writes a costgate plan and a JSON Lines sample in which every record names its own model, route, customer or tag key.

    python3 gen.py SHAPE RECORDS FOLDER    (SHAPE: models | routes | customers | tagkeys)
"""
import json
import sys

shape, records, folder = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(f"{folder}/traffic.jsonl", "w") as out:
    for index in range(records):
        record = {"timestamp": 1_700_000_000 + index, "model": "gpt-4o-mini", "route": "chat",
                  "input_tokens": 100 + index % 900, "output_tokens": 10 + index % 90}
        if shape == "models":
            record["model"] = f"acme-model-{index:06d}"
        elif shape == "routes":
            record["route"] = f"route-{index:06d}"
        elif shape == "customers":
            record["tags"] = {"customer": f"cust-{index:06d}", "team": f"team-{index % 7}"}
        elif shape == "tagkeys":
            record["tags"] = {f"key-{index:06d}": "value"}
        else:
            sys.exit(f"unknown shape {shape}")
        out.write(json.dumps(record) + "\n")
# The models shape keeps each record's own (unknown, so unpriced) model; the others move chat to another model.
chat = "recorded" if shape == "models" else "openai/gpt-4.1-mini"
plan = {"version": 1, "traffic": {"path": "traffic.jsonl"},
        "routes": {"chat": {"model": chat}, "route-000001": {"model": "openai/gpt-4o"}}}
with open(f"{folder}/costgate.json", "w") as out:
    json.dump(plan, out)
