#!/bin/sh
# Times the source readers (openai-usage, anthropic-usage, LiteLLM CSV with JSON cells and JSON Lines, otlp, langfuse,
# helicone, a join) against the flat JSON Lines read in the same run, and gzip (inflate alone, and a .jsonl.gz read)
# on a file Python's gzip wrote, in a release build.
#
#   Tests/Benchmarks/traffic/sources.sh [records]
#
# Prints MB/s and time per MB relative to flat JSON Lines; asserts nothing about time.
set -eu
cd "$(dirname "$0")/../../.."
records="${1:-300000}"
file="Tests/Benchmarks/data/traffic-$records.jsonl"
[ -f "$file" ] || python3 Tests/Benchmarks/traffic/gen.py --records "$records" --out "$file"
[ -f "$file.gz" ] || python3 -c "import gzip, shutil, sys; shutil.copyfileobj(open(sys.argv[1], 'rb'), gzip.open(sys.argv[1] + '.gz', 'wb', compresslevel=6))" "$file"
# Tests use @testable import, which a release build allows only with -enable-testing.
swift build -c release -Xswiftc -enable-testing --build-tests
COSTGATE_PERF=1 COSTGATE_PERF_GZ="$PWD/$file.gz" swift test -c release -Xswiftc -enable-testing --skip-build --filter TrafficSourceReadPerf
