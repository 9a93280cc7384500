#!/usr/bin/env bash
# Times `costgate check` (base plan against head plan) on a 1,000,000-record JSON Lines sample, release build,
# beside DuckDB pricing the same file under both plans and grouping it by route, model and every tag, as whole
# processes in one run (best of three each); prints seconds, peak memory, both sides' totals and the ratio.
# costgate also computes the interval, quality, latency estimates and policies; DuckDB only prices and groups.
#
#   Tests/Benchmarks/check/run.sh [records] [jsonl|csv]   (needs python3 with pip; installs duckdb into Tests/Benchmarks/.venv)
# With csv, both read the CSV twin of the same log (to_csv.py: the same records, tags as columns).
set -euo pipefail
cd "$(dirname "$0")/../../.."
records="${1:-1000000}"
format="${2:-jsonl}"
if [ ! -f "Tests/Benchmarks/data/traffic-$records.jsonl" ]; then
  python3 Tests/Benchmarks/traffic/gen.py --records "$records" --out "Tests/Benchmarks/data/traffic-$records.jsonl"
fi
plan=Tests/Benchmarks/check/plan.json
base=Tests/Benchmarks/check/base.json
if [ "$format" = csv ]; then
  [ -f "Tests/Benchmarks/data/traffic-$records.csv" ] ||
    python3 Tests/Benchmarks/check/to_csv.py "Tests/Benchmarks/data/traffic-$records.jsonl" "Tests/Benchmarks/data/traffic-$records.csv"
  for side in plan base; do
    sed 's|"path": "../data/traffic.jsonl"|"path": "traffic.csv", "format": "csv"|' "Tests/Benchmarks/check/$side.json" > "Tests/Benchmarks/data/$side-csv.json"
  done
  plan=Tests/Benchmarks/data/plan-csv.json
  base=Tests/Benchmarks/data/base-csv.json
fi
data="Tests/Benchmarks/data/traffic.$format"
ln -sf "traffic-$records.$format" "$data"
[ -x Tests/Benchmarks/.venv/bin/python ] || python3 -m venv Tests/Benchmarks/.venv
Tests/Benchmarks/.venv/bin/python -c "import duckdb" 2>/dev/null || Tests/Benchmarks/.venv/bin/pip install -q duckdb==2.0.1
swift build -c release --product costgate >/dev/null
bin="$(swift build -c release --show-bin-path)/costgate"

measure() { # label command...
  local label="$1"; shift
  local best="" rss=""
  for run in 1 2 3; do
    /usr/bin/time -f "%e %M" -o Tests/Benchmarks/data/time.txt "$@" >Tests/Benchmarks/data/out-"$label".txt
    read -r seconds kb < Tests/Benchmarks/data/time.txt
    if [ -z "$best" ] || awk "BEGIN{exit !($seconds < $best)}"; then best=$seconds; rss=$kb; fi
  done
  echo "$label $best $rss"
}
echo "records: $records, $format ($(du -h "Tests/Benchmarks/data/traffic-$records.$format" | cut -f1)), $(nproc) cores"
c=$(measure costgate "$bin" check --plan "$plan" --base-plan "$base" --format json --output Tests/Benchmarks/data/report.json)
d=$(measure duckdb Tests/Benchmarks/.venv/bin/python Tests/Benchmarks/check/duckdb_peer.py "$data")
read -r _ cs cm <<<"$c"; read -r _ ds dm <<<"$d"
totals=$(python3 -c 'import json; r = json.load(open("Tests/Benchmarks/data/report.json")); b = r["baseline"]["monthly_cost"]; h = r["candidates"][0]["monthly_cost"]; print("costgate base %.6f head %.6f" % (b, h))')
printf "costgate check: %6.2f s  peak %5d MiB  (%s)\n" "$cs" $((cm / 1024)) "$totals"
printf "duckdb        : %6.2f s  peak %5d MiB  (%s)\n" "$ds" $((dm / 1024)) "$(cat Tests/Benchmarks/data/out-duckdb.txt)"
awk -v a="$cs" -v b="$ds" 'BEGIN { printf "ratio costgate/duckdb time: %.2f (below 1 means costgate is faster)\n", a / b }'
