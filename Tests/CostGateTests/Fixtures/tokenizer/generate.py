#!/usr/bin/env python3
"""Generates the tokenizer test vectors with the real tiktoken 0.14.0, offline.

Usage (from the repository root):

    python3 -m venv .venv-tok && .venv-tok/bin/pip install tiktoken==0.14.0
    .venv-tok/bin/python Tests/CostGateTests/Fixtures/tokenizer/generate.py

It loads the rank files bundled in Sources/CostGate/Resources/tokenizers (checking their sha256),
builds each encoding with the pattern and special tokens from tiktoken_ext/openai_public.py, and
writes vectors.json (small texts: counts and full token ids) and long.json (long texts described by
a recipe: counts and the sha256 of the ids joined by commas). The output is deterministic (seeded).

`generate.py --fuzz OUT.json SEED COUNT` writes extra random vectors instead; check them with
`COSTGATE_TOKENIZER_VECTORS=OUT.json swift test --filter extraVectorsMatchTiktoken`.
"""
import hashlib
import json
import os
import random
import sys
import unittest.mock

import tiktoken
import tiktoken.load
import tiktoken_ext.openai_public as openai_public

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
RANKS = os.path.join(ROOT, "Sources", "CostGate", "Resources", "tokenizers")
HASHES = {
    "o200k_base": "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
    "cl100k_base": "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
}


def load(name):
    ranks = tiktoken.load.load_tiktoken_bpe(os.path.join(RANKS, name + ".tiktoken"), expected_hash=HASHES[name])
    # The constructor downloads by URL; hand it the local ranks instead and keep its pat_str and specials.
    with unittest.mock.patch.object(openai_public, "load_tiktoken_bpe", lambda *a, **k: ranks):
        spec = getattr(openai_public, name)()
    return tiktoken.Encoding(spec["name"], pat_str=spec["pat_str"], mergeable_ranks=spec["mergeable_ranks"],
                             special_tokens=spec["special_tokens"])


def chars(*ranges):
    out = []
    for r in ranges:
        if isinstance(r, str):
            out.extend(r)
        else:
            out.extend(chr(c) for c in range(r[0], r[1] + 1))
    return out


POOLS = {
    "latin": chars((0x41, 0x5A), (0x61, 0x7A), "éèüöäßçñÉÜØøåÅœŒǅǈǋʰʲˆ"),
    "digits": chars((0x30, 0x39), "٠١٢٣४५६๑๒²³½¼Ⅻⅻ①"),
    "punct": chars("!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~", "«»—–…“”‘’¡¿·•§¶©®™€£¥"),
    "apos": ["'", "'s", "'S", "'t", "'T", "'re", "'RE", "'Re", "'ve", "'VE", "'m", "'M", "'ll", "'LL", "'lL",
             "'d", "'D", "'ſ", "'x", "'", "’s"],
    "space": [" ", " ", " ", "  ", "\t", "\n", "\r\n", "\r", "\n\n", "\x0b", "\x0c", "\u00a0", "\u2028", "\u2029",
              "\u3000", "\u0085", "\u1680", "\u2003", "\u202f", "\u205f", "\u200b", "\x1c", "\x1f", " \n", "\t\n "],
    "cyrillic": chars((0x410, 0x44F), "ёЁ"),
    "greek": chars((0x391, 0x3A9), (0x3B1, 0x3C9), "άέήίόύώ"),
    "cjk": chars((0x4E00, 0x4E80), (0x3041, 0x3060), (0x30A1, 0x30C0), "。、「」！？"),
    "arabic": chars((0x0621, 0x064A), (0x064B, 0x0652), "،؟"),
    "hebrew": chars((0x05D0, 0x05EA), (0x05B0, 0x05B9)),
    "devanagari": chars((0x0905, 0x0939), (0x093E, 0x094D), "।"),
    "thai": chars((0x0E01, 0x0E2E), (0x0E31, 0x0E3A), (0x0E47, 0x0E4E)),
    "hangul": chars((0xAC00, 0xAC40), (0x1100, 0x1112), (0x3131, 0x3140)),
    "emoji": ["😀", "👍", "👍🏽", "👩‍💻", "👨‍👩‍👧‍👦", "🏳️‍🌈", "❤️", "🇫🇷", "🇯🇵", "✋🏿", "🧑🏻‍🤝‍🧑🏿", "☕", "🤖", "#️⃣"],
    "marks": chars((0x0300, 0x0310), "\u20dd\u0489\ufe0f\u200d"),
    "supplementary": ["𝐀", "𝐚", "𝟘", "𐐀", "𐐨", "𠀀", "𓀀", "🄰", "\U0001F600"],
    "controls": ["\x00", "\x01", "\x7f", "\x08", "\u00ad", "\ufeff", "\ufffd"],
}
SPECIAL = ["<|endoftext|>", "<|endofprompt|>", "<|fim_prefix|>", "<|im_start|>"]

HANDWRITTEN = [
    "", "a", " ", "\n", "Hello, world!", "Hello world", "  leading spaces", "trailing spaces   ",
    "DON'T", "I'LL", "we've", "We'Ve", "they're", "THEY'RE", "she's", "SHE'S", "I'm", "I'M", "you'd", "YOU'D",
    "it'll", "'s", "'S", "'sup", "O'Neil's", "rock'n'roll", "don't you've we'll", "l'ſ", "CAFÉ's", "ÉCOLE'S",
    "123", "1234567", "12 345 6789", "3.14159", "١٢٣٤٥", "²³", "1,000,000", "v1.2.3-beta",
    "line1\nline2\r\nline3\rline4", "a\n\n\nb", "a \n b", "x\t\ty", "x \t\n\t y", "\r\n\r\n", "   \n", "\n   ",
    "a\u00a0b", "a\u2028b", "a\u3000b", "\u3000\u3000x", "tab\x0bvertical\x0cform", "a\u0085b",
    "<|endoftext|>", "hello <|endoftext|> world<|endofprompt|>", "<|fim_prefix|>x<|fim_suffix|>",
    "def f(x):\n    return x ** 2  # square\n", "if (a && b) { return c; }", "http://example.com/a/b?c=d&e=f",
    "path/to//file.txt", "!!!///\n\n", "// comment\n/* block */", "foo/bar/\n", "   ?!\n\r/",
    "こんにちは世界", "Привет, мир!", "Γειά σου Κόσμε", "مرحبا بالعالم", "שלום עולם", "नमस्ते दुनिया",
    "สวัสดีชาวโลก", "안녕하세요 세계", "👩‍💻 coding 👍🏽 and 👨‍👩‍👧‍👦!", "e\u0301te\u0301", "\u0301\u0301a",
    "ǅemal ǈuba", "ʰello", "HTTPServer", "XMLHttpRequest", "iPhone", "McDonald's", "ΑΒΓδεζ", "ABCdef",
    "ABC DEF", "aBcDeF", "A", "Ǆ", "ǅ", "\u1e9e", "ß", "Straße", "İstanbul", "ﬁne", "𝐀𝐁𝐂 𝐚𝐛𝐜", "𐐀𐐨",
    "\x00\x01\x02", "\ufeffBOM", "soft\u00adhyphen", "zero\u200bwidth", "a'b'c", "'", "''", "'''s",
    "$$$", "€100", "50%", "#hashtag", "@mention", "email@example.com", "C++", "C#", "f(x)=y",
]


def random_text(rng, length):
    pools = list(POOLS)
    parts = []
    for _ in range(length):
        pool = POOLS[rng.choice(pools)]
        parts.append(rng.choice(pool))
        if rng.random() < 0.02:
            parts.append(rng.choice(SPECIAL))
    return "".join(parts)


def words_text(rng, length):
    # Word-like runs within one script, the shape real prose has.
    pools = list(POOLS)
    parts = []
    for _ in range(length):
        pool = POOLS[rng.choice(pools)]
        word = "".join(rng.choice(pool) for _ in range(rng.randint(1, 8)))
        if rng.random() < 0.3:
            word = word.upper() if rng.random() < 0.5 else word.capitalize()
        parts.append(word)
        parts.append(rng.choice(POOLS["space"] + [" "] * 20 + POOLS["apos"] + list(".,;:!?-/")))
    return "".join(parts)


def code_text():
    sources = []
    for path in [openai_public.__file__, tiktoken.__file__, tiktoken.load.__file__]:
        with open(path, encoding="utf-8") as handle:
            sources.append(handle.read())
    return "\n".join(sources)


def entry(encodings, text, keep_tokens=True):
    out = {}
    for name, enc in encodings.items():
        ids = enc.encode(text, disallowed_special=())
        assert ids == enc.encode_ordinary(text)
        value = {"count": len(ids)}
        if keep_tokens:
            value["tokens"] = ids
        else:
            value["sha256"] = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()
        out[name] = value
    return out


def id_hash(ids):
    """A cheap order-sensitive checksum of token ids, mirrored in the Swift tests."""
    value = 0
    for token in ids:
        value = (value * 1_000_003 + token + 1) % (1 << 64)
    return value


def scalar_ranges():
    """Every Unicode scalar of planes 0-3 and 14, and a sample of the others, in 8192-scalar blocks."""
    starts = list(range(0, 0x40000, 8192)) + list(range(0xE0000, 0xF0000, 8192))
    starts += [plane << 16 for plane in range(4, 14)] + [0xF0000, 0x100000, 0x10E000]
    return sorted(starts)


def fuzz(path, seed, count):
    """Writes `count` extra random vectors (not committed) for COSTGATE_TOKENIZER_VECTORS=path swift test."""
    encodings = {name: load(name) for name in HASHES}
    rng = random.Random(seed)
    vectors = []
    for index in range(count):
        if index % 2:
            text = random_text(rng, rng.randint(1, 80))
        else:
            text = words_text(rng, rng.randint(1, 30))
        vectors.append({"name": f"fuzz-{seed}-{index}", "text": text, **entry(encodings, text)})
    with open(path, "w", encoding="utf-8") as handle:
        json.dump({"generator": "tiktoken " + tiktoken.__version__, "vectors": vectors}, handle,
                  ensure_ascii=False, separators=(",", ":"))


def main():
    assert tiktoken.__version__ == "0.14.0", tiktoken.__version__
    if len(sys.argv) == 5 and sys.argv[1] == "--fuzz":
        return fuzz(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    encodings = {name: load(name) for name in HASHES}
    rng = random.Random(20261129)
    vectors = []
    for index, text in enumerate(HANDWRITTEN):
        vectors.append({"name": f"hand-{index}", "text": text, **entry(encodings, text)})
    for index in range(400):
        text = random_text(rng, rng.randint(1, 60))
        vectors.append({"name": f"random-{index}", "text": text, **entry(encodings, text)})
    for index in range(200):
        text = words_text(rng, rng.randint(1, 40))
        vectors.append({"name": f"words-{index}", "text": text, **entry(encodings, text)})
    code = code_text()
    vectors.append({"name": "code-tiktoken", "text": code, **entry(encodings, code)})
    with open(os.path.join(HERE, "vectors.json"), "w", encoding="utf-8") as handle:
        json.dump({"generator": "tiktoken " + tiktoken.__version__, "vectors": vectors}, handle,
                  ensure_ascii=False, separators=(",", ":"))
        handle.write("\n")

    # Long texts: a recipe (prefix + unit * times + suffix) instead of the text itself.
    recipes = [
        ("a", 100_000, "", ""), (" ", 50_000, "", ""), (" ", 50_000, "x", "y"), ("\n", 20_000, "", ""),
        ("ab", 50_000, "", ""), ("1", 30_000, "", ""), ("!", 40_000, " ", ""), ("/", 30_000, "!", ""),
        ("\u4e00", 30_000, "", ""), ("é", 20_000, "", ""), ("😀", 10_000, "", ""), ("\u3000", 20_000, "", "z"),
        ("\r\n", 10_000, "", ""), ("A", 60_000, "", "'s"), ("xyz ", 25_000, "", ""), ("\u0301", 20_000, "", ""),
        ("<|endoftext|>", 5_000, "", ""), ("aA", 30_000, "", ""), ("\t \n", 10_000, "", ""),
    ]
    long_vectors = []
    for unit, times, prefix, suffix in recipes:
        text = prefix + unit * times + suffix
        long_vectors.append({"prefix": prefix, "unit": unit, "times": times, "suffix": suffix,
                             **entry(encodings, text, keep_tokens=False)})
    # Long single pieces with varied content, for the heap merge path (pieces over 128 bytes).
    rng = random.Random(99)
    for pool_name, pool in [("latin-lower", [chr(c) for c in range(0x61, 0x7B)]), ("cjk", POOLS["cjk"][:128]),
                            ("devanagari", POOLS["devanagari"]), ("hangul", POOLS["hangul"]),
                            ("punct", list("!#$%&()*+,-.:;<=>?@[]^_`{|}~")), ("thai", POOLS["thai"])]:
        text = "".join(rng.choice(pool) for _ in range(3_000))
        long_vectors.append({"file": f"piece-{pool_name}.txt", **entry(encodings, text, keep_tokens=False)})
        with open(os.path.join(HERE, f"piece-{pool_name}.txt"), "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    big = words_text(random.Random(7), 30_000) + random_text(random.Random(8), 30_000)
    with open(os.path.join(HERE, "mixed.txt"), "w", encoding="utf-8", newline="") as handle:
        handle.write(big)
    long_vectors.append({"file": "mixed.txt", **entry(encodings, big, keep_tokens=False)})
    # Category evidence: each block of scalars as one run, and with each scalar after a space.
    for start in scalar_ranges():
        scalars = [chr(c) for c in range(start, min(start + 8192, 0x110000)) if not 0xD800 <= c < 0xE000]
        for separator in ["", " "]:
            text = separator.join(scalars)
            entry_value = {}
            for name, enc in encodings.items():
                ids = enc.encode_ordinary(text)
                entry_value[name] = {"count": len(ids), "idhash": str(id_hash(ids))}
            long_vectors.append({"scalars": [start, start + 8192], "separator": separator, **entry_value})
    with open(os.path.join(HERE, "long.json"), "w", encoding="utf-8") as handle:
        json.dump({"generator": "tiktoken " + tiktoken.__version__, "vectors": long_vectors}, handle,
                  ensure_ascii=False, indent=None, separators=(",", ":"))
        handle.write("\n")


if __name__ == "__main__":
    sys.exit(main())
