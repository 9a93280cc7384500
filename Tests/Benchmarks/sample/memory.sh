#!/usr/bin/env bash
# Peak memory and time of `costgate sample` (streaming, two passes) on an N-record JSON Lines log and on the same
# log gzipped, beside `costgate check` (which holds every record) on the plain log; release build, whole processes,
# `/usr/bin/time`'s maximum resident set (file-backed pages included).
#
#   Tests/Benchmarks/sample/memory.sh [records]      (default 1000000; the log comes from Tests/Benchmarks/traffic/gen.py)
set -euo pipefail
cd "$(dirname "$0")/../../.."
records="${1:-1000000}"
data=Tests/Benchmarks/data
log="$data/traffic-$records.jsonl"
[ -f "$log" ] || python3 Tests/Benchmarks/traffic/gen.py --records "$records" --out "$log"
[ -f "$log.gz" ] || gzip -6 -c "$log" > "$log.gz"
swift build -c release --product costgate >/dev/null
bin="$(swift build -c release --show-bin-path)/costgate"
for name in "traffic-$records.jsonl" "traffic-$records.jsonl.gz"; do
  sed "s|../data/traffic.jsonl|$name|" Tests/Benchmarks/check/plan.json > "$data/plan-$name.json"
done
sed "s|../data/traffic.jsonl|traffic-$records.jsonl|" Tests/Benchmarks/check/base.json > "$data/base-$records.json"
run() { # label command...
  local label="$1"; shift
  /usr/bin/time -f "%e %M" -o "$data/time.txt" "$@" >/dev/null
  read -r seconds kb < "$data/time.txt"
  awk -v l="$label" -v s="$seconds" -v k="$kb" -v n="$records" \
    'BEGIN { printf "%-34s %7.2f s  peak %6d MiB  (%.0f bytes a record)\n", l, s, k / 1024, k * 1024 / n }'
}
echo "records: $records ($(du -h "$log" | cut -f1) plain, $(du -h "$log.gz" | cut -f1) gzipped), $(nproc) cores"
for pass in 1 2; do
  run "sample --rate 0.05 (jsonl)" "$bin" sample --plan "$data/plan-traffic-$records.jsonl.json" --rate 0.05 --by route --by team --output "$data/sample.jsonl"
  run "sample --rate 0.05 (jsonl.gz)" "$bin" sample --plan "$data/plan-traffic-$records.jsonl.gz.json" --rate 0.05 --by route --by team --output "$data/sample-gz.jsonl"
  cmp -s "$data/sample.jsonl" "$data/sample-gz.jsonl" || echo "the two samples differ"
  run "check, base against head (jsonl)" "$bin" check --plan "$data/plan-traffic-$records.jsonl.json" --base-plan "$data/base-$records.json" --format json --output "$data/report-$records.json"
done
