#!/usr/bin/env bash
# How the forecast's interval narrows with sample size, on two real traces (Azure 2023 conversation, Mooncake
# conversation): for each rate, 20 seeded `costgate sample` draws, each forecast with `costgate check`.
# Reads ../shared/traces beside the project (or COSTGATE_TRACES). Prints the Markdown table that
# Sources/CostGate/CostGate.docc/Scale.md shows.
#   Tests/Benchmarks/scale/run.sh [SEEDS]    (default 20)
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
traces="${COSTGATE_TRACES:-$root/../shared/traces}"
swift build -c release --package-path "$root" >&2
costgate="$(swift build -c release --package-path "$root" --show-bin-path)/costgate"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 "$root/Tests/Benchmarks/scale/scale.py" --costgate "$costgate" --traces "$traces" --work "$work" --seeds "${1:-20}"
