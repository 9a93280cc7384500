#!/usr/bin/env python3
"""Writes the CSV twin of a benchmark JSON Lines log (Tests/Benchmarks/traffic/gen.py): one column per field, the
tags (top-level strings or a `tags` object) as columns team, customer, feature; an absent value is an empty cell.
Usage: to_csv.py IN.jsonl OUT.csv"""
import csv
import json
import sys

FIELDS = ["timestamp", "model", "route", "input_tokens", "cached_input_tokens", "output_tokens", "reasoning_tokens",
          "ttft_ms", "latency_ms", "status", "quality"]
TAGS = ["team", "customer", "feature"]

with open(sys.argv[1]) as source, open(sys.argv[2], "w", newline="") as target:
    writer = csv.writer(target)
    writer.writerow(FIELDS + TAGS)
    for line in source:
        record = json.loads(line)
        tags = record.get("tags") or {}
        writer.writerow([record.get(field, "") for field in FIELDS] + [record.get(tag, tags.get(tag, "")) for tag in TAGS])
