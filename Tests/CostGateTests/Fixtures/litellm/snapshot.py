#!/usr/bin/env python3
"""Writes costgate's bundled LiteLLM price snapshot, Sources/CostGate/Resources/prices/litellm.json.

Reads the `model_prices_and_context_window_backup.json` that the installed `litellm` package ships, keeps the
entries that are priced per token (mode chat, completion, responses or embedding, with `input_cost_per_token`),
and of each entry only the fields costgate reads: `litellm_provider`, `mode`, `max_input_tokens`,
`max_output_tokens`, `deprecation_date` and every token rate (`*_cost_per_token*`, `cache_read_input_token_cost*`,
`cache_creation_input_token_cost*`, `output_cost_per_reasoning_token*`) plus `tiered_pricing` (so costgate
can see, and refuse, the models it cannot price that way). The result keeps LiteLLM's own shape, so a newer full
copy of LiteLLM's file can be named in a plan instead (`"prices": {"litellm": "prices/litellm.json"}`).

Run with the venv that has litellm: python snapshot.py. Prints the version and entry count to copy into
LiteLLMPriceMap.swift and Resources/prices/README.md.
"""
import importlib.metadata, json, os, sys

import litellm  # noqa: F401  (only to find the bundled file)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "..", ".."))
SOURCE = os.path.join(os.path.dirname(litellm.__file__), "model_prices_and_context_window_backup.json")
TARGET = os.path.join(ROOT, "Sources", "CostGate", "Resources", "prices", "litellm.json")
MODES = {"chat", "completion", "responses", "embedding"}
KEPT = {"litellm_provider", "mode", "max_input_tokens", "max_output_tokens", "deprecation_date", "tiered_pricing"}


def kept(key):
    return (key in KEPT or "_cost_per_token" in key or key.startswith("cache_read_input_token_cost")
            or key.startswith("cache_creation_input_token_cost"))


def main():
    with open(SOURCE) as f:
        full = json.load(f)
    out = {}
    for name, entry in full.items():
        if not isinstance(entry, dict) or entry.get("mode") not in MODES or entry.get("input_cost_per_token") is None:
            continue
        out[name] = {key: value for key, value in entry.items() if kept(key)}
    with open(TARGET, "w") as f:
        json.dump(out, f, indent=4)
        f.write("\n")
    print(importlib.metadata.version("litellm"), len(out), "of", len(full), "entries", file=sys.stderr)


if __name__ == "__main__":
    main()
