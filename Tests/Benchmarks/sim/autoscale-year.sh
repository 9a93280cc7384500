#!/usr/bin/env bash
# A year of sparse requests to an autoscaled GPU service: `Scenarios/cv-service-autoscale`'s plan over every 21st of
# its records, re-timed one every 9.7 hours (900 records) and one every 3.6 days (100), under the plan's own 5- and
# 10-minute windows and under one-day windows. Times `check` on each, release build, with the costgate binary given
# (default .build/release/costgate) so that two builds can be run in turn on the same inputs.
#
#   Tests/Benchmarks/sim/autoscale-year.sh [costgate binary]
set -euo pipefail
cd "$(dirname "$0")/../../.."
bin="${1:-.build/release/costgate}"
[ "$#" -gt 0 ] || swift build -c release --product costgate >/dev/null
work=Tests/Benchmarks/data/autoscale-year
mkdir -p "$work"
python3 - "$work" <<'PY'
import datetime, json, sys
work = sys.argv[1]
source = "Scenarios/cv-service-autoscale"
records = [json.loads(line) for line in open(f"{source}/traffic.jsonl").read().splitlines()[::21]][:900]
start = datetime.datetime(2025, 12, 1, tzinfo=datetime.timezone.utc)
lines = []
for i, record in enumerate(records):
    record["timestamp"] = (start + datetime.timedelta(seconds=i * 35_000 + (i * 7_919) % 3_000)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    lines.append(json.dumps(record))
open(f"{work}/traffic-900.jsonl", "w").write("\n".join(lines) + "\n")
open(f"{work}/traffic-100.jsonl", "w").write("\n".join(lines[::9]) + "\n")
for records in ("900", "100"):
    for windows in ("own", "day"):
        plan = json.load(open(f"{source}/costgate.json"))
        plan["traffic"]["path"] = f"traffic-{records}.jsonl"
        if windows == "day":
            plan["deployments"]["tagger"]["replicas"]["scale_up_for_s"] = 86_400
            plan["deployments"]["tagger"]["replicas"]["scale_down_for_s"] = 86_400
        json.dump(plan, open(f"{work}/plan-{records}-{windows}.json", "w"), indent=1)
PY
for plan in "$work"/plan-*.json; do
  start=$(date +%s.%N)
  "$bin" check --plan "$plan" --format json > "$work/report-$(basename "$plan")"
  end=$(date +%s.%N)
  printf '%-32s %6.3f s  %s\n' "$(basename "$plan")" "$(echo "$end - $start" | bc)" "$(sha256sum < "$work/report-$(basename "$plan")" | cut -c1-16)"
done
