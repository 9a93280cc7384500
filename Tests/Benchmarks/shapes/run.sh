#!/usr/bin/env bash
# Times `costgate check` (release build) on samples shaped to stress what grows with the number of distinct names
# rather than records: N records that each name their own model (none in the catalog), their own route, their own
# customer tag, or their own tag key. A tool that is linear in records can still be quadratic in names; this script
# shows whether costgate is. Prints seconds and peak memory per shape and report format.
#
#   Tests/Benchmarks/shapes/run.sh [N]   (default 20000; needs python3, nothing from PyPI)
set -euo pipefail
cd "$(dirname "$0")/../../.."
records="${1:-20000}"
swift build -c release --product costgate >/dev/null
bin="$(swift build -c release --show-bin-path)/costgate"
work="Tests/Benchmarks/data/shapes"
for shape in models routes customers tagkeys; do
  folder="$work/$shape-$records"
  mkdir -p "$folder"
  python3 Tests/Benchmarks/shapes/gen.py "$shape" "$records" "$folder"
  for format in json markdown; do
    /usr/bin/time -f "%e %M" -o "$folder/time.txt" "$bin" check --plan "$folder/costgate.json" --format "$format" >"$folder/report.$format"
    read -r seconds kb < "$folder/time.txt"
    printf "%-10s %-9s %6.2f s  peak %5d MiB  (%d records)\n" "$shape" "$format" "$seconds" $((kb / 1024)) "$records"
  done
done
