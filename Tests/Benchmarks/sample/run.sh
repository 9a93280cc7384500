#!/usr/bin/env bash
# Checks the DuckDB warehouse template (ci/warehouse/duckdb.sql) against `costgate sample` on the support chatbot's
# log (stratified by route, and by route and customer): the same number of records per stratum, and both samples' forecasts inside the full log's interval.
# Needs DuckDB from PyPI in Tests/Benchmarks/.venv (python3 -m venv Tests/Benchmarks/.venv && .venv/bin/pip install duckdb).
#   Tests/Benchmarks/sample/run.sh [RATE ...]     (default rates: 0.05 0.1 0.2)
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
python="${DUCKDB_PYTHON:-$root/Tests/Benchmarks/.venv/bin/python}"
swift build -c release --package-path "$root" >&2
costgate="$(swift build -c release --package-path "$root" --show-bin-path)/costgate"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$python" "$root/Tests/Benchmarks/sample/check_duckdb.py" --costgate "$costgate" --root "$root" --work "$work" "${@:-0.05 0.1 0.2}"
