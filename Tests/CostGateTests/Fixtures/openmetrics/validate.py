#!/usr/bin/env python3
"""Parses costgate's OpenMetrics goldens with prometheus-client's OpenMetrics parser (the reference).

Writes parsed.json, which OpenMetricsReportRendererTests checks. Run after re-recording the goldens:

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install prometheus-client
    /tmp/venv/bin/python Tests/CostGateTests/Fixtures/openmetrics/validate.py

The parser raises on any malformed line, a missing `# EOF`, a repeated family or a bad label escape.
"""
import json
import os

from prometheus_client.openmetrics.parser import text_string_to_metric_families

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = ["support-chatbot.txt", "self-hosted-llama.txt"]


def main():
    parsed = []
    for name in FILES:
        with open(os.path.join(HERE, name), encoding="utf-8") as source:
            text = source.read()
        families = list(text_string_to_metric_families(text))
        parsed.append({
            "file": name,
            "text": text,
            "families": [family.name for family in families],
            "samples": sum(len(family.samples) for family in families),
        })
    with open(os.path.join(HERE, "parsed.json"), "w", encoding="utf-8") as target:
        json.dump(parsed, target, ensure_ascii=False, indent=2)
        target.write("\n")
    print("parsed", ", ".join(f"{p['file']}: {len(p['families'])} families, {p['samples']} samples" for p in parsed))


if __name__ == "__main__":
    main()
