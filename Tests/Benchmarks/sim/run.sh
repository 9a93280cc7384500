#!/usr/bin/env bash
# Serving-simulator performance benchmark: release build, one process (the simulator is single-threaded).
# Usage: Tests/Benchmarks/sim/run.sh            (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/../../.."
swift build -c release --product costgate >/dev/null
bin=.build/release/costgate
common=(--model meta-llama/Llama-3.1-8B-Instruct --gpu H100 --prefix-caching --lengths sharegpt --seed 1 --format json)

run() {
    local label=$1; shift
    local start end
    start=$(date +%s.%N)
    "$bin" simulate "${common[@]}" "$@" > /tmp/costgate-bench-sim.json
    end=$(date +%s.%N)
    printf '%-44s %8.3f s   ' "$label" "$(echo "$end - $start" | bc)"
    grep -E '"(completed|duration_s|preemptions)"' /tmp/costgate-bench-sim.json | tr -d ' \n'; echo
}

# One hour of a 20 req/s sample (72,000 requests), on 2 and on 4 replicas.
run "72k requests, 20 req/s, 2 replicas"  --rate 20 --requests 72000 --replicas 2
run "72k requests, 20 req/s, 4 replicas"  --rate 20 --requests 72000 --replicas 4
# 1,000,000 requests at 20 req/s (~14 h of traffic) on 4 replicas.
run "1M requests, 20 req/s, 4 replicas"   --rate 20 --requests 1000000 --replicas 4
