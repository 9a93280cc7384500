#!/usr/bin/env python3
"""gzip fixtures for GzipTests.swift, written by Python's gzip and zlib modules (an independent encoder).

source.jsonl (a LiteLLM spend log) compressed at levels 0 (stored blocks), 1, 6 and 9 (dynamic Huffman); a short
line (zlib uses a fixed-Huffman block for it); two members concatenated; a header with FEXTRA, FNAME, FCOMMENT
and FHCRC; an empty member; and corrupt files: a flipped data byte, a truncated file, a wrong CRC-32, a wrong
ISIZE, trailing garbage. expected.json lists each file with the SHA-256 of its decompressed bytes or the error
it must raise. Run: python3 generate.py"""
import gzip, json, os, random, struct, zlib

HERE = os.path.dirname(os.path.abspath(__file__))
source = open(os.path.join(HERE, "source.jsonl"), "rb").read()
# Random bytes (stored or poorly compressible blocks) and long runs (overlapping back-references of distance 1..3).
rng = random.Random(8)
mixed = bytes(rng.randrange(256) for _ in range(12000)) + b"a" * 5000 + b"abc" * 3000 + bytes(rng.randrange(4) for _ in range(20000))
open(os.path.join(HERE, "mixed.bin"), "wb").write(mixed)
short = b'{"timestamp": 0, "input_tokens": 1, "output_tokens": 2}\n'
out = {}

def write(name, data, plain=None, error=None):
    open(os.path.join(HERE, name), "wb").write(data)
    if error is not None:
        out[name] = {"error": error}
    else:
        out[name] = {"same_as": "source.jsonl"} if plain == source else {"same_as": "mixed.bin"} if plain == mixed else {"text": plain.decode()}

def member(data, level, mtime=0):
    return gzip.compress(data, compresslevel=level, mtime=mtime)

for level in (0, 1, 6, 9):
    write(f"level{level}.jsonl.gz", member(source, level), source)
for level in (1, 9):
    write(f"mixed-level{level}.bin.gz", member(mixed, level), mixed)
write("short.jsonl.gz", member(short, 6), short)
write("two-members.jsonl.gz", member(source[:30000], 6) + member(source[30000:], 1), source)
write("empty-member.jsonl.gz", member(b"", 6) + member(short, 9), short)
# A header with every optional field, made by hand around a raw deflate stream.
compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
body = compressor.compress(source) + compressor.flush()
header = b"\x1f\x8b\x08" + bytes([0x04 | 0x08 | 0x10 | 0x02]) + struct.pack("<I", 0) + b"\x02\x03"
header += struct.pack("<H", 4) + b"AB\x00\x00" + b"spend_logs.jsonl\x00" + b"a comment\x00"
header += struct.pack("<H", zlib.crc32(header) & 0xFFFF)
write("all-header-fields.jsonl.gz", header + body + struct.pack("<II", zlib.crc32(source), len(source)), source)
write("padded.jsonl.gz", member(short, 6) + b"\x00" * 16, short)

good = member(source, 6)
flipped = bytearray(good); flipped[len(good) // 2] ^= 0x55
write("corrupt-flipped.jsonl.gz", bytes(flipped), error="is not valid gzip data")
write("corrupt-truncated.jsonl.gz", good[: len(good) // 2], error="the data ends inside a block")
bad_crc = bytearray(good); bad_crc[-8] ^= 0x01
write("corrupt-crc.jsonl.gz", bytes(bad_crc), error="a CRC-32 mismatch")
bad_size = bytearray(good); bad_size[-4] ^= 0x01
write("corrupt-isize.jsonl.gz", bytes(bad_size), error="a length (ISIZE) mismatch")
write("corrupt-trailing.jsonl.gz", good + b"garbage", error="no gzip magic bytes")

with open(os.path.join(HERE, "expected.json"), "w") as f:
    json.dump(out, f, indent=1, sort_keys=True)
    f.write("\n")
