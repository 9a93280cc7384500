#!/usr/bin/env python3
"""Builds the tokenizer benchmark corpus in Tests/Benchmarks/data/tokens: real text and code from this machine.

Deterministic for a given machine: files are taken in sorted path order until each output reaches
its size cap, and only files that are valid UTF-8 are used.
"""
import os
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
OUT = os.path.join(ROOT, "Tests", "Benchmarks", "data", "tokens")

SOURCES = [
    # (output name, roots, suffixes, cap in bytes)
    ("swift-headers.txt", ["/opt/swift/usr/include", "/opt/swift/usr/lib"], (".h",), 2_500_000),
    ("swift-interfaces.txt", ["/opt/swift/usr/lib"], (".swiftinterface", ".swift"), 2_500_000),
    ("docs.txt", ["/opt/swift/usr/share", "/usr/share/doc", "/usr/lib/python3.11", os.path.dirname(os.__file__)], (".md", ".txt", ".rst", ".html"), 1_500_000),
    ("python-stdlib.py", ["/usr/lib/python3.11"], (".py",), 3_000_000),
]


def files(roots, suffixes):
    found = []
    for root in roots:
        for directory, _, names in os.walk(root):
            for name in names:
                if name.endswith(suffixes):
                    found.append(os.path.join(directory, name))
    return sorted(found)


def main():
    os.makedirs(OUT, exist_ok=True)
    for output, roots, suffixes, cap in SOURCES:
        parts = []
        size = 0
        for path in files(roots, suffixes):
            try:
                with open(path, "rb") as handle:
                    data = handle.read()
                data.decode("utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            parts.append(data)
            size += len(data)
            if size >= cap:
                break
        with open(os.path.join(OUT, output), "wb") as handle:
            handle.write(b"".join(parts))
        print(f"{output}: {size} bytes from {len(parts)} files")


if __name__ == "__main__":
    sys.exit(main())
