#!/bin/sh
# Times reading a 1,000,000-record JSON Lines sample in a release build.
#
#   Tests/Benchmarks/traffic/run.sh [records]
#
# Generates Tests/Benchmarks/data/traffic-N.jsonl (git-ignored) if missing, then runs the TrafficReadPerf test
# in release mode; it prints records/s and MB/s, and asserts nothing about time.
set -eu
cd "$(dirname "$0")/../../.."
records="${1:-1000000}"
file="Tests/Benchmarks/data/traffic-$records.jsonl"
[ -f "$file" ] || python3 Tests/Benchmarks/traffic/gen.py --records "$records" --out "$file"
# Tests use @testable import, which a release build allows only with -enable-testing.
swift build -c release -Xswiftc -enable-testing --build-tests
COSTGATE_PERF=1 COSTGATE_PERF_FILE="$PWD/$file" swift test -c release -Xswiftc -enable-testing --skip-build --filter TrafficReadPerf
