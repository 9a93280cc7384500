#!/usr/bin/env python3
"""Writes the gzip fuzz target's seed corpus (Corpus/gzip): small JSON Lines files compressed by Python's gzip and
zlib at levels 0, 1, 6 and 9 (stored, fixed and dynamic Huffman blocks), with optional header fields, two
members, and a truncated stream. Run from the repository root: python3 Tests/CostGateFuzz/Corpus/make_gzip_seeds.py"""
import gzip
import io
import os

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gzip")
LINES = (b'{"timestamp": 1700000000, "model": "gpt-4.1", "route": "chat", "input_tokens": 1200, "output_tokens": 80}\n'
         b'{"timestamp": "2026-11-01T00:00:01Z", "model": "claude-sonnet-4-5", "route": "summarize", '
         b'"input_tokens": 4000, "cached_input_tokens": 3000, "output_tokens": 300, "tags": {"team": "search"}}\n')


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


os.makedirs(OUT, exist_ok=True)
for level in (0, 1, 6, 9):
    write(f"level{level}.gz", gzip.compress(LINES * 3, compresslevel=level, mtime=0))
named = io.BytesIO()
with gzip.GzipFile(filename="traffic.jsonl", mode="wb", fileobj=named, mtime=0) as f:
    f.write(LINES)
write("named.gz", named.getvalue())
write("two-members.gz", gzip.compress(LINES, mtime=0) + gzip.compress(LINES[:60], mtime=0))
write("truncated.gz", gzip.compress(LINES * 4, mtime=0)[:-9])
write("empty.gz", gzip.compress(b"", mtime=0))
