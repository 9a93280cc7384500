#!/usr/bin/env bash
# Renders `check --format html` for two scenarios (support-chatbot: latency CDF; self-hosted-llama: replicas by
# hour) and screenshots each page with headless Chromium, so anyone can look at what the HTML report draws.
# Writes the pages and PNGs to an output folder (default: a new temporary one) and prints their paths.
#
#   apt-get install -y chromium        (Debian's package; or set CHROMIUM to another Chromium or Chrome binary)
#   Tests/Benchmarks/html/screenshot.sh [output-folder]
#
# The page loads nothing from the network, so the screenshot needs no connection; a machine without an emoji
# font still shows every mark (the page uses ✓ ! ✗).
set -euo pipefail
cd "$(dirname "$0")/../../.."
out="${1:-$(mktemp -d)}"
mkdir -p "$out"
chromium="${CHROMIUM:-chromium}"
command -v "$chromium" >/dev/null || { echo "no $chromium: apt-get install -y chromium, or set CHROMIUM" >&2; exit 2; }
swift build --product costgate >/dev/null
bin="$(swift build --show-bin-path)/costgate"
for scenario in support-chatbot self-hosted-llama; do
  page="$out/$scenario.html"
  # check exits 1 when a policy fails; the page is written either way.
  "$bin" check --plan "Scenarios/$scenario/costgate.json" --base-plan "Scenarios/$scenario/costgate.base.json" \
    --format html --output "$page" || [ $? -eq 1 ]
  "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1000,2200 \
    --screenshot="$out/$scenario.png" "file://$(cd "$out" && pwd)/$scenario.html" 2>/dev/null
  echo "$out/$scenario.html"
  echo "$out/$scenario.png"
done
