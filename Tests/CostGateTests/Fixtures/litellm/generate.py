#!/usr/bin/env python3
"""Generates LiteLLM cost vectors: (model, usage, tier) cases across providers, each with the cost LiteLLM's own
`cost_per_token` (or `batch_cost_calculator` for batch) gives, computed by the installed `litellm` package
against its bundled price map (the same map Sources/CostGate/Resources/prices/litellm.json is filtered from).

Writes vectors.json. LiteLLMVectorTests.swift prices every case with costgate's standard catalog (built-in rows
over the bundled snapshot) and requires a match to 1e-9 relative, except the cases this script marks with a
documented `difference` (each is also asserted to differ, so the list stays true).

Run: LITELLM_LOCAL_MODEL_COST_MAP=True python generate.py   (swift test needs no Python)
"""
import importlib.metadata, json, os, re

import litellm
from litellm.cost_calculator import batch_cost_calculator
from litellm.types.utils import (CacheCreationTokenDetails, CompletionTokensDetailsWrapper, PromptTokensDetailsWrapper,
                                 Usage)

HERE = os.path.dirname(os.path.abspath(__file__))

# Names as a user or a log writes them, across providers; LiteLLM resolves each one itself.
MODELS = [
    "gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-5", "gpt-5-mini", "gpt-5.1", "gpt-5.2", "o3", "o4-mini",
    "claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001", "claude-opus-4-5-20251101", "claude-opus-4-1",
    "claude-sonnet-4-20250514", "claude-3-5-haiku-20241022", "claude-opus-4-6", "claude-sonnet-4-6",
    "gemini/gemini-2.5-pro", "gemini/gemini-2.5-flash", "gemini/gemini-2.5-flash-lite", "gemini/gemini-2.0-flash",
    "gemini/gemini-3-flash-preview",
    "vertex_ai/claude-sonnet-4-5@20250929", "vertex_ai/gemini-2.5-pro",
    "bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0", "bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0",
    "bedrock/amazon.nova-pro-v1:0", "bedrock/meta.llama3-1-70b-instruct-v1:0",
    "azure/gpt-4o", "azure/gpt-4.1", "azure/gpt-5", "azure/o3-mini",
    "mistral/mistral-large-latest", "mistral/mistral-small-latest", "mistral/codestral-latest", "mistral/mistral-medium-latest",
    "deepseek/deepseek-chat", "deepseek/deepseek-reasoner",
    "xai/grok-4", "xai/grok-3-mini", "groq/llama-3.3-70b-versatile", "together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo",
    "text-embedding-3-small", "text-embedding-3-large", "cohere/command-r-plus", "perplexity/sonar-pro",
    "openrouter/openai/gpt-4o", "fireworks_ai/accounts/fireworks/models/deepseek-v3",
    # flex/priority with long-context rates of their own (azure/gpt-5.4), or falling back to the standard ones (gpt-5.5)
    "gpt-5.4", "gpt-5.5", "azure/gpt-5.4", "azure/us/gpt-5.5",
]

TIER_KEY = re.compile(r"^(input_cost_per_token|output_cost_per_token|cache_read_input_token_cost|cache_creation_input_token_cost)_above_(\d+)(k?)_tokens$")


def usage(P, C, R=0, W5=0, W1=0, Z=0):
    details = CacheCreationTokenDetails(ephemeral_5m_input_tokens=W5, ephemeral_1h_input_tokens=W1) if (W5 or W1) else None
    ptd = PromptTokensDetailsWrapper(cached_tokens=R, cache_creation_tokens=W5 + W1, cache_creation_token_details=details)
    ctd = CompletionTokensDetailsWrapper(reasoning_tokens=Z) if Z else None
    return Usage(prompt_tokens=P, completion_tokens=C, total_tokens=P + C, prompt_tokens_details=ptd, completion_tokens_details=ctd)


def threshold(info):
    found = set()
    for key, value in info.items():
        m = TIER_KEY.match(key)
        if m and value is not None:
            found.add(int(m.group(2)) * (1000 if m.group(3) else 1))
    return min(found) if found else None


# costgate's built-in long-context tiers that LiteLLM's entry lacks: Anthropic bills a Sonnet 4.5 request whose prompt
# is above 200k tokens entirely at the long-context rates (2x input, 1.5x output); LiteLLM 1.110.2 lists no such tier.
BUILT_IN_TIERS = {"claude-sonnet-4-5-20250929": 200000}


def shapes(info, name=""):
    """The usage shapes that exercise what the model's entry prices."""
    out = [("plain", dict(P=1200, C=300)), ("long-output", dict(P=800, C=6000))]
    if info.get("cache_read_input_token_cost") is not None:
        out.append(("cached", dict(P=50000, R=30000, C=800)))
    if info.get("cache_creation_input_token_cost") is not None:
        out.append(("cache-write-5m", dict(P=80000, R=20000, W5=40000, C=1000)))
    if info.get("cache_creation_input_token_cost_above_1hr") is not None:
        out.append(("cache-write-1h", dict(P=90000, W5=10000, W1=60000, C=500)))
    if info.get("supports_reasoning") or info.get("output_cost_per_reasoning_token") is not None:
        out.append(("reasoning", dict(P=3000, R=0, C=5000, Z=4000)))
    t = threshold(info) or BUILT_IN_TIERS.get(name)
    if t is not None:
        out.append(("at-threshold", dict(P=t, R=t // 4, C=2000)))
        out.append(("above-threshold", dict(P=t + 1, R=t // 4, C=2000)))
        out.append(("long-context", dict(P=t + 50000, R=40000, C=3000, Z=1000 if info.get("supports_reasoning") else 0)))
    return out


def main():
    cases, skipped = [], []
    for name in MODELS:
        try:
            info = litellm.get_model_info(name)
        except Exception as error:  # a name this LiteLLM release does not know
            skipped.append(name)
            continue
        if info.get("mode", "chat") not in ("chat", "completion", "responses", "embedding"):
            skipped.append(name)
            continue
        t = threshold(info)
        tiers = ["standard"]
        if info.get("input_cost_per_token_batches") is not None:
            tiers.append("batch")
        for tier in ("flex", "priority"):
            if info.get("input_cost_per_token_" + tier) is not None:
                tiers.append(tier)
        for shape, u in shapes(info, name):
            for tier in tiers:
                if tier != "standard" and shape in ("long-output", "at-threshold"):
                    continue
                obj = usage(**u)
                if tier == "batch":
                    prompt, completion = batch_cost_calculator(obj, name)
                else:
                    prompt, completion = litellm.cost_per_token(model=name, usage_object=obj,
                                                                service_tier=None if tier == "standard" else tier)
                case = dict(model=name, shape=shape, tier=tier, input_tokens=u["P"], cached_tokens=u.get("R", 0),
                            cache_write_tokens=u.get("W5", 0), cache_write_1h_tokens=u.get("W1", 0),
                            output_tokens=u["C"], reasoning_tokens=u.get("Z", 0), litellm_cost_usd=repr(prompt + completion))
                difference = known_difference(name, info, tier, u, t)
                if difference:
                    case["difference"] = difference
                cases.append(case)
    with open(os.path.join(HERE, "vectors.json"), "w") as f:
        json.dump(dict(litellm_version=importlib.metadata.version("litellm"), skipped_names=skipped, cases=cases), f, indent=1)
        f.write("\n")
    print(len(cases), "cases;", sum("difference" in c for c in cases), "documented differences; unknown names:", skipped)


def known_difference(name, info, tier, u, t):
    """The documented reason costgate deliberately bills this case differently, or None."""
    if name in BUILT_IN_TIERS and u["P"] > BUILT_IN_TIERS[name]:
        # costgate switches the whole request (standard and batch) to Anthropic's >200k rates; LiteLLM does not.
        return "anthropic-long-context-tier-missing-in-litellm"
    if not info.get("input_cost_per_token") and not info.get("output_cost_per_token"):
        # Retired models LiteLLM's map no longer lists: LiteLLM bills them $0 without an error; costgate's
        # built-in row keeps the provider's published price.
        return "litellm-missing-model"
    if (tier == "batch" and u.get("W1") and info.get("cache_creation_input_token_cost_above_1hr") is not None
            and info.get("cache_creation_input_token_cost_above_1hr_batches") is None
            and info.get("litellm_provider") == "anthropic"):
        # Anthropic halves every rate in Message Batches, 1-hour cache writes included (2x input x 0.5); LiteLLM's
        # map has no batch 1-hour write rate and bills them at the batch 5-minute rate. costgate's built-in rows and
        # its import of Anthropic entries use half the 1-hour rate.
        return "anthropic-batch-1h-write"
    if name == "mistral/codestral-latest" and u.get("R"):
        # costgate's built-in Codestral row (an alias of codestral-2501) bills cached tokens as input: Mistral's
        # pricing page publishes no cache-read rate; LiteLLM lists 0.03 USD per 1M.
        return "built-in-mistral-no-cache-rate"
    if name.startswith("deepseek/") and (u.get("W5") or u.get("W1")):
        # DeepSeek bills every cache miss at the input rate; LiteLLM's map sets deepseek-chat's cache-creation
        # rate to 0, so written tokens cost nothing there. costgate's built-in row bills them as input.
        return "deepseek-cache-write-free-in-litellm"
    return None


if __name__ == "__main__":
    main()
