#!/usr/bin/env python3
"""The peer in the benchmark: tiktoken 0.14.0, offline, as a whole process.

Usage: tiktoken_count.py ENCODING FILE...  Prints the total of len(enc.encode_ordinary(text)) per file,
the common single call (tiktoken's encode_ordinary_batch would use a thread pool instead). The rank
file is loaded from the repository's bundled copy, so its load time is part of the measurement, as
costgate's is.
"""
import os
import sys
import unittest.mock

import tiktoken
import tiktoken.load
import tiktoken_ext.openai_public as openai_public

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
HASHES = {
    "o200k_base": "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
    "cl100k_base": "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
}


def main():
    name = sys.argv[1]
    path = os.path.join(ROOT, "Sources", "CostGate", "Resources", "tokenizers", name + ".tiktoken")
    ranks = tiktoken.load.load_tiktoken_bpe(path, expected_hash=HASHES[name])
    with unittest.mock.patch.object(openai_public, "load_tiktoken_bpe", lambda *a, **k: ranks):
        spec = getattr(openai_public, name)()
    enc = tiktoken.Encoding(spec["name"], pat_str=spec["pat_str"], mergeable_ranks=spec["mergeable_ranks"],
                            special_tokens=spec["special_tokens"])
    total = 0
    for file in sys.argv[2:]:
        with open(file, encoding="utf-8", newline="") as handle:  # no newline translation
            total += len(enc.encode_ordinary(handle.read()))
    print(total)


if __name__ == "__main__":
    sys.exit(main())
