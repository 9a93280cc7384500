#!/usr/bin/env python3
"""Writes the price-book scenario's LiteLLM spend log (Scenarios/price-book/spend.jsonl): 90 requests on three
models whose `spend` is what the team's invoices say: GPT-4.1 at the negotiated 18% discount, Claude Sonnet 4.5
4% above costgate's list price (the provider raised it; the price book is stale), DeepSeek at list.
Run: python3 generate.py
"""
import json, os, random
from decimal import Decimal as D

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "Scenarios", "price-book", "spend.jsonl"))
# (LiteLLM model name, provider, USD per 1M input, per 1M output, billed factor)
MODELS = [("gpt-4.1", "openai", D("2"), D("8"), D("0.82")),
          ("claude-sonnet-4-5-20250929", "anthropic", D("3"), D("15"), D("1.04")),
          ("deepseek-chat", "deepseek", D("0.28"), D("0.42"), D("1"))]


def main():
    rng = random.Random(8)
    rows = []
    for i in range(90):
        name, provider, rin, rout, factor = MODELS[i % 3]
        prompt, completion = rng.randint(400, 9000), rng.randint(50, 1200)
        spend = (prompt * rin + completion * rout) * factor / D(1000000)
        start = 1785744000 + i * 40  # 2026-08-03T08:00:00Z
        rows.append({"request_id": "req-%03d" % i, "startTime": "2026-08-03T%02d:%02d:%02dZ" % (8 + start % 86400 // 3600 - 8, start % 3600 // 60, start % 60),
                     "model": name, "custom_llm_provider": provider, "prompt_tokens": prompt, "completion_tokens": completion,
                     "spend": float(spend), "status": "success",
                     "metadata": {"user_api_key_team_alias": ["support", "search", "billing"][i % 3 if i % 2 else 0]}})
    with open(OUT, "w") as f:
        for row in rows:
            f.write(json.dumps(row, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
