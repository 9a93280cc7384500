#!/usr/bin/env bash
# Builds the libFuzzer harness (release, AddressSanitizer) and runs one target for a number of executions,
# starting from the committed seed corpus; new inputs go to Tests/Benchmarks/data/fuzz/TARGET (git-ignored).
#
#   Tests/CostGateFuzz/run.sh TARGET [RUNS] [extra libFuzzer options]
#   TARGET: jsonl | csv | sources | fields | plan | tokenizer | pipeline | commands | gzip | blocks | benchmark
set -euo pipefail
cd "$(dirname "$0")/../.."
target="${1:?usage: Tests/CostGateFuzz/run.sh TARGET [RUNS]}"
runs="${2:-1000000}"
shift $(( $# > 1 ? 2 : 1 ))
scratch=.build-fuzz
# -enable-testing lets the harness call the reader with a chunk count (FuzzTarget.readTraffic).
swift build -c release --scratch-path "$scratch" --sanitize fuzzer --sanitize address -Xswiftc -sanitize=fuzzer,address -Xswiftc -DCOSTGATE_FUZZING -Xswiftc -enable-testing --product CostGateFuzz >/dev/null
work="Tests/Benchmarks/data/fuzz/$target"
mkdir -p "$work" "Tests/Benchmarks/data/fuzz/crashes"
# Swift's backtracer would hold the fuzzer's output open on a crash; libFuzzer reports crashes itself.
export SWIFT_BACKTRACE=enable=no
export COSTGATE_FUZZ_TARGET="$target"
# The pipeline reads its files with Foundation's Data(contentsOf:options: .alwaysMapped), which LeakSanitizer
# reports as 4 KiB per small file (inside FoundationEssentials.readBytesFromFile, swift-corelibs 6.3.1), on the
# first input; leak checks stay on for every other target. For the pipeline, and `commands`, which reads files the
# same way, LeakSanitizer's check at exit is turned off too, or a run that ends normally reports the same 4 KiB
# blocks as a crash of an empty input.
leaks=()
if [ "$target" = pipeline ] || [ "$target" = commands ]; then
  leaks=(-detect_leaks=0)
  export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
fi
exec "$scratch/release/CostGateFuzz" -runs="$runs" -max_len=4096 -timeout=10 -rss_limit_mb=4096 \
  -artifact_prefix="Tests/Benchmarks/data/fuzz/crashes/$target-" -print_final_stats=1 "${leaks[@]}" "$@" "$work" "Tests/CostGateFuzz/Corpus/$target"
