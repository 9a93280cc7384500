#!/usr/bin/env python3
"""Writes the `commands` fuzz target's seeds: a selector byte (its low bits pick the command and options in
`Tests/CostGateFuzz/Commands.swift`, its high bit adds --skip-bad-records) before a `pipeline` seed, whose last
traffic lines are dropped while the whole would exceed libFuzzer's -max_len of 4096 bytes.

Run from the repository root, after make_pipeline_seeds.py: python3 Tests/CostGateFuzz/Corpus/make_commands_seeds.py
"""
import os

PIPELINE = "Tests/CostGateFuzz/Corpus/pipeline"
OUT = "Tests/CostGateFuzz/Corpus/commands"
LIMIT = 4096

# (selector, pipeline seed): every run of Commands.runs at least once, on a scenario it has something to say about.
SEEDS = [
    (0, "support-chatbot"), (1, "support-chatbot"), (2, "support-gateway"), (3, "quality-gate"),
    (4, "support-chatbot"), (5, "litellm-proxy"), (6, "langfuse-export"), (7, "helicone-export"),
    (8, "otel-genai-spans"), (9, "support-chatbot"), (10, "azure-conversation"), (11, "support-chatbot"),
    (0x80 | 4, "litellm-proxy"), (0x80 | 9, "price-book"),
]
# Runs 12 and 13 take a --set patch from the input's first line.
PATCHED = [
    (12, "support-chatbot", b"routes.chat.model=anthropic/claude-haiku-4.5"),
    (13, "support-chatbot", b"forecast.growth=0.25"),
    (13, "self-hosted-llama", b"deployments.llama8b.replicas.max=3"),
]

os.makedirs(OUT, exist_ok=True)
for selector, name in SEEDS:
    data = open(os.path.join(PIPELINE, name), "rb").read()
    while len(data) + 1 > LIMIT:
        data = data[: data.rstrip(b"\n").rfind(b"\n") + 1]
    with open(os.path.join(OUT, f"{selector:02x}-{name}"), "wb") as out:
        out.write(bytes([selector]) + data)
for selector, name, patch in PATCHED:
    data = open(os.path.join(PIPELINE, name), "rb").read()
    while len(data) + len(patch) + 2 > LIMIT:
        data = data[: data.rstrip(b"\n").rfind(b"\n") + 1]
    with open(os.path.join(OUT, f"{selector:02x}-{name}"), "wb") as out:
        out.write(bytes([selector]) + patch + b"\n" + data)
